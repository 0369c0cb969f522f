import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { RememberVisitor } from '@switchboard/shared/schemas';
import type { FastifyInstance } from 'fastify';
import { hashToken } from '../auth/tokens.ts';
import { VISITOR_COOKIE, visitorCookieName } from '../auth/visitor-cookie.ts';
import { fail } from '../errors.ts';
import { isSameOrigin } from '../origin.ts';
import { ErrorReply } from './replies.ts';
import { OkReply } from './schemas.ts';

/**
 * The chat frame hands the hub a token the hub gave it, and gets it back as a
 * partitioned HttpOnly cookie (auth/visitor-cookie.ts). Only a token the hub knows for
 * that site is kept, and only from a page on the hub itself: the frame.
 */
export async function visitorSessionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { store, clock } = app;

  // Public in the policy: no staff session; the token the frame sends is the proof.
  const session = {
    config: { policy: 'widget:session' },
    schema: {
      operationId: 'rememberVisitor',
      summary: "The chat frame keeps its visitor token as the hub's partitioned cookie",
      description: 'Only from a page on the hub itself (the frame); the token is its own proof.',
      tags: ['widget'],
      body: RememberVisitor,
      response: {
        200: OkReply,
        400: ErrorReply,
        401: ErrorReply,
        403: ErrorReply,
        404: ErrorReply,
      },
    },
  } as const;
  app.post('/api/widget/session', session, async (request, reply) => {
    if (!isSameOrigin(request.headers)) fail('forbidden', 'only the chat frame keeps a visitor');
    const { site: key, token } = request.body;
    const site = await store.directory.siteByKey(key);
    if (!site) fail('not_found', 'unknown site');
    const visitor = await store.visitors.byToken(site.id, hashToken(token), clock());
    if (!visitor) fail('unauthorized', 'unknown visitor token');
    reply.setCookie(visitorCookieName(site.key), token, VISITOR_COOKIE);
    return { ok: true as const };
  });
}
