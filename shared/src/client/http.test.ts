import { describe, expect, it } from 'vitest';
import { createHttpClient, type Fetch, fillPath, queryString } from './http.ts';

/** A fetch that records what it was asked and answers with the given status and body. */
function fake(status: number, body: unknown | (() => unknown)) {
  const asked: { url: string; method: string; headers: Record<string, string>; body?: string }[] =
    [];
  const fetch: Fetch = async (url, init) => {
    asked.push({ url, ...init });
    return {
      status,
      json: async () => (typeof body === 'function' ? body() : body),
    };
  };
  return { fetch, asked };
}

const profile = {
  id: 'a1',
  email: 'a@x',
  name: 'Ann',
  role: 'agent',
  departments: [],
  capacity: 5,
  disabled: false,
  mustChangePassword: false,
};

describe('the typed HTTP client', () => {
  it('fills path parameters encoded, and sends the body as JSON', async () => {
    const { fetch, asked } = fake(200, { ok: true, agent: profile });
    const client = createHttpClient({ fetch, baseUrl: 'https://hub', headers: { x: '1' } });
    const reply = await client.call('updateAgent', {
      params: { id: 'a/1' },
      body: { capacity: 2 },
    });
    expect(reply).toEqual({ ok: true, agent: profile });
    expect(asked).toEqual([
      {
        url: 'https://hub/api/agents/a%2F1',
        method: 'PATCH',
        headers: { x: '1', 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: '{"capacity":2}',
      },
    ]);
  });

  it('puts a query in the URL and sends no body with a GET; a body-less POST sends {}', async () => {
    const { fetch, asked } = fake(200, { ok: true, entries: [], next: null });
    const client = createHttpClient({ fetch });
    await client.call('listAuditLog', { query: { limit: 5, action: 'agent.created' } });
    expect(asked[0]).toMatchObject({
      url: '/api/admin/audit?action=agent.created&limit=5',
      method: 'GET',
      headers: {},
    });
    expect(asked[0]).not.toHaveProperty('body');
    const out = fake(200, { ok: true });
    await createHttpClient({ fetch: out.fetch }).call('signOut', {});
    expect(out.asked[0]).toMatchObject({ method: 'POST', body: '{}' });
  });

  it('hands back a refusal with its code and status', async () => {
    const { fetch } = fake(409, {
      ok: false,
      error: { code: 'invalid_state', message: 'the hub needs at least one enabled admin' },
    });
    const reply = await createHttpClient({ fetch }).call('updateAgent', {
      params: { id: 'root' },
      body: { disabled: true },
    });
    expect(reply).toEqual({
      ok: false,
      status: 409,
      error: { code: 'invalid_state', message: 'the hub needs at least one enabled admin' },
    });
  });

  it('says network when the answer is not the hub’s, and bad_reply when a reply is malformed', async () => {
    const notJson = fake(502, () => {
      throw new SyntaxError('Unexpected token <');
    });
    expect(await createHttpClient({ fetch: notJson.fetch }).call('listAgents', {})).toMatchObject({
      ok: false,
      error: { code: 'network' },
    });
    const unknownCode = fake(500, { ok: false, error: { code: 'teapot', message: '' } });
    expect(await createHttpClient({ fetch: unknownCode.fetch }).call('listAgents', {})).toEqual({
      ok: false,
      status: 500,
      error: { code: 'network', message: 'HTTP 500' },
    });
    const malformed = fake(200, { ok: true, agents: [{ ...profile, capacity: 'five' }] });
    const reply = await createHttpClient({ fetch: malformed.fetch }).call('listAgents', {});
    expect(reply).toMatchObject({ ok: false, status: 200, error: { code: 'bad_reply' } });
    expect(!reply.ok && reply.error.message).toMatch(/listAgents reply: \/agents\/0\/capacity/);
    const failing: Fetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await createHttpClient({ fetch: failing }).call('getSession', {})).toMatchObject({
      ok: false,
      status: 0,
      error: { code: 'network', message: 'TypeError: fetch failed' },
    });
  });

  it('builds paths and query strings', () => {
    expect(fillPath('/api/agents/:id/password', { id: 'x y' })).toBe('/api/agents/x%20y/password');
    expect(queryString({})).toBe('');
    expect(queryString({ b: 2, a: 'é', c: undefined })).toBe('?a=%C3%A9&b=2');
  });

  it('takes exactly the parts an operation has, typed (checked by pnpm typecheck)', () => {
    const client = createHttpClient({ fetch: fake(200, {}).fetch });
    const never = () => {
      // @ts-expect-error: updateAgent needs its path parameters
      void client.call('updateAgent', { body: { capacity: 2 } });
      // @ts-expect-error: capacity is a number
      void client.call('updateAgent', { params: { id: 'a' }, body: { capacity: 'two' } });
      // @ts-expect-error: no such operation
      void client.call('deleteAgent', {});
      // @ts-expect-error: no such audit action
      void client.call('listAuditLog', { query: { action: 'agent.deleted' } });
    };
    expect(typeof never).toBe('function');
  });
});
