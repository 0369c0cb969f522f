/**
 * Hand-offs: the holder transfers a chat to another department's queue or to a named
 * agent, always with an internal note; supervisors and admins reassign any chat.
 * Every refusal has its code and leaves no trace.
 */
import type { Conversation, Message } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type AgentSocket,
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
  chattingVisitor,
  closedAfterEach,
  codeOf,
  eventTypes,
  nextPosition,
  nextUpdate,
  stored,
} from '../routing-peers.ts';

let hub: Hub;
beforeEach(async () => {
  hub = await startHub();
});
afterEach(async () => {
  await hub.close();
});

const track = closedAfterEach();
const online = async (name: string, departments = ['pre_sales']) =>
  track(await onlineAgent(hub, departments, name));
const visitor = async (department = 'pre_sales') => track(await chattingVisitor(hub, department));

/** A supervisor of another department, signed in but not taking chats. */
async function supervisor(name: string) {
  const a = await createAgent(hub, { name, role: 'supervisor', departments: ['technical'] });
  return {
    agent: a,
    socket: track(await connectAgent(hub, await signIn(hub, a.email, a.password))).socket,
  };
}

async function transcript(socket: AgentSocket, conversationId: string): Promise<Message[]> {
  return expectOk(
    await call<{ messages: Message[] }>(socket, 'conversation:sync', {
      conversationId,
      afterSeq: 0,
    }),
  ).messages;
}

function say(socket: Parameters<typeof call>[0], conversationId: string, body: string) {
  return call<{ message: Message }>(socket, 'message:send', {
    conversationId,
    clientId: nanoid(),
    body,
  });
}

describe('transfer', () => {
  it('to another department: queued there at the head, the note for staff only, the old holder out', async () => {
    const hana = await online('Hana');
    const chat = await visitor();
    const other = await visitor();
    expect(chat.conversation.assigneeId).toBe(hana.agent.id);
    const waiting = await visitor('post_sales');
    expect(waiting.conversation.status).toBe('queued');
    const toVisitor: Message[] = [];
    chat.socket.on('message:new', (m) => toVisitor.push(m));

    const atHead = nextPosition(chat, 1);
    const movesBack = nextPosition(waiting, 2);
    const note = 'Wants a refund for order 1234';
    const ack = await call<{ conversation: Conversation }>(hana.socket, 'conversation:transfer', {
      conversationId: chat.conversation.id,
      to: { department: 'post_sales' },
      note,
    });
    expect(expectOk(ack).conversation).toMatchObject({
      status: 'queued',
      department: 'post_sales',
      assigneeId: null,
    });
    await Promise.all([atHead, movesBack]);
    const events = await hub.store.events.list(chat.conversation.id);
    expect(events.map((e) => e.type)).toEqual(['queued', 'assigned', 'transferred']);
    expect(events[2]).toMatchObject({
      actor: { kind: 'agent', id: hana.agent.id, name: 'Hana' },
      data: {
        fromAgentId: hana.agent.id,
        fromDepartment: 'pre_sales',
        toDepartment: 'post_sales',
        toAgentId: null,
        note,
      },
    });

    // The old holder no longer hears the chat; a message of the chat they still hold,
    // sent after it, shows their socket was listening.
    const toHana: string[] = [];
    hana.socket.on('message:new', (m) => toHana.push(m.body));
    expectOk(await say(chat.socket, chat.conversation.id, 'are you still there?'));
    const marker = next<Message>(hana.socket, 'message:new', (m) => m.body === 'marker');
    expectOk(await say(other.socket, other.conversation.id, 'marker'));
    await marker;
    expect(toHana).toEqual(['marker']);

    // Post-sales takes it first, reads the note first, and answers.
    const pat = await online('Pat', ['post_sales']);
    expect((await stored(hub, chat.conversation.id)).assigneeId).toBe(pat.agent.id);
    const staffView = await transcript(pat.socket, chat.conversation.id);
    expect(staffView.map((m) => [m.kind, m.body])).toEqual([
      ['text', 'Hello'],
      ['note', note],
      ['text', 'are you still there?'],
    ]);
    const answer = next<Message>(chat.socket, 'message:new', (m) => m.author === 'agent');
    expectOk(await say(pat.socket, chat.conversation.id, 'Pat here, about your refund'));
    await answer;
    expect(toVisitor.map((m) => m.kind)).toEqual(['text']);
    const visitorView = expectOk(
      await call<{ messages: Message[] }>(chat.socket, 'conversation:sync', {
        conversationId: chat.conversation.id,
        afterSeq: 0,
      }),
    ).messages;
    expect(visitorView.some((m) => m.kind === 'note' || m.body === note)).toBe(false);
  });

  it('to a named agent: assigned to them, logged as a hand-off', async () => {
    const hana = await online('Hana');
    const chat = await visitor();
    const quinn = await online('Quinn');
    const told = nextUpdate(chat, 'assigned');
    const ack = await call<{ conversation: Conversation }>(hana.socket, 'conversation:transfer', {
      conversationId: chat.conversation.id,
      to: { agentId: quinn.agent.id },
      note: 'Quinn knows this customer',
    });
    expect(expectOk(ack).conversation).toMatchObject({
      status: 'assigned',
      assigneeId: quinn.agent.id,
    });
    expect((await told).assigneeId).toBe(quinn.agent.id);
    const events = await hub.store.events.list(chat.conversation.id);
    expect(events.map((e) => e.type)).toEqual(['queued', 'assigned', 'transferred', 'assigned']);
    expect(events[2]?.data).toMatchObject({ toAgentId: quinn.agent.id, toDepartment: 'pre_sales' });
    expect(events[3]?.data).toMatchObject({ agentId: quinn.agent.id, by: 'transfer' });
    const heard = next<Message>(quinn.socket, 'message:new', (m) => m.body === 'thanks');
    expectOk(await say(chat.socket, chat.conversation.id, 'thanks'));
    await heard;
  });

  it('refuses an offline, away, full or foreign target, an empty note, and a non-holder', async () => {
    const cara = await online('Cara');
    for (let i = 0; i < 5; i++) await visitor();
    const hana = await online('Hana');
    const chat = await visitor();
    expect(chat.conversation.assigneeId).toBe(hana.agent.id);
    const olga = await createAgent(hub, { name: 'Olga' });
    const dora = await online('Dora');
    hub.dropAgent(dora.agent.id);
    const abe = await online('Abe');
    expectOk(await call(abe.socket, 'agent:status', { status: 'away' }));
    const tess = await online('Tess', ['technical']);

    const transfer = (socket: AgentSocket, to: object, note = 'context for you') =>
      call(socket, 'conversation:transfer', { conversationId: chat.conversation.id, to, note });
    const refusals = [
      [await transfer(hana.socket, { agentId: olga.id }), 'agent_offline'],
      [await transfer(hana.socket, { agentId: dora.agent.id }), 'agent_offline'],
      [await transfer(hana.socket, { agentId: abe.agent.id }), 'agent_away'],
      [await transfer(hana.socket, { agentId: cara.agent.id }), 'agent_at_capacity'],
      [await transfer(hana.socket, { agentId: tess.agent.id }), 'agent_not_in_department'],
      [await transfer(hana.socket, { department: 'technical' }, ''), 'invalid_payload'],
      [await transfer(hana.socket, { department: 'technical' }, '   '), 'invalid_payload'],
      [await transfer(cara.socket, { department: 'technical' }), 'forbidden'],
    ] as const;
    expect(refusals.map(([ack]) => codeOf(ack))).toEqual(refusals.map(([, code]) => code));

    // Nothing of them stayed: still Hana's, no event, no note.
    expect(await stored(hub, chat.conversation.id)).toMatchObject({
      status: 'assigned',
      assigneeId: hana.agent.id,
      department: 'pre_sales',
    });
    expect(await eventTypes(hub, chat.conversation.id)).toEqual(['queued', 'assigned']);
    const notes = (await transcript(hana.socket, chat.conversation.id)).filter(
      (m) => m.kind === 'note',
    );
    expect(notes).toEqual([]);
  });
});

describe('reassign', () => {
  it('lets supervisors and admins hand any chat to a named agent; agents may not', async () => {
    const hana = await online('Hana');
    const chat = await visitor();
    const quinn = await online('Quinn');
    const denied = await call(quinn.socket, 'conversation:reassign', {
      conversationId: chat.conversation.id,
      agentId: quinn.agent.id,
    });
    expect(codeOf(denied)).toBe('forbidden');

    const sue = await supervisor('Sue');
    const ack = await call<{ conversation: Conversation }>(sue.socket, 'conversation:reassign', {
      conversationId: chat.conversation.id,
      agentId: quinn.agent.id,
      note: 'Quinn, please take over',
    });
    expect(expectOk(ack).conversation).toMatchObject({
      status: 'assigned',
      assigneeId: quinn.agent.id,
    });
    const events = await hub.store.events.list(chat.conversation.id);
    expect(events.map((e) => e.type)).toEqual(['queued', 'assigned', 'transferred', 'assigned']);
    expect(events[2]).toMatchObject({
      actor: { kind: 'agent', id: sue.agent.id },
      data: { fromAgentId: hana.agent.id, toAgentId: quinn.agent.id },
    });
    expect(events[3]?.data).toMatchObject({ agentId: quinn.agent.id, by: 'supervisor' });

    // The same checks as a transfer: an offline agent is refused.
    const olga = await createAgent(hub, { name: 'Olga' });
    const offline = await call(sue.socket, 'conversation:reassign', {
      conversationId: chat.conversation.id,
      agentId: olga.id,
    });
    expect(codeOf(offline)).toBe('agent_offline');

    const admin = track(await connectAgent(hub, await signIn(hub, ADMIN.email, ADMIN.password)));
    expectOk(
      await call(admin.socket, 'conversation:reassign', {
        conversationId: chat.conversation.id,
        agentId: hana.agent.id,
      }),
    );
    expect((await stored(hub, chat.conversation.id)).assigneeId).toBe(hana.agent.id);
    expect(await eventTypes(hub, chat.conversation.id)).toHaveLength(6);
  });
});
