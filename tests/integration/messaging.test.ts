import type { Conversation, Message } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  connectAgent,
  connectVisitor,
  createAgent,
  expectOk,
  type Hub,
  nanoid,
  next,
  onlineAgent,
  signIn,
  startConversation,
  startHub,
} from '../harness.ts';

let hub: Hub;
beforeEach(async () => {
  hub = await startHub();
});
afterEach(async () => {
  await hub.close();
});

async function startChat(department = 'pre_sales') {
  const visitor = await connectVisitor(hub);
  const conversation = await startConversation(visitor.socket, department);
  return { visitor, conversation };
}

describe('one message each way', () => {
  it('routes a new chat to an online agent of its department, then relays both ways', async () => {
    const tech = await onlineAgent(hub, ['technical'], 'Tess');
    const sales = await onlineAgent(hub, ['pre_sales'], 'Sam');
    const assigned = next<Conversation>(
      sales.socket,
      'conversation:updated',
      (c) => c.status === 'assigned',
    );
    const { visitor, conversation } = await startChat('pre_sales');

    expect(conversation.status).toBe('assigned');
    expect(conversation.assigneeName).toBe('Sam');
    expect((await assigned).id).toBe(conversation.id);

    const atAgent = next<Message>(sales.socket, 'message:new');
    const sent = expectOk(
      await call<{ message: Message }>(visitor.socket, 'message:send', {
        conversationId: conversation.id,
        clientId: nanoid(),
        body: '你好，想问一下价格',
      }),
    );
    // seq 1 is the message that started the conversation.
    expect(sent.message.seq).toBe(2);
    expect(await atAgent).toEqual(sent.message);

    const atVisitor = next<Message>(visitor.socket, 'message:new', (m) => m.author === 'agent');
    const reply = expectOk(
      await call<{ message: Message }>(sales.socket, 'message:send', {
        conversationId: conversation.id,
        clientId: nanoid(),
        body: '您好！请问您对哪款产品感兴趣？',
      }),
    );
    expect(reply.message).toMatchObject({ seq: 3, author: 'agent', authorName: 'Sam' });
    expect(await atVisitor).toEqual(reply.message);

    // The technical agent never heard of it.
    const techList = expectOk(
      await call<{ conversations: Conversation[] }>(tech.socket, 'conversation:list', {}),
    );
    expect(techList.conversations).toEqual([]);
    for (const s of [visitor.socket, sales.socket, tech.socket]) s.close();
  });

  it('leaves a chat waiting when nobody is online, and assigns it when someone comes online', async () => {
    const { visitor, conversation } = await startChat('post_sales');
    expect(conversation.status).toBe('queued');
    const updated = next<Conversation>(
      visitor.socket,
      'conversation:updated',
      (c) => c.status === 'assigned',
    );
    const agent = await onlineAgent(hub, ['post_sales'], 'Pat');
    expect((await updated).assigneeId).toBe(agent.agent.id);
    visitor.socket.close();
    agent.socket.close();
  });

  it('stores a retried clientId once and answers with the original message', async () => {
    const agent = await onlineAgent(hub);
    const { visitor, conversation } = await startChat();
    const payload = { conversationId: conversation.id, clientId: nanoid(), body: 'only once' };
    const [a, b] = await Promise.all([
      call<{ message: Message }>(visitor.socket, 'message:send', payload),
      call<{ message: Message }>(visitor.socket, 'message:send', payload),
    ]);
    const c = await call<{ message: Message }>(visitor.socket, 'message:send', payload);
    expect(expectOk(a).message).toEqual(expectOk(b).message);
    expect(expectOk(c).message).toEqual(expectOk(a).message);
    const synced = expectOk(
      await call<{ messages: Message[] }>(visitor.socket, 'conversation:sync', {
        conversationId: conversation.id,
        afterSeq: 0,
      }),
    );
    expect(synced.messages.map((m) => m.body)).toEqual(['Hello', 'only once']);
    visitor.socket.close();
    agent.socket.close();
  });

  it('keeps internal notes in the staff room', async () => {
    const agent = await onlineAgent(hub);
    const { visitor, conversation } = await startChat();
    const heard: Message[] = [];
    visitor.socket.on('message:new', (m) => heard.push(m));
    const note = expectOk(
      await call<{ message: Message }>(agent.socket, 'message:send', {
        conversationId: conversation.id,
        clientId: nanoid(),
        body: 'VIP customer, be nice',
        kind: 'note',
      }),
    );
    expect(note.message.kind).toBe('note');
    // A visible message after the note proves the visitor's socket was listening.
    const visible = next<Message>(visitor.socket, 'message:new');
    await call(agent.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: nanoid(),
      body: 'Hello!',
    });
    await visible;
    expect(heard.map((m) => m.body)).toEqual(['Hello!']);
    const visitorView = expectOk(
      await call<{ messages: Message[]; conversation: Conversation }>(
        visitor.socket,
        'conversation:sync',
        { conversationId: conversation.id, afterSeq: 0 },
      ),
    );
    expect(visitorView.messages.map((m) => m.body)).toEqual(['Hello', 'Hello!']);
    expect(visitorView.conversation.lastMessage?.body).toBe('Hello!');
    const staffView = expectOk(
      await call<{ messages: Message[] }>(agent.socket, 'conversation:sync', {
        conversationId: conversation.id,
        afterSeq: 0,
      }),
    );
    expect(staffView.messages.map((m) => m.kind)).toEqual(['text', 'note', 'text']);
    visitor.socket.close();
    agent.socket.close();
  });

  it('lets exactly one of two racing agents claim a waiting chat', async () => {
    // A manual department: its queue waits for agents online there to claim.
    await hub.store.directory.createDepartment({
      id: 'race',
      name: { en: 'Race', 'zh-CN': '抢单' },
      mode: 'manual',
    });
    const { visitor, conversation } = await startChat('race');
    const peers = await Promise.all(
      ['A', 'B'].map(async (name) => {
        const agent = await createAgent(hub, { name, departments: ['race'] });
        const peer = await connectAgent(hub, await signIn(hub, agent.email, agent.password));
        expectOk(await call(peer.socket, 'agent:status', { status: 'online' }));
        return peer;
      }),
    );
    const results = await Promise.all(
      peers.map((p) =>
        call<{ conversation: Conversation }>(p.socket, 'conversation:claim', {
          conversationId: conversation.id,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser && !loser.ok && loser.error.code).toBe('already_assigned');
    for (const p of peers) p.socket.close();
    visitor.socket.close();
  });

  it('closes a resolved chat to agents; the visitor writing again reopens it to the same agent', async () => {
    const agent = await onlineAgent(hub);
    const { visitor, conversation } = await startChat();
    const ended = next<Conversation>(
      visitor.socket,
      'conversation:updated',
      (c) => c.status === 'resolved',
    );
    expectOk(await call(agent.socket, 'conversation:resolve', { conversationId: conversation.id }));
    expect((await ended).resolvedAt).toBeTypeOf('number');
    const late = await call(agent.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: nanoid(),
      body: 'one more thing',
    });
    expect(late.ok === false && late.error.code).toBe('conversation_closed');

    const reopened = next<Conversation>(
      visitor.socket,
      'conversation:updated',
      (c) => c.status === 'assigned',
    );
    const again = expectOk(
      await call<{ message: Message }>(visitor.socket, 'message:send', {
        conversationId: conversation.id,
        clientId: nanoid(),
        body: 'one more thing',
      }),
    );
    expect(again.message.conversationId).toBe(conversation.id);
    expect((await reopened).assigneeId).toBe(agent.agent.id);
    const events = await hub.store.events.list(conversation.id);
    expect(events.map((e) => e.type)).toEqual([
      'queued',
      'assigned',
      'resolved',
      'reopened',
      'assigned',
    ]);
    visitor.socket.close();
    agent.socket.close();
  });
});
