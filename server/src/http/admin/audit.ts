import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditQuery } from '@switchboard/shared/admin';
import { AuditReply } from '@switchboard/shared/operations';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../../errors.ts';
import type { AuditStamp } from '../../store/audit.ts';
import { StoreInvalidCursor } from '../../store/errors.ts';
import { GUARDED_ERRORS } from '../replies.ts';

const DEFAULT_PAGE = 50;

/**
 * Who is making the change a signed-in route makes, and when: every store write that
 * an admin route makes takes it, so the audit entry commits with the change.
 */
export function stampOf(request: FastifyRequest): AuditStamp {
  // The guard has loaded the agent on every route that is not public.
  const agent = request.agent ?? fail('unauthorized', 'sign in first');
  return {
    actor: { kind: 'agent', id: agent.id, name: agent.name, role: agent.role },
    at: request.server.clock(),
  };
}

/** The audit log, newest first, a page at a time; admins only. */
export async function auditRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const list = {
    config: { policy: 'audit:read' },
    schema: {
      operationId: 'listAuditLog',
      summary: 'Admin changes, newest first: who, what, which, when',
      description:
        'Filter by the acting agent, the action and a time range [since, until); follow ' +
        '`next` as `cursor` for older entries. Passwords and their hashes are never ' +
        'recorded.',
      tags: ['audit'],
      querystring: AuditQuery,
      response: { 200: AuditReply, ...GUARDED_ERRORS },
    },
  } as const;
  app.get('/api/admin/audit', list, async (request) => {
    const { actor, action, since, until, cursor, limit } = request.query;
    try {
      const page = await app.store.audit.list({
        ...(actor === undefined ? {} : { actorId: actor }),
        ...(action === undefined ? {} : { action }),
        ...(since === undefined ? {} : { since }),
        ...(until === undefined ? {} : { until }),
        ...(cursor === undefined ? {} : { cursor }),
        limit: limit ?? DEFAULT_PAGE,
      });
      return { ok: true as const, ...page };
    } catch (error) {
      if (error instanceof StoreInvalidCursor)
        fail('invalid_payload', 'querystring/cursor is not a cursor of this log');
      throw error;
    }
  });
}
