import type { Ack, Message } from '@switchboard/shared';
import { LIMITS } from '@switchboard/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  connectVisitor,
  expectOk,
  type Hub,
  nanoid,
  onlineAgent,
  startConversation,
  startHub,
  type VisitorPeer,
} from '../harness.ts';

let hub: Hub;
let visitor: VisitorPeer;
let conversationId: string;

beforeAll(async () => {
  hub = await startHub({ config: { rateLimit: { perSecond: 1000, burst: 1000 } } });
  visitor = await connectVisitor(hub);
  const conversation = await startConversation(visitor.socket);
  conversationId = conversation.id;
});
afterAll(async () => {
  visitor.socket.close();
  await hub.close();
});

async function code(event: string, payload: unknown): Promise<string> {
  const ack = await call(visitor.socket, event, payload);
  return ack.ok ? 'ok' : ack.error.code;
}

describe('malformed socket payloads', () => {
  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['a number', 42],
    ['an array', [1, 2]],
    ['no body', { conversationId: 'x', clientId: 'y' }],
    ['an empty body', { conversationId: 'x', clientId: 'y', body: '' }],
    ['a numeric body', { conversationId: 'x', clientId: 'y', body: 5 }],
    ['an unknown field', { conversationId: 'x', clientId: 'y', body: 'b', admin: true }],
    ['a clientId with spaces', { conversationId: 'x', clientId: 'a b', body: 'b' }],
    ['a huge clientId', { conversationId: 'x', clientId: 'c'.repeat(200), body: 'b' }],
  ])('message:send with %s → invalid_payload', async (_name, payload) => {
    expect(await code('message:send', payload)).toBe('invalid_payload');
  });

  it('an oversized body → too_large, and a body at the limit is fine', async () => {
    const over = { conversationId, clientId: nanoid(), body: 'x'.repeat(LIMITS.messageBody + 1) };
    expect(await code('message:send', over)).toBe('too_large');
    const at = { conversationId, clientId: nanoid(), body: '字'.repeat(LIMITS.messageBody) };
    expect(await code('message:send', at)).toBe('ok');
  });

  it('other events validate too', async () => {
    expect(await code('conversation:start', { department: 'nope', clientId: nanoid() })).toBe(
      'invalid_payload',
    );
    expect(await code('conversation:start', { department: 'Pre Sales', clientId: nanoid() })).toBe(
      'invalid_payload',
    );
    expect(await code('conversation:sync', { conversationId, afterSeq: -1 })).toBe(
      'invalid_payload',
    );
    expect(await code('conversation:sync', { conversationId, afterSeq: 1.5 })).toBe(
      'invalid_payload',
    );
    expect(await code('conversation:list', { extra: 1 })).toBe('invalid_payload');
  });

  it('an unknown event with an ack hears invalid_payload; one without an ack is ignored', async () => {
    expect(await code('admin:drop-tables', {})).toBe('invalid_payload');
    // What a buggy or hostile client may send, outside the typed protocol.
    const raw: Socket = visitor.socket;
    raw.emit('message:send', { conversationId, clientId: nanoid(), body: 'no ack' });
    raw.emit('message:send');
    expect(await code('conversation:sync', { conversationId, afterSeq: 0 })).toBe('ok');
  });

  it('answers an event sent with no payload at all (the callback comes first)', async () => {
    // socket.emit('conversation:list', ack): Socket.IO hands the hub the callback as
    // the first argument. The hub reads the payload as {} and answers every event.
    const raw: Socket = visitor.socket;
    const list: Ack = await raw.timeout(5000).emitWithAck('conversation:list');
    expect(list.ok).toBe(true);
    const sync: Ack = await raw.timeout(5000).emitWithAck('conversation:sync');
    expect(sync.ok ? 'ok' : sync.error.code).toBe('invalid_payload');
    const send: Ack = await raw.timeout(5000).emitWithAck('message:send');
    expect(send.ok ? 'ok' : send.error.code).toBe('invalid_payload');

    const { socket: agent } = await onlineAgent(hub);
    const rawAgent: Socket = agent;
    const agentList: Ack = await rawAgent.timeout(5000).emitWithAck('conversation:list');
    expect(agentList.ok).toBe(true);
    const status: Ack = await rawAgent.timeout(5000).emitWithAck('agent:status');
    expect(status.ok ? 'ok' : status.error.code).toBe('invalid_payload');
    agent.close();
  });

  it('rejects nothing it already accepted: bad input never half-writes', async () => {
    const before = expectOk(
      await call<{ messages: Message[] }>(visitor.socket, 'conversation:sync', {
        conversationId,
        afterSeq: 0,
      }),
    ).messages;
    await code('message:send', { conversationId, clientId: nanoid(), body: 'x'.repeat(9999) });
    await code('message:send', { conversationId, clientId: 'bad id', body: 'x' });
    const after = expectOk(
      await call<{ messages: Message[] }>(visitor.socket, 'conversation:sync', {
        conversationId,
        afterSeq: 0,
      }),
    ).messages;
    expect(after).toEqual(before);
  });

  it('drops a socket that sends a frame over the size limit, and keeps serving others', async () => {
    const rogue = await connectVisitor(hub);
    const dropped = new Promise<string>((resolve) => rogue.socket.on('disconnect', resolve));
    (rogue.socket as Socket).emit('message:send', {
      conversationId,
      clientId: nanoid(),
      body: 'x'.repeat(LIMITS.maxFrameBytes + 10),
    });
    expect(await dropped).toBe('transport close');
    expect(await code('conversation:sync', { conversationId, afterSeq: 0 })).toBe('ok');
    const health = await fetch(`${hub.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers rate_limited past the burst, and every message it accepted is stored', async () => {
    const limited = await startHub({ config: { rateLimit: { perSecond: 1, burst: 5 } } });
    try {
      const v = await connectVisitor(limited);
      const conversation = await startConversation(v.socket);
      const acks = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          call<{ message: Message }>(v.socket, 'message:send', {
            conversationId: conversation.id,
            clientId: nanoid(),
            body: `m${i}`,
          }),
        ),
      );
      const codes = acks.map((a) => (a.ok ? 'ok' : a.error.code));
      expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThan(0);
      expect(codes.every((c) => c === 'ok' || c === 'rate_limited')).toBe(true);
      const stored = expectOk(
        await call<{ messages: Message[] }>(v.socket, 'conversation:sync', {
          conversationId: conversation.id,
          afterSeq: 0,
        }),
      ).messages;
      // ...after the message that started the conversation.
      expect(stored.length).toBe(codes.filter((c) => c === 'ok').length + 1);
      v.socket.close();
    } finally {
      await limited.close();
    }
  });
});

describe('new visitors per address', () => {
  it('refuses a burst of new visitors past the limit, never a returning one', async () => {
    const limited = await startHub({ config: { newVisitorLimit: { perSecond: 1, burst: 2 } } });
    try {
      const first = await connectVisitor(limited);
      const second = await connectVisitor(limited);
      const third = await connectVisitor(limited).catch((error: Error) => error.message);
      expect(third).toBe('rate_limited');
      // Coming back with a token creates nothing, so it is never limited.
      first.socket.close();
      const back = await connectVisitor(limited, { token: first.token });
      expect(back.visitorId).toBe(first.visitorId);
      for (const v of [second, back]) v.socket.close();
    } finally {
      await limited.close();
    }
  });
});
