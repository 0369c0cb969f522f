import type { Conversation, DepartmentId } from '@switchboard/shared';

export interface NewConversation {
  id: string;
  siteId: string;
  visitorId: string;
  /** The visitor's clientId for conversation:start, so a retried start is idempotent. */
  clientId: string;
  department: DepartmentId;
}

/** What routing needs to know, loaded in one go. */
export interface RoutingSnapshot {
  waiting: { id: string; department: string; queuedAt: number }[];
  /** Per agent holding at least one open conversation. */
  loads: Map<string, { load: number; lastAssignedAt: number }>;
}

export interface Assignment {
  conversationId: string;
  agentId: string;
}

/**
 * Conversations and their lifecycle. Every state change is one atomic compare-and-set
 * on the conversation: it applies only from the state it expects, so two hubs (or two
 * agents) racing for one conversation never both win.
 */
export interface ConversationStore {
  /** Null if there is no such conversation. */
  get(id: string): Promise<Conversation | null>;
  /**
   * Creates a waiting conversation. Idempotent per (visitor, clientId): a retried
   * start creates nothing and returns the first conversation with `created: false`,
   * whatever id and department the retry names. Rejects, writing nothing, if the site,
   * visitor or department does not exist. Settles once durable.
   */
  start(c: NewConversation, now: number): Promise<{ conversation: Conversation; created: boolean }>;
  /** The visitor's conversations, newest first, at most `limit`. */
  listForVisitor(visitorId: string, limit?: number): Promise<Conversation[]>;
  /**
   * The agent's inbox, most recently updated first (a message counts as an update):
   * open conversations assigned to the agent, conversations waiting in the given
   * departments, and the agent's `resolvedLimit` most recently resolved ones.
   */
  listForAgent(
    agentId: string,
    departments: readonly DepartmentId[],
    resolvedLimit?: number,
  ): Promise<Conversation[]>;
  /**
   * Waiting conversations, and each agent's count of assigned (open) conversations
   * with the time of their latest assignment. Resolved conversations count for no one.
   */
  routingSnapshot(): Promise<RoutingSnapshot>;
  /**
   * Assigns each conversation that is still waiting; one that is not (claimed or
   * assigned meanwhile, resolved, missing) is skipped. Returns those assigned, in the
   * order given. Settles once durable. The assignments of one call may be applied
   * one by one (a backend with many writers need not lock them all at once), but
   * each one is atomic.
   */
  assignWaiting(assignments: readonly Assignment[], now: number): Promise<Conversation[]>;
  /**
   * Resolves a waiting or assigned conversation; null if it is missing or already
   * resolved (the first resolve wins, a repeat changes nothing). Settles once durable.
   */
  resolve(id: string, now: number): Promise<Conversation | null>;
}
