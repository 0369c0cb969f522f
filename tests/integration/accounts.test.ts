/**
 * What an admin does to an account, as the agent meets it over a real hub: a temporary
 * password (invite or reset) opens nothing but choosing one's own; a disabled account is
 * signed out at once, its chats back in the queue, and refused with account_disabled
 * until enabled again.
 */
import type { AgentProfile } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, outcome } from '../api.ts';
import {
  ADMIN,
  call,
  connectAgent,
  expectOk,
  type Hub,
  nanoid,
  signIn,
  startHub,
} from '../harness.ts';
import { chattingVisitor, closedAfterEach, stored } from '../routing-peers.ts';

let hub: Hub;
let admin: string;
beforeEach(async () => {
  hub = await startHub();
  admin = await signIn(hub, ADMIN.email, ADMIN.password);
});
afterEach(async () => {
  await hub.close();
});
const track = closedAfterEach();

type Created = { agent: AgentProfile; password?: string };
const invite = async (over: Record<string, unknown> = {}) => {
  const reply = await api<Created>(hub, 'POST', '/api/agents', {
    cookie: admin,
    body: {
      email: `${nanoid(8).toLowerCase()}@example.com`,
      name: 'Lin Fang',
      role: 'admin',
      departments: ['pre_sales'],
      ...over,
    },
  });
  expect(reply.status).toBe(201);
  return reply.body;
};
const login = (email: string, password: string) =>
  api<{ agent: AgentProfile }>(hub, 'POST', '/api/auth/login', { body: { email, password } });
const change = (cookie: string, currentPassword: string, newPassword: string) =>
  api<{ agent: AgentProfile }>(hub, 'POST', '/api/auth/password', {
    cookie,
    body: { currentPassword, newPassword },
  });
const refusal = (error: unknown) =>
  error instanceof Error && 'data' in error ? error.data : String(error);

describe('a temporary password', () => {
  it('is shown once at the invite and opens nothing but choosing one’s own', async () => {
    const { agent, password } = await invite();
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(agent.mustChangePassword).toBe(true);
    const listed = await api(hub, 'GET', '/api/agents', { cookie: admin });
    expect(JSON.stringify(listed.body)).not.toContain(password);

    const signedIn = await login(agent.email, password ?? '');
    expect(signedIn.body.agent).toMatchObject({ id: agent.id, mustChangePassword: true });
    const cookie = await signIn(hub, agent.email, password ?? '');
    // Who they are, yes; anything else, even what their role allows, no.
    expect(await outcome(api(hub, 'GET', '/api/auth/me', { cookie }))).toEqual([200, 'ok']);
    expect(await outcome(api(hub, 'GET', '/api/agents', { cookie }))).toEqual([
      403,
      'password_change_required',
    ]);
    expect(await outcome(api(hub, 'GET', '/api/admin/audit', { cookie }))).toEqual([
      403,
      'password_change_required',
    ]);
    await expect(connectAgent(hub, cookie).catch(refusal)).resolves.toMatchObject({
      code: 'password_change_required',
    });

    // Bad choices change nothing.
    expect(await outcome(change(cookie, 'wrong-password', 'a-new-password'))).toEqual([
      400,
      'invalid_payload',
    ]);
    expect(await outcome(change(cookie, password ?? '', password ?? ''))).toEqual([
      400,
      'invalid_payload',
    ]);
    expect(await outcome(change(cookie, password ?? '', 'short'))).toEqual([
      400,
      'invalid_payload',
    ]);
    expect((await hub.store.agents.byId(agent.id))?.mustChangePassword).toBe(true);

    const other = await signIn(hub, agent.email, password ?? '');
    const changed = await change(cookie, password ?? '', 'lin-fang-chose-this');
    expect(changed.status).toBe(200);
    expect(changed.body.agent).toMatchObject({ id: agent.id, mustChangePassword: false });
    // This session goes on, now open; the other one ended; the temporary password is dead.
    expect(await outcome(api(hub, 'GET', '/api/agents', { cookie }))).toEqual([200, 'ok']);
    track(await connectAgent(hub, cookie));
    expect(await outcome(api(hub, 'GET', '/api/auth/me', { cookie: other }))).toEqual([
      401,
      'unauthorized',
    ]);
    expect(await outcome(login(agent.email, password ?? ''))).toEqual([401, 'unauthorized']);
    expect(await outcome(login(agent.email, 'lin-fang-chose-this'))).toEqual([200, 'ok']);
  });

  it('is not asked of a password the admin gave; a generated reset asks again', async () => {
    const { agent } = await invite({ password: 'given-by-admin', role: 'agent' });
    expect(agent.mustChangePassword).toBe(false);
    const cookie = await signIn(hub, agent.email, 'given-by-admin');
    track(await connectAgent(hub, cookie));

    const reset = await api<{ password?: string }>(
      hub,
      'POST',
      `/api/agents/${agent.id}/password`,
      { cookie: admin, body: {} },
    );
    const temporary = reset.body.password ?? '';
    expect(temporary).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect((await login(agent.email, temporary)).body.agent.mustChangePassword).toBe(true);
    const again = await signIn(hub, agent.email, temporary);
    await expect(connectAgent(hub, again).catch(refusal)).resolves.toMatchObject({
      code: 'password_change_required',
    });
    expect((await change(again, temporary, 'mine-again-now')).status).toBe(200);

    await api(hub, 'POST', `/api/agents/${agent.id}/password`, {
      cookie: admin,
      body: { password: 'given-again-1' },
    });
    expect((await login(agent.email, 'given-again-1')).body.agent.mustChangePassword).toBe(false);
  });

  it('is changed only by its owner, signed in', async () => {
    expect(
      await outcome(
        api(hub, 'POST', '/api/auth/password', {
          body: { currentPassword: 'x', newPassword: 'long-enough' },
        }),
      ),
    ).toEqual([401, 'unauthorized']);
    expect(
      await outcome(
        api(hub, 'POST', '/api/auth/password', {
          cookie: admin,
          body: { currentPassword: ADMIN.password, newPassword: 'long-enough', extra: 1 },
        }),
      ),
    ).toEqual([400, 'invalid_payload']);
  });
});

describe('a disabled account', () => {
  it('is signed out at once, its chats requeued as at sign-out, refused until enabled', async () => {
    const { agent } = await invite({ password: 'given-by-admin', role: 'agent' });
    const cookie = await signIn(hub, agent.email, 'given-by-admin');
    const { socket } = track(await connectAgent(hub, cookie));
    expectOk(await call(socket, 'agent:status', { status: 'online' }));
    const visitor = track(await chattingVisitor(hub));
    expect(visitor.conversation.assigneeId).toBe(agent.id);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const disabled = await api(hub, 'PATCH', `/api/agents/${agent.id}`, {
      cookie: admin,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    // Done before the admin's request came back, as signing out does it.
    expect(await stored(hub, visitor.conversation.id)).toMatchObject({
      status: 'queued',
      assigneeId: null,
    });
    const events = await hub.store.events.list(visitor.conversation.id);
    expect(events.at(-1)).toMatchObject({
      type: 'requeued',
      data: { reason: 'agent_disabled', fromAgentId: agent.id },
    });
    expect(await closed).toBe('io server disconnect');
    expect(await outcome(api(hub, 'GET', '/api/auth/me', { cookie }))).toEqual([
      401,
      'unauthorized',
    ]);
    expect(await outcome(login(agent.email, 'given-by-admin'))).toEqual([403, 'account_disabled']);
    // A wrong password still learns nothing of the account.
    expect(await outcome(login(agent.email, 'not-the-password'))).toEqual([401, 'unauthorized']);

    await api(hub, 'PATCH', `/api/agents/${agent.id}`, {
      cookie: admin,
      body: { disabled: false },
    });
    const back = await signIn(hub, agent.email, 'given-by-admin');
    track(await connectAgent(hub, back));
  });
});
