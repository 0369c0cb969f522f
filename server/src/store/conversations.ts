import type { Conversation, DepartmentId } from '@switchboard/shared';

/** The columns an access decision needs (see policy/), without a list's joins. */
export type ConversationFacts = Pick<
  Conversation,
  'id' | 'visitorId' | 'department' | 'status' | 'assigneeId'
>;

/**
 * Conversations as clients read them. Their state changes are routing's: RoutingStore
 * writes them, with their events, in one transaction.
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
  /** The visitor's conversations, newest first, at most `limit`. */
  listForVisitor(visitorId: string, limit?: number): Promise<Conversation[]>;
  /**
   * The agent's inbox, most recently updated first (a message counts as an update):
   * open conversations assigned to the agent, conversations waiting in the given
   * departments (queued, or a left message pending), and the `resolvedLimit` most
   * recently resolved ones the agent held last.
   */
  listForAgent(
    agentId: string,
    departments: readonly DepartmentId[],
    resolvedLimit?: number,
  ): Promise<Conversation[]>;
}
