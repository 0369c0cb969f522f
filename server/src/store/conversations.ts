import type {
  AssignedBy,
  Conversation,
  ConversationEvent,
  DepartmentId,
  EventActor,
} from '@switchboard/shared';
import type { EventDraft } from './events.ts';

export interface NewConversation {
  id: string;
  siteId: string;
  visitorId: string;
  /** The visitor's clientId for conversation:start, so a retried start is idempotent. */
  clientId: string;
  department: DepartmentId;
}

/** The columns an access decision needs (see policy/), without a list's joins. */
export type ConversationFacts = Pick<
  Conversation,
  'id' | 'visitorId' | 'department' | 'status' | 'assigneeId'
>;

/** What routing needs to know, loaded in one go. */
export interface RoutingSnapshot {
  waiting: { id: string; department: string; queuedAt: number }[];
  /** Per agent holding at least one open conversation. */
  loads: Map<string, { load: number; lastAssignedAt: number }>;
}

export interface Assignment {
  conversationId: string;
  agentId: string;
  /** Recorded in the `assigned` event, with `actor` (the system for `auto`). */
  by: AssignedBy;
  actor: EventActor;
}

/** A conversation as a change left it, and the events written with the change. */
export interface ConversationChange {
  conversation: Conversation;
  /** In seq order; `at` is the change's `now`. */
  events: ConversationEvent[];
}

/**
 * Conversations and their lifecycle. Every state change is one atomic compare-and-set
 * on the conversation: it applies only from the state it expects, so two hubs (or two
 * agents) racing for one conversation never both win. A change writes its events to
 * the conversation's log (EventStore) in the same transaction: a change that applies
 * leaves exactly its events, one refused or failed leaves none.
 *
 * Adding a state change (transfer, requeue, SLA, reopen …): one method here that takes
 * what its events need, checks and changes the conversation's row first (which, in a
 * backend with concurrent writers, locks it), then appends its events in the same
 * transaction.
 */
export interface ConversationStore {
  /** Null if there is no such conversation. */
  get(id: string): Promise<Conversation | null>;
  /**
   * What `get` says of who and where, without what a list shows: the policy asks it
   * before every message, so it must cost one primary-key read. Null if missing.
   */
  facts(id: string): Promise<ConversationFacts | null>;
  /** The conversation a visitor started with this clientId, if any (a retried start). */
  byClientId(visitorId: string, clientId: string): Promise<Conversation | null>;
  /**
   * Creates a waiting conversation with `events` as the start of its log (the
   * dispatcher decides what a start records; today `queued`). Idempotent per (visitor,
   * clientId): a retried start creates nothing, writes no events and returns the first
   * conversation with `created: false` and `events: []`, whatever id and department the
   * retry names. Rejects, writing nothing, if the site, visitor or department does not
   * exist. Settles once durable.
   */
  start(
    c: NewConversation,
    now: number,
    events: readonly EventDraft[],
  ): Promise<ConversationChange & { created: boolean }>;
  /** The visitor's conversations, newest first, at most `limit`. */
  listForVisitor(visitorId: string, limit?: number): Promise<Conversation[]>;
  /**
   * The agent's inbox, most recently updated first (a message counts as an update):
   * open conversations assigned to the agent, conversations waiting in the given
   * departments, and the `resolvedLimit` most recently resolved ones the agent held last.
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
   * Assigns each conversation that is still waiting, with an `assigned` event (the
   * agent's name as it is now, `by`, `actor`); one that is not waiting (claimed or
   * assigned meanwhile, resolved, missing) is skipped and gets no event. Returns those
   * assigned, in the order given. Rejects if an agent does not exist. Settles once
   * durable. The assignments of one call may commit one by one (a backend with many
   * writers need not lock them all at once), but each is atomic with its event.
   */
  assignWaiting(assignments: readonly Assignment[], now: number): Promise<ConversationChange[]>;
  /**
   * Resolves a waiting or assigned conversation, with a `resolved` event (by `actor`,
   * naming who held it). Null, and no event, if it is missing or already resolved: the
   * first resolve wins. Settles once durable.
   */
  resolve(id: string, now: number, actor: EventActor): Promise<ConversationChange | null>;
}
