/**
 * Reply schemas of the HTTP API: what the OpenAPI document shows, and what Fastify
 * serializes with, so a field left out here never leaves the hub (a password hash, a
 * token). Each model schema is checked at compile time against its shared type, so a
 * field added to the type and forgotten here fails `pnpm typecheck` instead of
 * vanishing from replies.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import type { Conversation, ConversationEvent, Message } from '@switchboard/shared';
import { HTTP_ERROR_CODES } from '@switchboard/shared';
import { describes } from '@switchboard/shared/operations';

// The admin API's reply schemas live beside its operations in shared/, where the typed
// client reads them too.
export { AgentProfileSchema, DepartmentSchema } from '@switchboard/shared/operations';

const Id = Type.String();
const Nullable = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);
/** One of these strings (a JSON Schema enum, which reads better in the docs than anyOf). */
const oneOf = <const L extends readonly string[]>(values: L) =>
  Type.Unsafe<L[number]>({ type: 'string', enum: [...values] });

const Author = oneOf(['visitor', 'agent']);

export const MessageSchema = describes<Message>()(
  Type.Object({
    conversationId: Id,
    seq: Type.Integer(),
    clientId: Type.String(),
    author: Author,
    authorName: Nullable(Type.String()),
    kind: oneOf(['text', 'note']),
    body: Type.String(),
    createdAt: Type.Integer(),
  }),
);

export const ConversationSchema = describes<Conversation>()(
  Type.Object({
    id: Id,
    department: Type.String(),
    status: oneOf(['queued', 'assigned', 'pending', 'resolved']),
    visitorId: Id,
    visitorName: Nullable(Type.String()),
    visitorHandle: Type.String(),
    assigneeId: Nullable(Id),
    assigneeName: Nullable(Type.String()),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
    resolvedAt: Nullable(Type.Integer()),
    lastSeq: Type.Integer(),
    lastMessage: Nullable(
      Type.Object({
        seq: Type.Integer(),
        author: Author,
        body: Type.String(),
        createdAt: Type.Integer(),
      }),
    ),
    vip: Type.Boolean(),
    queuedAt: Nullable(Type.Integer()),
    firstResponseDueAt: Nullable(Type.Integer()),
    resolutionDueAt: Nullable(Type.Integer()),
  }),
);

const SlaTarget = oneOf(['first_response', 'resolution']);
const EVENT_DATA = {
  queued: Type.Object({ department: Type.String() }),
  assigned: Type.Object({
    agentId: Id,
    agentName: Type.String(),
    by: oneOf(['auto', 'claim', 'supervisor', 'transfer', 'reopen']),
  }),
  transferred: Type.Object({
    fromAgentId: Nullable(Id),
    fromDepartment: Type.String(),
    toDepartment: Type.String(),
    toAgentId: Nullable(Id),
    note: Type.String(),
  }),
  requeued: Type.Object({
    reason: oneOf([
      'agent_disconnected',
      'agent_signed_out',
      'agent_disabled',
      'transfer',
      'supervisor',
    ]),
    fromAgentId: Nullable(Id),
  }),
  left_queue: Type.Object({}),
  message_left: Type.Object({ name: Type.String(), email: Type.String() }),
  sla_warning: Type.Object({ target: SlaTarget, dueAt: Type.Integer() }),
  sla_breached: Type.Object({ target: SlaTarget, dueAt: Type.Integer() }),
  resolved: Type.Object({ assigneeId: Nullable(Id) }),
  reopened: Type.Object({}),
} as const;

const EventActor = Type.Object({
  kind: oneOf(['visitor', 'agent', 'system']),
  id: Nullable(Id),
  name: Nullable(Type.String()),
});

const eventOf = <T extends keyof typeof EVENT_DATA>(type: T) =>
  Type.Object({
    conversationId: Id,
    seq: Type.Integer(),
    type: Type.Literal(type),
    at: Type.Integer(),
    actor: EventActor,
    data: EVENT_DATA[type],
  });

export const ConversationEventSchema = describes<ConversationEvent>()(
  Type.Union([
    eventOf('queued'),
    eventOf('assigned'),
    eventOf('transferred'),
    eventOf('requeued'),
    eventOf('left_queue'),
    eventOf('message_left'),
    eventOf('sla_warning'),
    eventOf('sla_breached'),
    eventOf('resolved'),
    eventOf('reopened'),
  ]),
);

/** Every error reply: `{ ok: false, error: { code, message } }` with the code's status. */
export const ErrorReply = Type.Object({
  ok: Type.Literal(false),
  error: Type.Object({ code: oneOf(HTTP_ERROR_CODES), message: Type.String() }),
});

/** The error replies a signed-in route may give besides its own. */
export const GUARDED_ERRORS = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply } as const;
