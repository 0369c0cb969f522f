/**
 * Admin changes reach routing at once, over the hub: a capacity raised assigns waiting
 * chats, a disabled agent is signed out and their chats go to the head of the queue, a
 * department switched to manual stops automatic assignment, and a department created
 * (with an agent added to it while signed in) takes conversations.
 */
import type { AgentProfile, Conversation, Department, Message } from '@switchboard/shared';
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
  onlineAgent,
  signIn,
  startHub,
} from '../harness.ts';
import {
  agentList,
  type ChattingVisitor,
  chattingVisitor,
  closedAfterEach,
  codeOf,
  nextPosition,
  nextUpdate,
  stored,
} from '../routing-peers.ts';

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

async function visitors(n: number, department = 'pre_sales'): Promise<ChattingVisitor[]> {
  const all: ChattingVisitor[] = [];
  for (let i = 0; i < n; i++) all.push(track(await chattingVisitor(hub, department)));
  return all;
}

/** An agent the admin creates over the API, signed in, connected and Online. */
async function adminMade(name: string, departments: string[], capacity: number) {
  const password = `pw-${nanoid(10)}`;
  const created = await api<{ agent: AgentProfile }>(hub, 'POST', '/api/agents', {
    cookie: admin,
    body: {
      email: `${nanoid(8).toLowerCase()}@example.com`,
      name,
      role: 'agent',
      departments,
      capacity,
      password,
    },
  });
  expect(created.status).toBe(201);
  const agent = created.body.agent;
  const { socket } = track(await connectAgent(hub, await signIn(hub, agent.email, password)));
  expectOk(await call(socket, 'agent:status', { status: 'online' }));
  return { agent, socket, password };
}

const patchAgent = (id: string, body: object) =>
  api<{ agent: AgentProfile }>(hub, 'PATCH', `/api/agents/${id}`, { cookie: admin, body });
const patchDepartment = (id: string, body: object) =>
  api<{ department: Department }>(hub, 'PATCH', `/api/departments/${id}`, {
    cookie: admin,
    body,
  });

const assignedTo = (v: ChattingVisitor, agentId: string) =>
  next<Conversation>(
    v.socket,
    'conversation:updated',
    (c) => c.id === v.conversation.id && c.status === 'assigned' && c.assigneeId === agentId,
  );

describe('an agent changed by an admin', () => {
  it('takes waiting chats the moment their capacity is raised', async () => {
    const lin = await adminMade('Lin', ['pre_sales'], 1);
    const [held, ...waiting] = await visitors(3);
    expect(held?.conversation.assigneeId).toBe(lin.agent.id);
    for (const v of waiting) expect(v.conversation.status).toBe('queued');

    const told = waiting.map((v) => assignedTo(v, lin.agent.id));
    const raised = await patchAgent(lin.agent.id, { capacity: 3 });
    expect(raised.body.agent.capacity).toBe(3);
    // Assigned before the admin's reply came back.
    for (const v of waiting) {
      expect(await stored(hub, v.conversation.id)).toMatchObject({
        status: 'assigned',
        assigneeId: lin.agent.id,
      });
    }
    await Promise.all(told);

    // Lowered below what they hold: nothing is taken away, nothing new comes.
    await patchAgent(lin.agent.id, { capacity: 1 });
    const [extra] = await visitors(1);
    expect(extra?.conversation.status).toBe('queued');
    for (const v of waiting) {
      expect((await stored(hub, v.conversation.id)).assigneeId).toBe(lin.agent.id);
    }
  });

  it('signs a disabled agent out everywhere and puts their chats at the head of the queue', async () => {
    const lin = await adminMade('Lin', ['pre_sales'], 2);
    // A second console, signed in on its own.
    const other = track(
      await connectAgent(hub, await signIn(hub, lin.agent.email, lin.password)),
    ).socket;
    const held = await visitors(2);
    const [waiting] = await visitors(1);
    expect(waiting?.conversation.status).toBe('queued');

    const closed = [lin.socket, other].map(
      (socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve)),
    );
    const requeued = held.map((v) => nextUpdate(v, 'queued'));
    // First in line, the two of them: which one first is the order they started in,
    // which a fast machine may put in one millisecond (then the ids decide).
    const positions = held.map((v) => nextPosition(v).then((p) => p.position));
    const pushedBack = nextPosition(waiting!, 3);
    expect((await patchAgent(lin.agent.id, { disabled: true })).status).toBe(200);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    await Promise.all([...requeued, pushedBack]);
    expect((await Promise.all(positions)).sort()).toEqual([1, 2]);
    for (const v of held) {
      const events = await hub.store.events.list(v.conversation.id);
      expect(events.map((e) => e.type)).toEqual(['queued', 'assigned', 'requeued']);
      expect(events[2]?.data).toEqual({ reason: 'agent_disabled', fromAgentId: lin.agent.id });
    }

    // The next agent takes the requeued chats before the one that was already waiting.
    const omar = await adminMade('Omar', ['pre_sales'], 2);
    for (const v of held) {
      expect((await stored(hub, v.conversation.id)).assigneeId).toBe(omar.agent.id);
    }
    expect((await stored(hub, waiting!.conversation.id)).status).toBe('queued');
  });
});

describe('an open console', () => {
  it('loses a supervisor’s powers the moment an admin makes them an agent', async () => {
    const pat = track(await onlineAgent(hub, ['pre_sales'], 'Pat'));
    const [chat] = await visitors(1);
    const sue = await createAgent(hub, { name: 'Sue', role: 'supervisor', departments: [] });
    const { socket } = track(await connectAgent(hub, await signIn(hub, sue.email, sue.password)));
    const reassign = async () =>
      codeOf(
        await call(socket, 'conversation:reassign', {
          conversationId: chat!.conversation.id,
          agentId: sue.id,
        }),
      );
    // A supervisor may reassign; routing refuses only because Sue is not online.
    expect(await reassign()).toBe('agent_offline');
    await patchAgent(sue.id, { role: 'agent' });
    expect(await reassign()).toBe('forbidden');
    expect((await stored(hub, chat!.conversation.id)).assigneeId).toBe(pat.agent.id);
  });
});

describe('a department changed by an admin', () => {
  it('stops assigning when switched to manual; agents claim; back to automatic assigns at once', async () => {
    const pat = track(await onlineAgent(hub, ['pre_sales'], 'Pat'));
    expect((await patchDepartment('pre_sales', { mode: 'manual' })).status).toBe(200);
    const [first, second] = await visitors(2);
    expect([first?.conversation.status, second?.conversation.status]).toEqual(['queued', 'queued']);
    const listed = (await agentList(pat.socket)).map((c) => [c.id, c.status]);
    expect(listed).toContainEqual([first!.conversation.id, 'queued']);
    expectOk(
      await call(pat.socket, 'conversation:claim', { conversationId: first!.conversation.id }),
    );
    expect((await stored(hub, second!.conversation.id)).status).toBe('queued');

    const told = assignedTo(second!, pat.agent.id);
    await patchDepartment('pre_sales', { mode: 'auto' });
    expect((await stored(hub, second!.conversation.id)).assigneeId).toBe(pat.agent.id);
    await told;
  });

  it('creates a department that an agent added to it, already signed in, serves', async () => {
    const zhou = track(await onlineAgent(hub, ['pre_sales'], 'Zhou'));
    const billing = { id: 'billing', name: { en: 'Billing', 'zh-CN': '账单' }, mode: 'manual' };
    expect(
      (await api(hub, 'POST', '/api/departments', { cookie: admin, body: billing })).status,
    ).toBe(201);
    await patchAgent(zhou.agent.id, { departments: ['pre_sales', 'billing'] });

    // Manual: the agent's open console sees the new department's queue and claims from it.
    const seen = next<Conversation>(
      zhou.socket,
      'conversation:updated',
      (c) => c.department === 'billing' && c.status === 'queued',
    );
    const [waiting] = await visitors(1, 'billing');
    await seen;
    expect((await agentList(zhou.socket)).map((c) => c.id)).toContain(waiting!.conversation.id);
    const claimed = await call<{ conversation: Conversation }>(zhou.socket, 'conversation:claim', {
      conversationId: waiting!.conversation.id,
    });
    expect(codeOf(claimed)).toBe('ok');

    // Automatic: the next chat is theirs, and they answer it.
    await patchDepartment('billing', { mode: 'auto' });
    const [next_] = await visitors(1, 'billing');
    expect(next_?.conversation).toMatchObject({ department: 'billing', assigneeId: zhou.agent.id });
    const heard = next<Message>(next_!.socket, 'message:new', (m) => m.author === 'agent');
    expectOk(
      await call(zhou.socket, 'message:send', {
        conversationId: next_!.conversation.id,
        clientId: nanoid(),
        body: 'Billing here, how can I help?',
      }),
    );
    await heard;
  });
});
