/**
 * Payload schemas for every client-to-hub event and HTTP body. The hub compiles and
 * enforces them; clients import only the static types (`import type`), so no
 * validator code reaches the widget bundle.
 */
import { type Static, Type } from '@sinclair/typebox';
import { LIMITS } from './limits.ts';

const ConversationId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const ClientId = Type.String({
  minLength: 1,
  maxLength: LIMITS.clientId,
  pattern: '^[A-Za-z0-9_-]+$',
});
const DepartmentId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_]+$' });
const Body = Type.String({ minLength: 1, maxLength: LIMITS.messageBody });

/** Payload of events that take no arguments: `{}` (or nothing at all, see the hub). */
export const Empty = Type.Object({}, { additionalProperties: false });

/**
 * A conversation starts with the visitor's first message (picking a topic alone
 * creates nothing); `clientId` is that message's too. `vip` is taken as the site gives
 * it until the site turns on identity verification.
 */
export const StartConversation = Type.Object(
  {
    department: DepartmentId,
    clientId: ClientId,
    body: Body,
    vip: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StartConversation = Static<typeof StartConversation>;

export const SendMessage = Type.Object(
  { conversationId: ConversationId, clientId: ClientId, body: Body },
  { additionalProperties: false },
);
export type SendMessage = Static<typeof SendMessage>;

/** Agents may also write internal notes, which never reach the visitor. */
export const AgentSendMessage = Type.Object(
  {
    conversationId: ConversationId,
    clientId: ClientId,
    body: Body,
    kind: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('note')])),
  },
  { additionalProperties: false },
);
export type AgentSendMessage = Static<typeof AgentSendMessage>;

export const SyncConversation = Type.Object(
  { conversationId: ConversationId, afterSeq: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type SyncConversation = Static<typeof SyncConversation>;

export const ConversationRef = Type.Object(
  { conversationId: ConversationId },
  { additionalProperties: false },
);
export type ConversationRef = Static<typeof ConversationRef>;

export const Typing = Type.Object(
  { conversationId: ConversationId, typing: Type.Boolean() },
  { additionalProperties: false },
);
export type Typing = Static<typeof Typing>;

export const SetStatus = Type.Object(
  { status: Type.Union([Type.Literal('online'), Type.Literal('away')]) },
  { additionalProperties: false },
);
export type SetStatus = Static<typeof SetStatus>;

export const Login = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type Login = Static<typeof Login>;

/** Handshake `auth` of the /visitor namespace. */
export const VisitorAuth = Type.Object({
  siteKey: Type.String({ minLength: 1, maxLength: 64 }),
  token: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
});
export type VisitorAuth = Static<typeof VisitorAuth>;

/** Body of POST /api/widget/session: the frame asks the hub to keep its token as a cookie. */
export const RememberVisitor = Type.Object(
  {
    site: Type.String({ minLength: 1, maxLength: 64 }),
    token: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type RememberVisitor = Static<typeof RememberVisitor>;

const AgentId = Type.String({ minLength: 1, maxLength: 64 });
const Note = Type.String({ minLength: 1, maxLength: LIMITS.messageBody });

/**
 * Leave-a-message (留言): a new pending conversation of `department`, or, with
 * `conversationId`, a queued one the visitor stops waiting in. `clientId` is the
 * message's.
 */
export const LeaveMessage = Type.Object(
  {
    department: DepartmentId,
    conversationId: Type.Optional(ConversationId),
    clientId: ClientId,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' }),
    body: Body,
  },
  { additionalProperties: false },
);
export type LeaveMessage = Static<typeof LeaveMessage>;

export const DepartmentRef = Type.Object(
  { department: DepartmentId },
  { additionalProperties: false },
);
export type DepartmentRef = Static<typeof DepartmentRef>;

/** To another department's queue, or to a named agent; the note is for the next agent. */
export const Transfer = Type.Object(
  {
    conversationId: ConversationId,
    to: Type.Union([
      Type.Object({ department: DepartmentId }, { additionalProperties: false }),
      Type.Object(
        { agentId: AgentId, department: Type.Optional(DepartmentId) },
        { additionalProperties: false },
      ),
    ]),
    note: Note,
  },
  { additionalProperties: false },
);
export type Transfer = Static<typeof Transfer>;

/** A supervisor or admin hands a conversation to a named agent. */
export const Reassign = Type.Object(
  { conversationId: ConversationId, agentId: AgentId, note: Type.Optional(Note) },
  { additionalProperties: false },
);
export type Reassign = Static<typeof Reassign>;
