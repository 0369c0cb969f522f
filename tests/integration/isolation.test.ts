import type { Conversation, Message } from '@switchboard/shared';
import { io } from 'socket.io-client';
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

describe('who may see what', () => {
  it("a visitor can neither read nor write another visitor's conversation", async () => {
    const alice = await connectVisitor(hub);
    const mallory = await connectVisitor(hub);
    const conversation = await startConversation(alice.socket);
    await call(alice.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: nanoid(),
      body: 'my order number is 12345',
    });
    const heard: unknown[] = [];
    mallory.socket.onAny((event, payload) => heard.push([event, payload]));

    for (const [event, payload] of [
      ['conversation:sync', { conversationId: conversation.id, afterSeq: 0 }],
      ['message:send', { conversationId: conversation.id, clientId: nanoid(), body: 'hi' }],
      ['typing:set', { conversationId: conversation.id, typing: true }],
    ] as const) {
      const ack = await call(mallory.socket, event, payload);
      expect(ack.ok === false && ack.error.code, event).toBe('not_found');
    }
    const list = expectOk(
      await call<{ conversations: Conversation[] }>(mallory.socket, 'conversation:list', {}),
    );
    expect(list.conversations).toEqual([]);
    // Alice's thread is untouched and Mallory heard nothing of it.
    const synced = expectOk(
      await call<{ messages: Message[] }>(alice.socket, 'conversation:sync', {
        conversationId: conversation.id,
        afterSeq: 0,
      }),
    );
    expect(synced.messages.map((m) => m.body)).toEqual(['Hello', 'my order number is 12345']);
    expect(heard).toEqual([]);
    alice.socket.close();
    mallory.socket.close();
  });

  it('an agent cannot open or write to another department, nor write to a chat they do not hold', async () => {
    const holder = await onlineAgent(hub, ['pre_sales'], 'Holder');
    const colleague = await createAgent(hub, { departments: ['pre_sales'] });
    const outsider = await createAgent(hub, { departments: ['technical'] });
    const v = await connectVisitor(hub);
    const conversation = await startConversation(v.socket);
    expect(conversation.assigneeId).toBe(holder.agent.id);

    const out = await connectAgent(hub, await signIn(hub, outsider.email, outsider.password));
    const denied = await call(out.socket, 'conversation:sync', {
      conversationId: conversation.id,
      afterSeq: 0,
    });
    expect(denied.ok === false && denied.error.code).toBe('forbidden');

    const col = await connectAgent(hub, await signIn(hub, colleague.email, colleague.password));
    const write = await call(col.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: nanoid(),
      body: 'let me butt in',
    });
    expect(write.ok === false && write.error.code).toBe('forbidden');
    // A colleague may still leave an internal note.
    expectOk(
      await call(col.socket, 'message:send', {
        conversationId: conversation.id,
        clientId: nanoid(),
        body: 'FYI: returning customer',
        kind: 'note',
      }),
    );
    for (const s of [holder.socket, out.socket, col.socket, v.socket]) s.close();
  });

  it('refuses agent sockets without a session or from another origin', async () => {
    const refused = (options: Parameters<typeof io>[1]) =>
      new Promise<string>((resolve) => {
        const socket = io(`${hub.url}/agent`, {
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
          ...options,
        });
        socket.on('connect', () => resolve('connected'));
        socket.on('connect_error', (error) => {
          socket.close();
          resolve(error.message);
        });
      });
    expect(await refused({ extraHeaders: { origin: hub.url } })).toBe('unauthorized');
    const cookie = await signIn(hub, 'admin@example.com', 'admin-password');
    expect(await refused({ extraHeaders: { origin: 'https://evil.example', cookie } })).toBe(
      'forbidden',
    );
    expect(await refused({ extraHeaders: { origin: hub.url, cookie: 'sb_session=forged' } })).toBe(
      'unauthorized',
    );
  });

  it('refuses visitor sockets from another origin or for an unknown site', async () => {
    const refused = (origin: string, siteKey: string) =>
      new Promise<string>((resolve) => {
        const socket = io(`${hub.url}/visitor`, {
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
          extraHeaders: { origin },
          auth: { siteKey },
        });
        socket.on('connect', () => resolve('connected'));
        socket.on('connect_error', (error) => {
          socket.close();
          resolve(error.message);
        });
      });
    expect(await refused('https://evil.example', 'demo')).toBe('forbidden');
    expect(await refused(hub.url, 'no-such-site')).toBe('not_found');
  });

  it('sends a visitor only their own typing and message events', async () => {
    const agent = await onlineAgent(hub);
    const a = await connectVisitor(hub);
    const b = await connectVisitor(hub);
    const heardByB: string[] = [];
    b.socket.onAny((event) => heardByB.push(event));
    const conversation = await startConversation(a.socket);
    const typing = next(a.socket, 'typing:changed');
    await call(agent.socket, 'typing:set', { conversationId: conversation.id, typing: true });
    await typing;
    expect(heardByB).toEqual([]);
    for (const s of [agent.socket, a.socket, b.socket]) s.close();
  });
});

describe('sessions and noise', () => {
  it('signing out closes the sockets opened with that session', async () => {
    const agent = await createAgent(hub);
    const cookie = await signIn(hub, agent.email, agent.password);
    const { socket } = await connectAgent(hub, cookie);
    const closed = new Promise<string>((resolve) => socket.on('disconnect', resolve));
    await fetch(`${hub.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await closed).toBe('io server disconnect');
  });

  it("a reused clientId never returns someone else's note", async () => {
    const holder = await onlineAgent(hub, ['pre_sales'], 'Holder');
    const v = await connectVisitor(hub);
    const conversation = await startConversation(v.socket);
    const clientId = nanoid();
    expectOk(
      await call(holder.socket, 'message:send', {
        conversationId: conversation.id,
        clientId,
        body: 'internal: refund approved',
        kind: 'note',
      }),
    );
    const probe = await call(v.socket, 'message:send', {
      conversationId: conversation.id,
      clientId,
      body: 'x',
    });
    expect(probe.ok === false && probe.error.code).toBe('invalid_payload');
    holder.socket.close();
    v.socket.close();
  });

  it('passes on a few typing signals a second and drops the flood', async () => {
    const agent = await onlineAgent(hub);
    const v = await connectVisitor(hub);
    const conversation = await startConversation(v.socket);
    let heard = 0;
    agent.socket.on('typing:changed', () => {
      heard += 1;
    });
    for (let i = 0; i < 100; i++) {
      v.socket.emit('typing:set', { conversationId: conversation.id, typing: i % 2 === 0 });
    }
    // A message after the flood arrives after every typing signal that got through.
    const marker = next(agent.socket, 'message:new');
    await call(v.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: nanoid(),
      body: 'done typing',
    });
    await marker;
    expect(heard).toBeGreaterThan(0);
    expect(heard).toBeLessThan(20);
    agent.socket.close();
    v.socket.close();
  });
});
