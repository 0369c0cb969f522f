/**
 * An admin's change to an agent reaches the consoles they have open, without a
 * reconnect: new departments (their queues and updates), a new role (its board).
 */
import type {
  AgentProfile,
  AgentServerEvents,
  Conversation,
  Message,
  QueueStats,
} from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api.ts';
import {
  ADMIN,
  call,
  connectAgent,
  createAgent,
  expectOk,
  type Hub,
  nanoid,
  next,
  signIn,
  startHub,
} from '../harness.ts';
import { agentList, chattingVisitor } from '../routing-peers.ts';

type Hello = Parameters<AgentServerEvents['agent:hello']>[0];

let hub: Hub;
let admin: string;
const closers: { close(): unknown }[] = [];
beforeEach(async () => {
  hub = await startHub();
  admin = await signIn(hub, ADMIN.email, ADMIN.password);
});
afterEach(async () => {
  for (const s of closers.splice(0)) s.close();
  await hub.close();
});

async function console_(departments: string[]) {
  const agent = await createAgent(hub, { departments, name: 'Lin' });
  const cookie = await signIn(hub, agent.email, agent.password);
  const { socket } = await connectAgent(hub, cookie);
  closers.push(socket);
  return { agent, socket };
}

const patch = (id: string, body: object) =>
  api<{ agent: AgentProfile }>(hub, 'PATCH', `/api/agents/${id}`, { cookie: admin, body });

describe("an admin's change to an open console", () => {
  it('moves the agent to their new departments at once, with a new hello', async () => {
    const { agent, socket } = await console_(['pre_sales']);
    const hello = next<Hello>(socket, 'agent:hello');
    expect((await patch(agent.id, { departments: ['technical'] })).status).toBe(200);
    const moved = await hello;
    expect(moved.agent.departments).toEqual(['technical']);
    expect(moved.queues).toEqual([{ department: 'technical', length: 0, longestWaitMs: null }]);

    // Technical's queue reaches them; pre-sales' no longer does.
    const seen: QueueStats[] = [];
    socket.on('queue:stats', (s) => seen.push(s));
    const techUpdate = next<Conversation>(socket, 'conversation:updated');
    const tech = await chattingVisitor(hub, 'technical');
    closers.push(tech.socket);
    expect((await techUpdate).id).toBe(tech.conversation.id);
    const sales = await chattingVisitor(hub, 'pre_sales');
    closers.push(sales.socket);
    // What they may read follows: the technical chat is theirs to see, pre-sales' not.
    const listed = await agentList(socket);
    expect(listed.map((c) => c.id)).toEqual([tech.conversation.id]);
    const read = await call(socket, 'conversation:sync', {
      conversationId: sales.conversation.id,
      afterSeq: 0,
    });
    expect(read).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(seen.map((s) => s.department)).not.toContain('pre_sales');
  });

  it('stops sending them the chats of a department they left, notes included', async () => {
    const { agent, socket } = await console_(['pre_sales']);
    const chat = await chattingVisitor(hub, 'pre_sales');
    closers.push(chat.socket);
    // Opening the waiting chat follows it.
    const read = await call(socket, 'conversation:sync', {
      conversationId: chat.conversation.id,
      afterSeq: 0,
    });
    expect(read.ok).toBe(true);
    const hello = next<Hello>(socket, 'agent:hello');
    expect((await patch(agent.id, { departments: ['technical'] })).status).toBe(200);
    await hello;
    const heard: Message[] = [];
    socket.on('message:new', (m) => heard.push(m));
    const sent = expectOk(
      await call<{ message: Message }>(chat.socket, 'message:send', {
        conversationId: chat.conversation.id,
        clientId: nanoid(),
        body: 'Still there?',
      }),
    );
    // A message to an agent who still follows it would be on its way with the ack.
    const later = await chattingVisitor(hub, 'technical');
    closers.push(later.socket);
    await next<Conversation>(socket, 'conversation:updated', (c) => c.id === later.conversation.id);
    expect(heard.map((m) => m.seq)).not.toContain(sent.message.seq);
  });

  it('renames the agent in their open console and in what they write next', async () => {
    const { agent, socket } = await console_(['pre_sales']);
    expectOk(await call(socket, 'agent:status', { status: 'online' }));
    const chat = await chattingVisitor(hub, 'pre_sales');
    closers.push(chat.socket);
    const hello = next<Hello>(socket, 'agent:hello');
    expect((await patch(agent.id, { name: 'Lin Fang' })).status).toBe(200);
    expect((await hello).agent.name).toBe('Lin Fang');
    const sent = expectOk(
      await call<{ message: Message }>(socket, 'message:send', {
        conversationId: chat.conversation.id,
        clientId: nanoid(),
        body: 'Hi, Lin Fang here',
      }),
    );
    expect(sent.message.authorName).toBe('Lin Fang');
  });

  it('gives a promoted agent the supervisors’ board and SLA alerts', async () => {
    const { agent, socket } = await console_(['pre_sales']);
    const hello = next<Hello>(socket, 'agent:hello');
    expect((await patch(agent.id, { role: 'supervisor' })).status).toBe(200);
    const promoted = await hello;
    expect(promoted.agent.role).toBe('supervisor');
    expect(promoted.queues.map((q) => q.department).sort()).toEqual([
      'post_sales',
      'pre_sales',
      'technical',
    ]);
    // The board's queue stats of every department now reach them.
    const stats = next<QueueStats>(socket, 'queue:stats');
    const tech = await chattingVisitor(hub, 'technical');
    closers.push(tech.socket);
    expect((await stats).department).toBe('technical');
  });
});
