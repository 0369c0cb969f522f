import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LIMITS } from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import { fail } from '../errors.ts';
import { staffActor } from '../policy/actions.ts';
import { assertAllowed } from '../policy/policy.ts';
import {
  ConversationEventSchema,
  ConversationSchema,
  ErrorReply,
  GUARDED_ERRORS,
  MessageSchema,
} from './replies.ts';

const ConversationPath = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

const MessagesAfter = Type.Object(
  {
    afterSeq: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: `messages with a greater seq, at most ${LIMITS.syncPage}; page with the last one's seq`,
      }),
    ),
  },
  { additionalProperties: false },
);

const ConversationReply = Type.Object({
  ok: Type.Literal(true),
  conversation: ConversationSchema,
  events: Type.Array(ConversationEventSchema, {
    description: 'the timeline: every routing event, in order',
  }),
  messages: Type.Array(MessageSchema, { description: 'oldest first, internal notes included' }),
});

/** Conversations over HTTP, for staff: what the console's timeline and QA read. */
export async function conversationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = app;

  const get = {
    config: { policy: 'conversation:read' },
    schema: {
      operationId: 'getConversation',
      summary: 'A conversation with its timeline and its messages, notes included',
      description:
        'Agents see their departments\u2019 conversations and those assigned to them; ' +
        'supervisors, QA and admins see all.',
      tags: ['conversations'],
      params: ConversationPath,
      querystring: MessagesAfter,
      response: { 200: ConversationReply, ...GUARDED_ERRORS, 404: ErrorReply },
    },
  } as const;
  app.get('/api/conversations/:id', get, async (request) => {
    const agent = request.agent ?? fail('unauthorized', 'sign in first');
    const { id } = request.params;
    const conversation = await store.conversations.get(id);
    if (!conversation) return fail('not_found', 'no such conversation');
    assertAllowed(staffActor(agent), 'conversation:read', conversation);
    const [events, messages] = await Promise.all([
      store.events.list(id),
      store.messages.after(id, request.query.afterSeq ?? 0, LIMITS.syncPage, true),
    ]);
    return { ok: true as const, conversation, events, messages };
  });
}
