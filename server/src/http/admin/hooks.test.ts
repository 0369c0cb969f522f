import fastifyCookie from '@fastify/cookie';
import {
  type AgentProfile,
  DEFAULT_DEPARTMENT_SETTINGS,
  type Department,
} from '@switchboard/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite/open.ts';
import type { Store } from '../../store/store.ts';
import { describeInvalid, errorsPlugin } from '../errors.ts';
import { guardPlugin } from '../guard.ts';
import { validation } from '../validation.ts';
import type { AgentChange } from './hooks.ts';
import { adminRoutes } from './index.ts';

/**
 * What routing hears of admin changes: the admin routes over a real store, with
 * recording hooks and a session store that knows one admin.
 */
async function build(failing = false) {
  const store = openSqliteStore({ filename: ':memory:' });
  for (const id of ['pre_sales', 'technical']) {
    await store.directory.ensureDepartment({ id, name: { en: id, 'zh-CN': id } }, 0);
  }
  const admin = await store.agents.create(
    {
      id: 'root',
      email: 'root@x',
      name: 'Root',
      role: 'admin',
      passwordHash: 'x',
      departments: [],
    },
    0,
  );
  const heard: [string, ...unknown[]][] = [];
  const signedOut: string[] = [];
  const errors: string[] = [];
  const app: FastifyInstance = Fastify({
    ...validation,
    schemaErrorFormatter: describeInvalid,
    logger: { level: 'error', stream: { write: (line: string) => errors.push(line) } },
  });
  await app.register(fastifyCookie);
  await app.register(errorsPlugin);
  await app.register(guardPlugin);
  await app.register(
    fp(async (inner) => {
      inner.decorate('store', store);
      inner.decorate('clock', () => 1000);
      inner.decorate('sessions', {
        async agentFor(token: string | undefined): Promise<AgentProfile | null> {
          return token === 'admin' ? admin : null;
        },
        async start() {
          return '';
        },
        async end() {},
        onEnd() {},
        async endAllFor(agentId: string) {
          signedOut.push(agentId);
        },
        onEndAll() {},
      });
      inner.decorateRequest('agent', null);
    }),
  );
  await app.register(adminRoutes, {
    onAgentChanged(agentId: string, change: AgentChange) {
      heard.push(['agent', agentId, change]);
      if (failing) throw new Error('routing is down');
    },
    onDepartmentChanged(department: Department) {
      heard.push(['department', department]);
      if (failing) throw new Error('routing is down');
    },
  });
  await app.ready();
  const call = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    app.inject({ method, url, payload, cookies: { sb_session: 'admin' } });
  return { app, store, heard, signedOut, errors, call };
}

let open: { app: FastifyInstance; store: Store }[] = [];
afterEach(async () => {
  for (const { app, store } of open) {
    await app.close();
    await store.close();
  }
  open = [];
});

async function hub(failing = false) {
  const built = await build(failing);
  open.push(built);
  const agent = await built.store.agents.create(
    { id: 'a1', email: 'a1@x', name: 'Ann', role: 'agent', passwordHash: 'x', departments: [] },
    0,
  );
  return { ...built, agent };
}

describe('what routing hears of admin changes', () => {
  it('hears only the fields routing and consoles use that an update changed, after it committed', async () => {
    const { call, heard, store, signedOut } = await hub();
    expect((await call('PATCH', '/api/agents/a1', { capacity: 3 })).statusCode).toBe(200);
    expect((await call('PATCH', '/api/agents/a1', { name: 'Anna' })).statusCode).toBe(200);
    const both = await call('PATCH', '/api/agents/a1', {
      departments: ['technical', 'pre_sales'],
      disabled: true,
      role: 'supervisor',
    });
    expect(both.statusCode).toBe(200);
    expect(heard).toEqual([
      ['agent', 'a1', { capacity: 3 }],
      ['agent', 'a1', { name: 'Anna' }],
      [
        'agent',
        'a1',
        { departments: ['pre_sales', 'technical'], disabled: true, role: 'supervisor' },
      ],
    ]);
    expect(signedOut).toEqual(['a1']);
    expect(await store.agents.byId('a1')).toMatchObject({ disabled: true, capacity: 3 });
  });

  it('hears nothing of a refused change', async () => {
    const { call, heard, signedOut } = await hub();
    expect((await call('PATCH', '/api/agents/nobody', { capacity: 3 })).statusCode).toBe(404);
    expect((await call('PATCH', '/api/agents/root', { disabled: true })).statusCode).toBe(409);
    expect((await call('PATCH', '/api/agents/a1', { capacity: 99 })).statusCode).toBe(400);
    expect((await call('PATCH', '/api/departments/nope', { enabled: false })).statusCode).toBe(404);
    expect(heard).toEqual([]);
    expect(signedOut).toEqual([]);
  });

  it('hears a department created or changed, as stored', async () => {
    const { call, heard, store } = await hub();
    const name = { en: 'Billing', 'zh-CN': '账单' };
    expect((await call('POST', '/api/departments', { id: 'billing', name })).statusCode).toBe(201);
    await call('PATCH', '/api/departments/billing', { mode: 'manual', maxQueue: 4 });
    expect(heard).toEqual([
      ['department', { id: 'billing', name, ...DEFAULT_DEPARTMENT_SETTINGS }],
      ['department', await store.directory.department('billing')],
    ]);
    expect(heard[1]?.[1]).toMatchObject({ mode: 'manual', maxQueue: 4 });
  });

  it('keeps a committed change when routing fails to hear it, and logs why', async () => {
    const { call, errors, store } = await hub(true);
    expect((await call('PATCH', '/api/agents/a1', { capacity: 2 })).statusCode).toBe(200);
    expect((await store.agents.byId('a1'))?.capacity).toBe(2);
    const name = { en: 'Billing', 'zh-CN': '账单' };
    expect((await call('POST', '/api/departments', { id: 'billing', name })).statusCode).toBe(201);
    expect(errors.join('\n')).toMatch(/routing did not hear of agent a1's change/);
    expect(errors.join('\n')).toMatch(/routing did not hear of department billing's change/);
  });
});
