import { io, type Socket } from 'socket.io-client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Ack } from '../protocol/errors.ts';
import type {
  AgentClientEvents,
  AgentServerEvents,
  SyncResult,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../protocol/events.ts';
import type { Conversation, Message } from '../protocol/model.ts';
import { request } from './request.ts';

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

describe('request()', () => {
  it('types the ack from the event map (socket.io issue 4925)', () => {
    const visitor: VisitorSocket = io('http://127.0.0.1:1', { autoConnect: false });
    const agent: AgentSocket = io('http://127.0.0.1:1', { autoConnect: false });
    const sync = () => request(visitor, 'conversation:sync', { conversationId: 'c', afterSeq: 0 });
    expectTypeOf(sync).returns.resolves.toEqualTypeOf<Ack<SyncResult>>();
    const send = () =>
      request(visitor, 'message:send', { conversationId: 'c', clientId: 'x', body: 'b' });
    expectTypeOf(send).returns.resolves.toEqualTypeOf<Ack<{ message: Message }>>();
    const claim = () => request(agent, 'conversation:claim', { conversationId: 'c' });
    expectTypeOf(claim).returns.resolves.toEqualTypeOf<Ack<{ conversation: Conversation }>>();

    // Each line below must fail to compile; `pnpm typecheck` fails if one compiles.
    // @ts-expect-error visitors have no conversation:claim
    void (() => request(visitor, 'conversation:claim', { conversationId: 'c' }));
    // @ts-expect-error typing:set has no ack to wait for
    void (() => request(visitor, 'typing:set', { conversationId: 'c', typing: true }));
    // @ts-expect-error the payload is the event's own
    void (() => request(visitor, 'conversation:sync', { conversationId: 'c' }));
    // @ts-expect-error agents do not start conversations
    void (() => request(agent, 'conversation:start', { department: 'd', clientId: 'x' }));
    visitor.close();
    agent.close();
  });

  it('rejects when no ack arrives in time, so callers treat the outcome as unknown', async () => {
    const socket: VisitorSocket = io('http://127.0.0.1:1', { autoConnect: false });
    await expect(request(socket, 'conversation:list', {}, 20)).rejects.toThrow();
    socket.close();
  });
});
