import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { fail } from '../errors.ts';

/** Equal-length digests, so the comparison takes the same time whatever the guess. */
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics in the Prometheus text format, for a scraper holding METRICS_TOKEN as a
 * bearer token. It is outside /api/ (no session, no policy action): the token is its
 * whole authorization, and a request without the right one learns nothing but 401.
 */
export async function metricsRoutes(
  app: FastifyInstance,
  opts: { registry: Registry; token: string },
): Promise<void> {
  const expected = digest(`Bearer ${opts.token}`);
  app.get('/metrics', async (request, reply) => {
    const given = request.headers.authorization ?? '';
    if (!timingSafeEqual(digest(given), expected)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return fail('unauthorized', 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"');
    }
    const body = await opts.registry.metrics();
    return reply.type(opts.registry.contentType).send(body);
  });
}
