/**
 * What a queued visitor is told of their place: only when it changes (a long queue is
 * not re-sent in full on every arrival), and again when they come back.
 */
import type { QueuePosition } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, connectVisitor, expectOk, type Hub, next, startHub } from '../harness.ts';
import { chattingVisitor, nextPosition } from '../routing-peers.ts';

let hub: Hub;
const closers: { close(): unknown }[] = [];
beforeEach(async () => {
  hub = await startHub();
});
afterEach(async () => {
  for (const s of closers.splice(0)) s.close();
  await hub.close();
});

const visitor = async () => {
  const peer = await chattingVisitor(hub, 'technical');
  closers.push(peer.socket);
  return peer;
};

describe('queue positions', () => {
  it('are told once each: arrivals behind a visitor do not move them', async () => {
    const first = await visitor();
    expect(first.positions.map((p) => p.position)).toEqual([1]);
    const second = await visitor();
    const third = await visitor();
    expect(second.positions.map((p) => p.position)).toEqual([2]);
    expect(third.positions.map((p) => p.position)).toEqual([3]);
    // The one in front leaving moves everyone behind up by one, once. Each visitor
    // hears it on their own connection, in no order the test may rely on.
    const movedUp = Promise.all([nextPosition(second, 1), nextPosition(third, 2)]);
    expectOk(
      await call(first.socket, 'conversation:leave', { conversationId: first.conversation.id }),
    );
    await movedUp;
    expect(second.positions.map((p) => p.position)).toEqual([2, 1]);
    expect(third.positions.map((p) => p.position)).toEqual([3, 2]);
  });

  it('are told again to a visitor who comes back, when they read the conversation', async () => {
    await visitor();
    const waiting = await visitor();
    waiting.socket.close();
    const back = await connectVisitor(hub, { token: waiting.token });
    closers.push(back.socket);
    const told = next<QueuePosition>(back.socket, 'queue:position');
    expectOk(
      await call(back.socket, 'conversation:sync', {
        conversationId: waiting.conversation.id,
        afterSeq: 0,
      }),
    );
    expect(await told).toMatchObject({ conversationId: waiting.conversation.id, position: 2 });
  });
});
