import type {
  AgentProfile,
  AgentStatus,
  Conversation,
  Department,
  DepartmentId,
  Message,
} from '@switchboard/shared';
import type { Conversation as Routed } from '../routing/model.ts';
import type { EventDraft } from './events.ts';
import type { NewMessage } from './messages.ts';

/** A conversation a routing outcome creates, with the visitor's first message. */
export interface NewConversation {
  id: string;
  siteId: string;
  visitorId: string;
  /**
   * The visitor's clientId for conversation:start: unique per visitor, so a retried
   * start finds the first (ConversationStore.byClientId) and never creates a second.
   */
  clientId: string;
  department: DepartmentId;
}

/** An agent as routing needs it: who, the status they chose, when last given a chat. */
export interface RoutingAgentRecord {
  profile: AgentProfile;
  status: AgentStatus;
  lastAssignedAt: number | null;
}

/** A conversation's routing fields, and whose it is (for the event log's actor). */
export interface RoutedRecord {
  conversation: Routed;
  visitorId: string;
  visitorName: string | null;
}

/** What routing decides over (routing/model.ts RoutingState, before presence). */
export interface RoutingRecord {
  departments: Department[];
  agents: RoutingAgentRecord[];
  /** Every conversation not resolved, and the resolved ones the caller named. */
  conversations: RoutedRecord[];
}

/** One routing outcome, written in one transaction. */
export interface RoutingWrite {
  /** A conversation the outcome creates, with the visitor's first message. */
  created?: { conversation: NewConversation; message: Omit<NewMessage, 'conversationId'> };
  /**
   * A message the outcome adds to a conversation that exists (a hand-off's note, a
   * message left by a visitor who stops waiting), with that conversation's next seq.
   */
  appended?: NewMessage;
  /** Routing fields written as given; each row already exists or is `created`. */
  conversations: readonly Routed[];
  /** Agents' chosen status and last assignment, written as given. */
  agents: readonly { id: string; status: AgentStatus; lastAssignedAt: number | null }[];
  /** The log entries of the outcome's decisions, in order. */
  events: readonly { conversationId: string; event: EventDraft }[];
}

/**
 * Routing's state in the store. One routing writer applies outcomes at a time (the
 * dispatcher serializes them; with several hubs, one per department will hold a
 * lease), so `apply` writes what routing computed without comparing first. Every due
 * time lives here: a restart resumes queues, assignments and timers exactly.
 */
export interface RoutingStore {
  /** Every department and agent, and the conversations (`named` ids unknown are ignored). */
  load(named: readonly string[]): Promise<RoutingRecord>;
  /**
   * Writes the outcome atomically and settles once it is durable: the created
   * conversation and its first message (seq 1) or the appended message, the rows, and
   * the events, or nothing.
   * Rejects, writing nothing, if any part fails: a created id or (visitor, clientId)
   * already taken, a site, visitor, department or agent that does not exist, a row or
   * an event for a conversation neither stored nor created, an appended message whose
   * conversation does not exist or whose clientId is taken there. Returns the written
   * conversations as clients see them, in the order given, and the message if any.
   */
  apply(
    write: RoutingWrite,
    now: number,
  ): Promise<{ conversations: Conversation[]; message: Message | null }>;
  /** The status the agent chose last ('offline' for an unknown agent). */
  status(agentId: string): Promise<AgentStatus>;
  /** Handle times (assignment to resolution) of recently resolved chats, newest first. */
  recentHandleTimes(department: string, limit: number): Promise<number[]>;
}
