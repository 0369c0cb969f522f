import { io, type Socket } from 'socket.io-client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Ack } from '../protocol/errors.ts';
import type { AgentClientEvents, AgentServerEvents } from '../protocol/events.ts';
import type { Conversation } from '../protocol/model.ts';
import { socketConnection } from './connection.ts';

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

describe('socketConnection()', () => {
  it('subscribes, and the returned function unsubscribes that handler only', () => {
    const socket: AgentSocket = io('http://127.0.0.1:1', { autoConnect: false });
    const conn = socketConnection(socket);
    const a = conn.on('message:new', () => undefined);
    const b = conn.on('message:new', () => undefined);
    const c = conn.on('disconnect', () => undefined);
    expect(socket.listeners('message:new')).toHaveLength(2);
    a();
    expect(socket.listeners('message:new')).toHaveLength(1);
    b();
    c();
    expect(socket.listeners('message:new')).toHaveLength(0);
    expect(conn.connected).toBe(false);
    socket.close();
  });

  it('types handlers, requests and emits from the event maps', () => {
    const socket: AgentSocket = io('http://127.0.0.1:1', { autoConnect: false });
    const conn = socketConnection(socket);
    const claim = () => conn.request('conversation:claim', { conversationId: 'c' });
    expectTypeOf(claim).returns.resolves.toEqualTypeOf<Ack<{ conversation: Conversation }>>();
    // Each line below must fail to compile; `pnpm typecheck` fails if one compiles.
    // @ts-expect-error typing:set has no ack to wait for
    void (() => conn.request('typing:set', { conversationId: 'c', typing: true }));
    // @ts-expect-error message:send is acked: use request
    void (() => conn.emit('message:send', { conversationId: 'c', clientId: 'x', body: 'b' }));
    // @ts-expect-error the handler gets the event's own payload
    void (() => conn.on('message:new', (m: { nope: true }) => m));
    socket.close();
  });
});
