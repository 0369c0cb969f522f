/**
 * The typed HTTP client (shared/src/client/http.ts) against a real hub: admin routes
 * called by operationId with typed params, query and body; replies typed and checked;
 * refusals with the hub's stable code. Every operation it knows is one the hub serves
 * at that method and path.
 */
import type { AgentProfile } from '@switchboard/shared';
import { createHttpClient, type HttpClient } from '@switchboard/shared/http';
import { OPERATIONS } from '@switchboard/shared/operations';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { api } from '../api.ts';
import { ADMIN, type Hub, nanoid, signIn, startHub } from '../harness.ts';

let hub: Hub;
let client: HttpClient;
beforeEach(async () => {
  hub = await startHub();
  client = createHttpClient({
    fetch,
    baseUrl: hub.url,
    headers: { cookie: await signIn(hub, ADMIN.email, ADMIN.password) },
  });
});
afterEach(async () => {
  await hub.close();
});

describe('the typed HTTP client', () => {
  it('calls admin routes by operationId and hands back typed replies', async () => {
    const created = await client.call('createAgent', {
      body: {
        email: `${nanoid(8).toLowerCase()}@example.com`,
        name: '王芳',
        role: 'agent',
        departments: ['pre_sales'],
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    expectTypeOf(created.agent).toEqualTypeOf<{
      id: string;
      email: string;
      name: string;
      role: 'admin' | 'supervisor' | 'agent' | 'qa';
      departments: string[];
      capacity: number;
      disabled: boolean;
      mustChangePassword: boolean;
    }>();
    expectTypeOf(created.agent).toMatchTypeOf<AgentProfile>();
    expect(created.agent).toMatchObject({ name: '王芳', mustChangePassword: true });
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const updated = await client.call('updateAgent', {
      params: { id: created.agent.id },
      body: { capacity: 3, departments: ['technical', 'pre_sales'] },
    });
    expect(updated).toMatchObject({
      ok: true,
      agent: { capacity: 3, departments: ['pre_sales', 'technical'] },
    });

    const reset = await client.call('resetAgentPassword', {
      params: { id: created.agent.id },
      body: {},
    });
    expect(reset.ok && reset.password).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const department = await client.call('createDepartment', {
      body: { id: 'billing', name: { en: 'Billing', 'zh-CN': '账单' }, maxQueue: 5 },
    });
    expect(department).toMatchObject({ ok: true, department: { id: 'billing', maxQueue: 5 } });
    const listed = await client.call('listDepartments', {});
    expect(listed.ok && listed.departments.map((d) => d.id)).toContain('billing');
    const agents = await client.call('listAgents', {});
    expect(agents.ok && agents.agents.map((a) => a.id)).toContain(created.agent.id);

    const page = await client.call('listAuditLog', { query: { action: 'agent.updated' } });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.entries.map((e) => [e.action, e.target.id])).toEqual([
      ['agent.updated', created.agent.id],
    ]);
    expect(page.next).toBeNull();
    const firstOfAll = await client.call('listAuditLog', { query: { limit: 1 } });
    expect(firstOfAll.ok && firstOfAll.entries[0]?.action).toBe('department.created');
    expect(firstOfAll.ok && typeof firstOfAll.next).toBe('string');
  });

  it('answers a refusal with the hub’s stable code and status', async () => {
    const missing = await client.call('updateAgent', {
      params: { id: 'nobody' },
      body: { capacity: 2 },
    });
    expect(missing).toMatchObject({ ok: false, status: 404, error: { code: 'not_found' } });

    const bad = await client.call('listAuditLog', { query: { cursor: 'not-a-cursor' } });
    expect(bad).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_payload' } });

    const stranger = createHttpClient({ fetch, baseUrl: hub.url });
    expect(await stranger.call('listAgents', {})).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'unauthorized' },
    });
    const disabled = await client.call('createAgent', {
      body: {
        email: 'gone@example.com',
        name: 'Gone',
        role: 'agent',
        departments: [],
        password: 'gone-password',
      },
    });
    if (!disabled.ok) throw new Error(disabled.error.message);
    await client.call('updateAgent', {
      params: { id: disabled.agent.id },
      body: { disabled: true },
    });
    const refused = await stranger.call('signIn', {
      body: { email: 'gone@example.com', password: 'gone-password' },
    });
    expect(refused).toMatchObject({ ok: false, status: 403, error: { code: 'account_disabled' } });

    const unreachable = createHttpClient({ fetch, baseUrl: 'http://127.0.0.1:1' });
    expect(await unreachable.call('getSession', {})).toMatchObject({
      ok: false,
      status: 0,
      error: { code: 'network' },
    });
  });

  it('knows each operation at the method and path the hub documents', async () => {
    const doc = await api<{ paths: Record<string, Record<string, { operationId: string }>> }>(
      hub,
      'GET',
      '/api/docs/json',
    );
    const served = new Map<string, string>();
    for (const [path, methods] of Object.entries(doc.body.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        served.set(op.operationId, `${method.toUpperCase()} ${path}`);
      }
    }
    for (const [id, spec] of Object.entries(OPERATIONS)) {
      const path = spec.path.replace(/:(\w+)/g, '{$1}');
      expect(served.get(id), id).toBe(`${spec.method} ${path}`);
    }
  });
});
