import fastifyCookie from '@fastify/cookie';
import type { AgentProfile, Role } from '@switchboard/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { errorsPlugin } from './errors.ts';
import { type GuardOptions, guardPlugin } from './guard.ts';

/** A hub with only the guard, and a session store that knows one agent per role. */
async function build(routes: (app: FastifyInstance) => void, options: GuardOptions = {}) {
  const app: FastifyInstance = Fastify();
  await app.register(fastifyCookie);
  await app.register(errorsPlugin);
  await app.register(guardPlugin, options);
  await app.register(
    fp(async (inner) => {
      inner.decorate('sessions', {
        async agentFor(token: string | undefined): Promise<AgentProfile | null> {
          const roles: Role[] = ['agent', 'supervisor', 'qa', 'admin'];
          const role = roles.find((r) => r === token);
          return role
            ? {
                id: role,
                email: '',
                name: role,
                role,
                departments: [],
                capacity: 5,
                disabled: false,
                mustChangePassword: false,
              }
            : null;
        },
        async start() {
          return '';
        },
        async end() {},
        onEnd() {},
        async endAllFor() {},
        onEndAll() {},
      });
      inner.decorateRequest('agent', null);
    }),
  );
  routes(app);
  await app.ready();
  return app;
}

async function status(app: FastifyInstance, url: string, role?: Role) {
  const response = await app.inject({
    url,
    ...(role ? { cookies: { sb_session: role } } : {}),
  });
  return response.statusCode === 200
    ? 'ok'
    : response.json<{ error: { code: string } }>().error.code;
}

describe('the HTTP guard', () => {
  it('asks the policy for every /api/ route, and loads no session for public ones', async () => {
    const app = await build((a) => {
      a.get('/api/open', { config: { policy: 'widget:config' } }, async () => ({ ok: true }));
      a.get('/api/board', { config: { policy: 'board:view' } }, async (request) => ({
        ok: true,
        who: request.agent?.role,
      }));
      a.get('/api/agents', { config: { policy: 'agents:manage' } }, async () => ({ ok: true }));
      a.post(
        '/api/agents',
        {
          config: { policy: 'agents:manage', audit: ['agent.created'] },
          schema: { body: { type: 'object', required: ['name'] } },
        },
        async () => ({ ok: true }),
      );
    });
    expect(await status(app, '/api/open')).toBe('ok');
    expect(await status(app, '/api/board')).toBe('unauthorized');
    expect(await status(app, '/api/board', 'agent')).toBe('forbidden');
    expect(await status(app, '/api/board', 'qa')).toBe('forbidden');
    expect(await status(app, '/api/board', 'supervisor')).toBe('ok');
    expect(await status(app, '/api/agents', 'supervisor')).toBe('forbidden');
    expect(await status(app, '/api/agents', 'admin')).toBe('ok');
    // Who you are is checked before what you sent.
    const post = (role?: Role) =>
      app.inject({
        method: 'POST',
        url: '/api/agents',
        payload: {},
        ...(role ? { cookies: { sb_session: role } } : {}),
      });
    expect((await post()).statusCode).toBe(401);
    expect((await post('agent')).statusCode).toBe(403);
    expect((await post('admin')).statusCode).toBe(400);
    // HEAD routes, which Fastify adds for every GET, are guarded too.
    const head = await app.inject({ method: 'HEAD', url: '/api/board' });
    expect(head.statusCode).toBe(401);
    const board = await app.inject({ url: '/api/board', cookies: { sb_session: 'admin' } });
    expect(board.json()).toEqual({ ok: true, who: 'admin' });
    await app.close();
  });

  it('keeps a route’s own preValidation hooks, after its check', async () => {
    const seen: string[] = [];
    const app = await build((a) => {
      a.get(
        '/api/x',
        {
          config: { policy: 'session:read' },
          preValidation: async (request) => {
            seen.push(request.agent?.role ?? 'nobody');
          },
        },
        async () => ({ ok: true }),
      );
    });
    expect(await status(app, '/api/x')).toBe('unauthorized');
    expect(await status(app, '/api/x', 'qa')).toBe('ok');
    expect(seen).toEqual(['qa']);
    await app.close();
  });

  it('refuses to start with an /api/ route that names no policy action', async () => {
    await expect(
      build((a) => {
        a.get('/api/forgotten', async () => ({ ok: true }));
      }),
    ).rejects.toThrow(/GET \/api\/forgotten names no policy action/);
    // Pages outside /api/ need none.
    const app = await build((a) => {
      a.get('/page', async () => 'hi');
    });
    expect((await app.inject({ url: '/page' })).statusCode).toBe(200);
    await app.close();
  });

  it('refuses to start with a route that changes admin data and names no audit action', async () => {
    await expect(
      build((a) => {
        a.patch('/api/sites/:id', { config: { policy: 'sites:manage' } }, async () => ({
          ok: true,
        }));
      }),
    ).rejects.toThrow(/PATCH \/api\/sites\/:id changes admin data but names no audit action/);
    // Reading needs none, nor does a change outside the admin's domain.
    const app = await build((a) => {
      a.get('/api/sites', { config: { policy: 'sites:manage' } }, async () => ({ ok: true }));
      a.post('/api/status', { config: { policy: 'session:read' } }, async () => ({ ok: true }));
    });
    await app.close();
  });

  it('gives routes that plugins add without config the action of their prefix', async () => {
    const byPrefix = { '/api/docs': 'docs:read', '/api/admin': 'agents:manage' } as const;
    const app = await build(
      (a) => {
        for (const url of ['/api/docs', '/api/docs/json', '/api/admin/x']) {
          a.get(url, async () => ({ ok: true }));
        }
        // A route's own action wins over its prefix's.
        a.get('/api/docs/private', { config: { policy: 'board:view' } }, async () => ({
          ok: true,
        }));
      },
      { byPrefix },
    );
    expect(await status(app, '/api/docs')).toBe('ok');
    expect(await status(app, '/api/docs/json')).toBe('ok');
    expect(await status(app, '/api/admin/x')).toBe('unauthorized');
    expect(await status(app, '/api/admin/x', 'admin')).toBe('ok');
    expect(await status(app, '/api/docs/private')).toBe('unauthorized');
    await app.close();
    // A prefix covers its own path and what is below it, nothing that merely starts alike.
    await expect(
      build(
        (a) => {
          a.get('/api/docsx', async () => ({ ok: true }));
        },
        { byPrefix },
      ),
    ).rejects.toThrow(/names no policy action/);
  });
});
