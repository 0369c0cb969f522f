/**
 * The audit log over a real hub: every admin route writes its entry with the change,
 * a refused or invalid change writes none, and only admins read it.
 */
import type { AuditEntry, Role } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, outcome } from '../api.ts';
import { ADMIN, createAgent, type Hub, nanoid, signIn, startHub } from '../harness.ts';

let hub: Hub;
let admin: string;
// A hub per test: sign-ins are limited per client address, and every test signs in.
beforeEach(async () => {
  hub = await startHub();
  admin = await signIn(hub, ADMIN.email, ADMIN.password);
});
afterEach(async () => {
  await hub.close();
});

type Page = { entries: AuditEntry[]; next: string | null };
const audit = (query = '', cookie = admin) =>
  api<Page>(hub, 'GET', `/api/admin/audit${query}`, { cookie });
const entries = async (query = '') => (await audit(query)).body.entries;
const as = (cookie: string) => ({
  post: <T = Record<string, unknown>>(path: string, body: unknown) =>
    api<T>(hub, 'POST', path, { cookie, body }),
  patch: (path: string, body: unknown) => api(hub, 'PATCH', path, { cookie, body }),
});
const byAdmin = as('');
const newAgent = (over: Record<string, unknown> = {}) => ({
  email: `${nanoid(8).toLowerCase()}@example.com`,
  name: 'Lin Fang',
  role: 'agent',
  departments: ['pre_sales'],
  ...over,
});

describe('the audit log', () => {
  it('records each admin route’s change with who made it, what and when', async () => {
    const root = (await hub.store.agents.byEmail(ADMIN.email))!;
    const adminApi = as(admin);
    const before = Date.now();
    const created = await adminApi.post<{ agent: { id: string }; password: string }>(
      '/api/agents',
      newAgent(),
    );
    expect(created.status).toBe(201);
    const { agent, password } = created.body;
    expect(
      (await adminApi.patch(`/api/agents/${agent.id}`, { capacity: 7, role: 'supervisor' })).status,
    ).toBe(200);
    await adminApi.patch(`/api/agents/${agent.id}`, { disabled: true });
    await adminApi.patch(`/api/agents/${agent.id}`, { disabled: false });
    const reset = await adminApi.post<{ password: string }>(`/api/agents/${agent.id}/password`, {});
    const name = { en: 'Billing', 'zh-CN': '账单' };
    await adminApi.post('/api/departments', { id: 'billing', name });
    await adminApi.patch('/api/departments/billing', { maxQueue: 3, mode: 'manual' });

    const log = await entries();
    expect(log.map((e) => [e.action, e.target])).toEqual([
      ['department.updated', { kind: 'department', id: 'billing' }],
      ['department.created', { kind: 'department', id: 'billing' }],
      ['agent.password_reset', { kind: 'agent', id: agent.id }],
      ['agent.enabled', { kind: 'agent', id: agent.id }],
      ['agent.disabled', { kind: 'agent', id: agent.id }],
      ['agent.updated', { kind: 'agent', id: agent.id }],
      ['agent.created', { kind: 'agent', id: agent.id }],
    ]);
    for (const e of log) {
      expect(e.actor).toEqual({ kind: 'agent', id: root.id, name: root.name, role: 'admin' });
      expect(e.at).toBeGreaterThanOrEqual(before);
      expect(e.at).toBeLessThanOrEqual(Date.now());
    }
    expect(log[0]?.changes).toEqual({
      maxQueue: { from: null, to: 3 },
      mode: { from: 'auto', to: 'manual' },
    });
    expect(log[5]?.changes).toEqual({
      capacity: { from: 5, to: 7 },
      role: { from: 'agent', to: 'supervisor' },
    });
    expect(log[6]?.changes).toMatchObject({
      email: { from: null, to: expect.any(String) },
      mustChangePassword: { from: null, to: true },
    });
    // Never a password (the generated ones included) or a hash.
    const text = JSON.stringify(log);
    expect(text).not.toMatch(/scrypt|passwordHash|"password"/);
    expect(text).not.toContain(password);
    expect(text).not.toContain(reset.body.password);
  });

  it('records an agent choosing their own password as theirs', async () => {
    const lin = await createAgent(hub, { name: 'Lin' });
    const cookie = await signIn(hub, lin.email, lin.password);
    const changed = await as(cookie).post('/api/auth/password', {
      currentPassword: lin.password,
      newPassword: 'lin-chose-this-one',
    });
    expect(changed.status).toBe(200);
    expect(await entries()).toEqual([
      expect.objectContaining({
        action: 'agent.password_changed',
        actor: { kind: 'agent', id: lin.id, name: 'Lin', role: 'agent' },
        target: { kind: 'agent', id: lin.id },
        changes: {},
      }),
    ]);
  });

  it('records nothing of a refused or invalid change', async () => {
    const adminApi = as(admin);
    const lin = await createAgent(hub);
    const agentCookie = await signIn(hub, lin.email, lin.password);
    const taken = newAgent();
    expect((await adminApi.post('/api/agents', taken)).status).toBe(201);
    const baseline = await entries();
    expect(baseline).toHaveLength(1);

    const refused: [Promise<[number, string]>, [number, string]][] = [
      [outcome(adminApi.post('/api/agents', { ...taken, name: 'Again' })), [409, 'already_exists']],
      [outcome(adminApi.post('/api/agents', newAgent({ capacity: 0 }))), [400, 'invalid_payload']],
      [
        outcome(adminApi.post('/api/agents', newAgent({ departments: ['nope'] }))),
        [400, 'invalid_payload'],
      ],
      [outcome(adminApi.patch('/api/agents/ghost', { capacity: 2 })), [404, 'not_found']],
      [
        outcome(adminApi.patch(`/api/agents/${lin.id}`, { disabeld: true })),
        [400, 'invalid_payload'],
      ],
      [outcome(adminApi.post('/api/agents/ghost/password', {})), [404, 'not_found']],
      [
        outcome(adminApi.post(`/api/agents/${lin.id}/password`, { password: 'short' })),
        [400, 'invalid_payload'],
      ],
      [
        outcome(
          adminApi.post('/api/departments', { id: 'pre_sales', name: { en: 'X', 'zh-CN': 'X' } }),
        ),
        [409, 'already_exists'],
      ],
      [
        outcome(
          adminApi.patch('/api/departments/technical', {
            hours: { timeZone: 'Mars/Olympus', weekly: {}, exceptions: {} },
          }),
        ),
        [400, 'invalid_payload'],
      ],
      [outcome(adminApi.patch('/api/departments/ghost', { maxQueue: 1 })), [404, 'not_found']],
      // Not for them, or not signed in.
      [outcome(as(agentCookie).post('/api/agents', newAgent())), [403, 'forbidden']],
      [
        outcome(as(agentCookie).patch('/api/departments/technical', { maxQueue: 1 })),
        [403, 'forbidden'],
      ],
      [outcome(byAdmin.patch(`/api/agents/${lin.id}`, { capacity: 2 })), [401, 'unauthorized']],
      // A wrong current password changes nothing either.
      [
        outcome(
          as(agentCookie).post('/api/auth/password', {
            currentPassword: 'not-it',
            newPassword: 'whatever-new',
          }),
        ),
        [400, 'invalid_payload'],
      ],
    ];
    for (const [reply, expected] of refused) expect(await reply).toEqual(expected);
    // The last enabled admin cannot be disabled.
    const root = (await hub.store.agents.byEmail(ADMIN.email))!;
    expect(await outcome(adminApi.patch(`/api/agents/${root.id}`, { disabled: true }))).toEqual([
      409,
      'invalid_state',
    ]);
    expect(await entries()).toEqual(baseline);
  });

  it('filters by actor, action and time, a page at a time', async () => {
    const adminApi = as(admin);
    for (let i = 0; i < 5; i++) await adminApi.post('/api/agents', newAgent({ name: `A${i}` }));
    const second = await createAgent(hub, { role: 'admin', name: 'Second' });
    const secondApi = as(await signIn(hub, second.email, second.password));
    await secondApi.patch('/api/departments/technical', { maxQueue: 9 });
    const all = await entries();
    expect(all).toHaveLength(6);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await audit(query)).body;
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));

    expect((await entries(`?actor=${second.id}`)).map((e) => e.action)).toEqual([
      'department.updated',
    ]);
    expect(await entries('?action=agent.created')).toHaveLength(5);
    const third = all[3]!;
    const window = await entries(`?since=${third.at}&until=${all[0]!.at + 1}`);
    expect(window.map((e) => e.id)).toEqual(all.filter((e) => e.at >= third.at).map((e) => e.id));
    expect(await entries(`?until=${all.at(-1)!.at}`)).toEqual([]);
  });

  it('refuses bad filters with invalid_payload', async () => {
    for (const query of [
      '?cursor=abc',
      '?action=agent.deleted',
      '?limit=0',
      '?limit=500',
      '?since=-1',
      '?who=me',
    ]) {
      expect(await outcome(audit(query)), query).toEqual([400, 'invalid_payload']);
    }
  });

  it('is for admins only: others get 403 forbidden, strangers 401', async () => {
    for (const role of ['agent', 'supervisor', 'qa'] satisfies Role[]) {
      const someone = await createAgent(hub, { role });
      const cookie = await signIn(hub, someone.email, someone.password);
      expect(await outcome(audit('', cookie)), role).toEqual([403, 'forbidden']);
    }
    expect(await outcome(api(hub, 'GET', '/api/admin/audit'))).toEqual([401, 'unauthorized']);
  });
});
