/**
 * The admin HTTP API for agents over a real hub: what an admin does, what it does to
 * the agent concerned (sockets closed, cookies dead), and who may not do it.
 */
import type { AgentProfile, Role } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, outcome } from '../api.ts';
import {
  ADMIN,
  type AgentSocket,
  connectAgent,
  createAgent,
  type Hub,
  nanoid,
  signIn,
  startHub,
} from '../harness.ts';

let hub: Hub;
let admin: string;
const sockets: AgentSocket[] = [];
// A hub per test: sign-ins are limited per client address, and every test signs in.
beforeEach(async () => {
  hub = await startHub();
  admin = await signIn(hub, ADMIN.email, ADMIN.password);
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub.close();
});

type AgentReply = { agent: AgentProfile; password?: string };
const email = () => `${nanoid(8).toLowerCase()}@example.com`;
const newAgent = (over: Record<string, unknown> = {}) => ({
  email: email(),
  name: 'Lin Fang',
  role: 'agent',
  departments: ['pre_sales'],
  ...over,
});

async function connected(cookie: string): Promise<AgentSocket> {
  const { socket } = await connectAgent(hub, cookie);
  sockets.push(socket);
  return socket;
}

/** Resolves when the hub closes the socket. */
const closedByHub = (socket: AgentSocket) =>
  new Promise<string>((resolve) => socket.once('disconnect', resolve));

const me = (cookie: string) => outcome(api(hub, 'GET', '/api/auth/me', { cookie }));
const login = (address: string, password: string) =>
  outcome(api(hub, 'POST', '/api/auth/login', { body: { email: address, password } }));

describe('agents', () => {
  it('creates an agent; a generated password is shown once and signs them in', async () => {
    const created = await api<AgentReply>(hub, 'POST', '/api/agents', {
      cookie: admin,
      body: newAgent({ departments: ['technical', 'pre_sales'] }),
    });
    expect(created.status).toBe(201);
    const { agent, password } = created.body;
    expect(agent).toMatchObject({
      role: 'agent',
      departments: ['pre_sales', 'technical'],
      capacity: 5,
      disabled: false,
    });
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await login(agent.email, password ?? '')).toEqual([200, 'ok']);

    // A password given is not echoed back.
    const given = await api<AgentReply>(hub, 'POST', '/api/agents', {
      cookie: admin,
      body: newAgent({ role: 'qa', capacity: 2, password: 'chosen-password' }),
    });
    expect(given.status).toBe(201);
    expect(given.body).not.toHaveProperty('password');
    expect(given.body.agent).toMatchObject({ role: 'qa', capacity: 2 });
    expect(await login(given.body.agent.email, 'chosen-password')).toEqual([200, 'ok']);

    const list = await api<{ agents: AgentProfile[] }>(hub, 'GET', '/api/agents', {
      cookie: admin,
    });
    const ids = list.body.agents.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([agent.id, given.body.agent.id]));
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('refuses an email that is taken, in any case', async () => {
    const body = newAgent();
    expect((await api(hub, 'POST', '/api/agents', { cookie: admin, body })).status).toBe(201);
    const again = await api(hub, 'POST', '/api/agents', {
      cookie: admin,
      body: { ...body, email: body.email.toUpperCase() },
    });
    expect([again.status, again.body.error?.code]).toEqual([409, 'already_exists']);
    expect(again.body.error?.message).toMatch(/^body\/email/);
  });

  it('changes only what is given; departments are replaced whole', async () => {
    const { agent } = (
      await api<AgentReply>(hub, 'POST', '/api/agents', {
        cookie: admin,
        body: newAgent({ departments: ['pre_sales', 'technical'] }),
      })
    ).body;
    const updated = await api<AgentReply>(hub, 'PATCH', `/api/agents/${agent.id}`, {
      cookie: admin,
      body: { capacity: 3, departments: ['post_sales'] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.agent).toEqual({
      ...agent,
      capacity: 3,
      departments: ['post_sales'],
    });
    const renamed = await api<AgentReply>(hub, 'PATCH', `/api/agents/${agent.id}`, {
      cookie: admin,
      body: { name: '林芳', role: 'supervisor' },
    });
    expect(renamed.body.agent).toMatchObject({
      name: '林芳',
      role: 'supervisor',
      capacity: 3,
      departments: ['post_sales'],
    });
    expect(await hub.store.agents.byId(agent.id)).toEqual(renamed.body.agent);
  });

  it('disabling an agent signs them out everywhere, until enabled again', async () => {
    const agent = await createAgent(hub);
    const [first, second] = [
      await signIn(hub, agent.email, agent.password),
      await signIn(hub, agent.email, agent.password),
    ];
    const consoles = [await connected(first), await connected(first), await connected(second)];
    const closed = consoles.map(closedByHub);
    const bystander = await createAgent(hub);
    const other = await connected(await signIn(hub, bystander.email, bystander.password));

    const disabled = await api<AgentReply>(hub, 'PATCH', `/api/agents/${agent.id}`, {
      cookie: admin,
      body: { disabled: true },
    });
    expect(disabled.body.agent.disabled).toBe(true);
    expect(await Promise.all(closed)).toEqual([
      'io server disconnect',
      'io server disconnect',
      'io server disconnect',
    ]);
    expect(other.connected).toBe(true);
    expect(await me(first)).toEqual([401, 'unauthorized']);
    expect(await me(second)).toEqual([401, 'unauthorized']);
    await expect(connectAgent(hub, first)).rejects.toMatchObject({
      data: { code: 'unauthorized' },
    });
    expect(await login(agent.email, agent.password)).toEqual([403, 'account_disabled']);

    await api(hub, 'PATCH', `/api/agents/${agent.id}`, {
      cookie: admin,
      body: { disabled: false },
    });
    expect(await me(first)).toEqual([401, 'unauthorized']);
    expect(await login(agent.email, agent.password)).toEqual([200, 'ok']);
  });

  it('resets a password: the old one and every session stop working', async () => {
    const agent = await createAgent(hub);
    const cookie = await signIn(hub, agent.email, agent.password);
    const closed = closedByHub(await connected(cookie));
    const reset = await api<{ password?: string }>(
      hub,
      'POST',
      `/api/agents/${agent.id}/password`,
      { cookie: admin, body: {} },
    );
    expect(reset.status).toBe(200);
    const password = reset.body.password ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await closed).toBe('io server disconnect');
    expect(await me(cookie)).toEqual([401, 'unauthorized']);
    expect(await login(agent.email, agent.password)).toEqual([401, 'unauthorized']);
    expect(await login(agent.email, password)).toEqual([200, 'ok']);

    const chosen = await api(hub, 'POST', `/api/agents/${agent.id}/password`, {
      cookie: admin,
      body: { password: 'a-new-chosen-one' },
    });
    expect(chosen.body).toEqual({ ok: true });
    expect(await login(agent.email, 'a-new-chosen-one')).toEqual([200, 'ok']);
  });

  it('never leaves the hub without an enabled admin', async () => {
    const self = await api<AgentReply>(hub, 'GET', '/api/auth/me', { cookie: admin });
    for (const body of [{ disabled: true }, { role: 'supervisor' }]) {
      const refused = await api(hub, 'PATCH', `/api/agents/${self.body.agent.id}`, {
        cookie: admin,
        body,
      });
      expect([refused.status, refused.body.error?.code]).toEqual([409, 'invalid_state']);
    }
    expect(await me(admin)).toEqual([200, 'ok']);
  });

  it('answers unknown agents with 404', async () => {
    for (const [method, path, body] of [
      ['PATCH', '/api/agents/nobody', { capacity: 2 }],
      ['POST', '/api/agents/nobody/password', {}],
    ] as const) {
      expect(await outcome(api(hub, method, path, { cookie: admin, body }))).toEqual([
        404,
        'not_found',
      ]);
    }
  });
});

describe('bad agent bodies', () => {
  const cases: [string, 'POST' | 'PATCH', Record<string, unknown>, string][] = [
    ['a bad email', 'POST', newAgent({ email: 'not an email' }), 'body/email '],
    ['no name', 'POST', { ...newAgent(), name: undefined }, 'body/name is required'],
    ['a blank name', 'POST', newAgent({ name: '   ' }), 'body/name '],
    ['an unknown role', 'POST', newAgent({ role: 'root' }), 'body/role '],
    ['capacity 0', 'POST', newAgent({ capacity: 0 }), 'body/capacity '],
    ['capacity 51', 'PATCH', { capacity: 51 }, 'body/capacity '],
    ['capacity 2.5', 'PATCH', { capacity: 2.5 }, 'body/capacity '],
    ['capacity as text', 'PATCH', { capacity: '3' }, 'body/capacity '],
    ['an unknown field', 'PATCH', { disabeld: true }, 'body/disabeld is not allowed'],
    ['nothing to change', 'PATCH', {}, 'body must NOT have fewer than 1'],
    [
      'an unknown department',
      'PATCH',
      { departments: ['pre_sales', 'nope'] },
      'body/departments/1 ',
    ],
    [
      'a repeated department',
      'PATCH',
      { departments: ['pre_sales', 'pre_sales'] },
      'body/departments ',
    ],
    ['a short password', 'POST', newAgent({ password: 'short' }), 'body/password '],
  ];
  it.each(cases)('refuses %s, naming the field', async (_, method, body, field) => {
    const { agent } = await createAgent(hub).then((agent) => ({ agent }));
    const path = method === 'POST' ? '/api/agents' : `/api/agents/${agent.id}`;
    const reply = await api(hub, method, path, { cookie: admin, body });
    expect([reply.status, reply.body.error?.code]).toEqual([400, 'invalid_payload']);
    expect(reply.body.error?.message.startsWith(field)).toBe(true);
    // Nothing was written.
    expect(await hub.store.agents.byId(agent.id)).toMatchObject({ capacity: 5, disabled: false });
  });
});

describe('who may manage', () => {
  const valid = (id: string): [string, 'GET' | 'POST' | 'PATCH', string, unknown][] => [
    ['listAgents', 'GET', '/api/agents', undefined],
    ['createAgent', 'POST', '/api/agents', newAgent()],
    ['updateAgent', 'PATCH', `/api/agents/${id}`, { capacity: 2 }],
    ['resetAgentPassword', 'POST', `/api/agents/${id}/password`, {}],
    ['listDepartments', 'GET', '/api/departments', undefined],
    [
      'createDepartment',
      'POST',
      '/api/departments',
      {
        id: `d_${nanoid(6)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, 'x')}`,
        name: { en: 'D', 'zh-CN': 'D' },
      },
    ],
    ['updateDepartment', 'PATCH', '/api/departments/technical', { maxQueue: 9 }],
  ];

  it.each(['agent', 'supervisor', 'qa'] satisfies Role[])(
    'refuses a signed-in %s',
    async (role) => {
      const target = await createAgent(hub);
      const staff = await createAgent(hub, { role });
      const cookie = await signIn(hub, staff.email, staff.password);
      for (const [operation, method, path, body] of valid(target.id)) {
        expect([operation, ...(await outcome(api(hub, method, path, { cookie, body })))]).toEqual([
          operation,
          403,
          'forbidden',
        ]);
      }
      expect(await hub.store.agents.byId(target.id)).toMatchObject({ capacity: 5 });
      expect((await hub.store.directory.department('technical'))?.maxQueue).toBeNull();
    },
  );

  it('refuses anyone not signed in, before reading what they sent', async () => {
    const target = await createAgent(hub);
    for (const [operation, method, path, body] of valid(target.id)) {
      expect([operation, ...(await outcome(api(hub, method, path, { body })))]).toEqual([
        operation,
        401,
        'unauthorized',
      ]);
      // Even a body that would fail validation is not looked at.
      if (method !== 'GET') {
        expect(await outcome(api(hub, method, path, { body: { junk: true } }))).toEqual([
          401,
          'unauthorized',
        ]);
      }
    }
  });
});
