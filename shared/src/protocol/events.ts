/**
 * Socket.IO event maps, one pair per namespace. The hub types its server as
 * `Server<VisitorClientEvents, VisitorServerEvents>` and so on; clients type their
 * sockets as `Socket<VisitorServerEvents, VisitorClientEvents>`. Names are
 * `domain:verb`. Every client-to-hub event with a callback is answered with an Ack.
 */
import type { Ack, AckCallback } from './errors.ts';
import type {
  AgentProfile,
  AgentStatus,
  Conversation,
  Department,
  DepartmentId,
  Message,
} from './model.ts';
import type {
  AgentSendMessage,
  ConversationRef,
  DepartmentRef,
  LeaveMessage,
  Reassign,
  SendMessage,
  SetStatus,
  StartConversation,
  SyncConversation,
  Transfer,
  Typing,
} from './schemas.ts';

/**
 * One page of a transcript. `more` is true when messages after the last one returned
 * exist (the page was cut by LIMITS.syncPage or LIMITS.syncPageBytes): ask again with
 * `afterSeq` set to the last seq received.
 */
export type SyncResult = { conversation: Conversation; messages: Message[]; more: boolean };

/** Where a queued visitor stands: 1 is next. The wait is null when unknown (docs/routing.md). */
export interface QueuePosition {
  conversationId: string;
  position: number;
  estimatedWaitMs: number | null;
}

/** Why a visitor is offered leave-a-message; `queued: false` means it is the only way on. */
export interface LeaveMessageOffer {
  /** The conversation that waits; with `queued: false`, the refused start's, never created. */
  conversationId: string;
  department: DepartmentId;
  reason: 'closed' | 'no_agent_online' | 'queue_full';
  queued: boolean;
}

/** Whether a department takes chats now, and if not, whether it takes messages. */
export type Availability =
  | { status: 'open' }
  | { status: 'unstaffed' | 'closed' | 'queue_full' | 'disabled'; leaveMessage: boolean };

/** A department's queue as staff boards show it. */
export interface QueueStats {
  department: DepartmentId;
  length: number;
  longestWaitMs: number | null;
}

/** An SLA warning (80 % of the first-response target) or breach, for supervisors. */
export interface SlaAlert {
  conversationId: string;
  department: DepartmentId;
  kind: 'warning' | 'breach';
  target: 'first_response' | 'resolution';
  dueAt: number;
}

// ---- /visitor ---------------------------------------------------------------

export interface VisitorClientEvents {
  /** The visitor's conversations, newest first. */
  'conversation:list': (
    payload: Record<string, never>,
    ack: AckCallback<{ conversations: Conversation[] }>,
  ) => void;
  /** Retried with the same clientId, returns the conversation and message made the first time. */
  'conversation:start': (
    payload: StartConversation,
    ack: AckCallback<{ conversation: Conversation; message: Message }>,
  ) => void;
  /** Messages with seq > afterSeq, oldest first, one page (see SyncResult). */
  'conversation:sync': (payload: SyncConversation, ack: AckCallback<SyncResult>) => void;
  'message:send': (payload: SendMessage, ack: AckCallback<{ message: Message }>) => void;
  'typing:set': (payload: Typing) => void;
  /** Leaves the queue: the conversation ends (abandoned, in PRODUCT.md's terms). */
  'conversation:leave': (
    payload: ConversationRef,
    ack: AckCallback<{ conversation: Conversation }>,
  ) => void;
  /** Leave-a-message; answered by an agent later, seen the next time the widget opens. */
  'conversation:leave-message': (
    payload: LeaveMessage,
    ack: AckCallback<{ conversation: Conversation; message: Message }>,
  ) => void;
  /** Whether to offer chat or leave-a-message for a department, before writing. */
  'queue:availability': (
    payload: DepartmentRef,
    ack: AckCallback<{ availability: Availability }>,
  ) => void;
}

export interface VisitorServerEvents {
  /** Sent once on connect: the token to keep for the next visit. */
  'visitor:session': (session: { visitorId: string; token: string }) => void;
  'message:new': (message: Message) => void;
  'conversation:updated': (conversation: Conversation) => void;
  'typing:changed': (typing: { conversationId: string; typing: boolean }) => void;
  'queue:position': (position: QueuePosition) => void;
  'conversation:offer': (offer: LeaveMessageOffer) => void;
}

// ---- /agent -----------------------------------------------------------------

export interface AgentClientEvents {
  /** Conversations assigned to me and those waiting in my departments. */
  'conversation:list': (
    payload: Record<string, never>,
    ack: AckCallback<{ conversations: Conversation[] }>,
  ) => void;
  'conversation:sync': (payload: SyncConversation, ack: AckCallback<SyncResult>) => void;
  /** Take a waiting conversation; atomic, so two agents can never both get it. */
  'conversation:claim': (
    payload: ConversationRef,
    ack: AckCallback<{ conversation: Conversation }>,
  ) => void;
  'conversation:resolve': (
    payload: ConversationRef,
    ack: AckCallback<{ conversation: Conversation }>,
  ) => void;
  'message:send': (payload: AgentSendMessage, ack: AckCallback<{ message: Message }>) => void;
  'agent:status': (payload: SetStatus, ack: AckCallback<{ status: AgentStatus }>) => void;
  /** Hands a chat I hold to another department's queue or a named agent, with a note. */
  'conversation:transfer': (
    payload: Transfer,
    ack: AckCallback<{ conversation: Conversation }>,
  ) => void;
  /** Supervisors and admins: hand any conversation to a named agent. */
  'conversation:reassign': (
    payload: Reassign,
    ack: AckCallback<{ conversation: Conversation }>,
  ) => void;
  'typing:set': (payload: Typing) => void;
}

export interface AgentServerEvents {
  'agent:hello': (hello: {
    agent: AgentProfile;
    status: AgentStatus;
    departments: Department[];
    /** The queues this agent watches (their departments; every one for supervisors). */
    queues: QueueStats[];
  }) => void;
  'message:new': (message: Message) => void;
  'conversation:updated': (conversation: Conversation) => void;
  'typing:changed': (typing: { conversationId: string; typing: boolean }) => void;
  'queue:stats': (stats: QueueStats) => void;
  'sla:alert': (alert: SlaAlert) => void;
}

// ---- derived types: what either end needs to type one event ---------------------

type Args<F> = F extends (...args: infer A) => void ? A : never;

/** The payload of event E of map M. */
export type EventPayload<M, E extends keyof M> = Args<M[E]>[0];

/** The events of M that the hub answers with an ack. */
export type AckedEvent<M> = {
  [E in keyof M]: Args<M[E]> extends [unknown, (ack: never) => void] ? E : never;
}[keyof M] &
  string;

/** The ack event E is answered with: `{ ok: true, ... } | { ok: false, error }`. */
export type EventAck<M, E extends keyof M> =
  Args<M[E]> extends [unknown, (ack: infer A) => void] ? A : never;

/**
 * What the hub's handler for E returns: the success fields of its ack (the hub adds
 * `ok: true`); anything for events without an ack, whose result nobody hears.
 */
export type EventResult<M, E extends keyof M> =
  Args<M[E]> extends [unknown, (ack: Ack<infer T>) => void] ? T : unknown;
