/**
 * Socket.IO event maps, one pair per namespace. The hub types its server as
 * `Server<VisitorClientEvents, VisitorServerEvents>` and so on; clients type their
 * sockets as `Socket<VisitorServerEvents, VisitorClientEvents>`. Names are
 * `domain:verb`. Every client-to-hub event with a callback is answered with an Ack.
 */
import type { Ack, AckCallback } from './errors.ts';
import type { AgentProfile, AgentStatus, Conversation, Department, Message } from './model.ts';
import type {
  AgentSendMessage,
  ConversationRef,
  SendMessage,
  SetStatus,
  StartConversation,
  SyncConversation,
  Typing,
} from './schemas.ts';

/**
 * One page of a transcript. `more` is true when messages after the last one returned
 * exist (the page was cut by LIMITS.syncPage or LIMITS.syncPageBytes): ask again with
 * `afterSeq` set to the last seq received.
 */
export type SyncResult = { conversation: Conversation; messages: Message[]; more: boolean };

// ---- /visitor ---------------------------------------------------------------

export interface VisitorClientEvents {
  /** The visitor's conversations, newest first. */
  'conversation:list': (
    payload: Record<string, never>,
    ack: AckCallback<{ conversations: Conversation[] }>,
  ) => void;
  /** Retried with the same clientId, returns the conversation made the first time. */
  'conversation:start': (
    payload: StartConversation,
    ack: AckCallback<{ conversation: Conversation }>,
  ) => void;
  /** Messages with seq > afterSeq, oldest first, one page (see SyncResult). */
  'conversation:sync': (payload: SyncConversation, ack: AckCallback<SyncResult>) => void;
  'message:send': (payload: SendMessage, ack: AckCallback<{ message: Message }>) => void;
  'typing:set': (payload: Typing) => void;
}

export interface VisitorServerEvents {
  /** Sent once on connect: the token to keep for the next visit. */
  'visitor:session': (session: { visitorId: string; token: string }) => void;
  'message:new': (message: Message) => void;
  'conversation:updated': (conversation: Conversation) => void;
  'typing:changed': (typing: { conversationId: string; typing: boolean }) => void;
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
  'typing:set': (payload: Typing) => void;
}

export interface AgentServerEvents {
  'agent:hello': (hello: {
    agent: AgentProfile;
    status: AgentStatus;
    departments: Department[];
  }) => void;
  'message:new': (message: Message) => void;
  'conversation:updated': (conversation: Conversation) => void;
  'typing:changed': (typing: { conversationId: string; typing: boolean }) => void;
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
