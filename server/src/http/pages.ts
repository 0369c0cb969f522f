import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fail } from '../errors.ts';
import { demoPage } from './demo-page.ts';
import { noRoute } from './errors.ts';

/**
 * The console SPA, registered under the /console prefix: files from its build, and
 * index.html for any other path, which is one of the app's own routes.
 */
export async function consoleRoutes(app: FastifyInstance, opts: { dist: string }): Promise<void> {
  if (!existsSync(join(opts.dist, 'index.html'))) {
    app.get('/*', async () => fail('unavailable', 'console is not built: run `pnpm build`'));
    return;
  }
  await app.register(fastifyStatic, { root: opts.dist, prefix: '/', redirect: true });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.includes('.')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    noRoute(request, reply);
  });
}

/** The demo host page and the health checks. */
export async function siteRoutes(
  app: FastifyInstance,
  opts: { demoSiteKey: string },
): Promise<void> {
  app.get('/', (_request, reply) => {
    reply.type('text/html; charset=utf-8').send(demoPage(opts.demoSiteKey));
  });
  // Alive: the process answers and the database reads. Cheap enough to poll often.
  app.get('/healthz', async () => {
    await app.store.directory.departments();
    return { ok: true };
  });
  // Ready for traffic: migrated, writable, and not shutting down. A load balancer
  // sends visitors elsewhere while this says 503.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.get('/readyz', async (_request, reply) => {
    if (closing) return reply.code(503).send({ ok: false, reason: 'stopping' });
    try {
      await app.store.writable();
    } catch (error) {
      app.log.warn({ err: error }, 'not ready: the database takes no writes');
      return reply.code(503).send({ ok: false, reason: 'database not writable' });
    }
    return { ok: true };
  });
}
