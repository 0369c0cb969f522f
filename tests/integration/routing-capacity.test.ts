/**
 * Capacity and fair queues with real peers: an agent takes at most five chats, the
 * queue is served VIP first and then oldest first, and the least loaded agent (open
 * chats now, never lifetime totals) takes the next one. A fake clock keeps the
 * "longest since last assignment" tie-break deterministic.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, expectOk, fakeClock, type Hub, onlineAgent, startHub } from '../harness.ts';
import {
  type ChattingVisitor,
  chattingVisitor,
  eventTypes,
  lastPosition,
  nextPosition,
  nextUpdate,
  stored,
} from '../routing-peers.ts';

let hub: Hub;
let clock: ReturnType<typeof fakeClock>;
const sockets: { close(): unknown }[] = [];
beforeEach(async () => {
  clock = fakeClock();
  hub = await startHub({ clock: clock.now });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub.close();
});

/** A visitor a second after the last one, so arrivals have distinct times. */
async function arrive(department = 'pre_sales', vip = false): Promise<ChattingVisitor> {
  clock.advance(1000);
  const v = await chattingVisitor(hub, department, { vip });
  sockets.push(v.socket);
  return v;
}

async function agent(name: string, departments = ['pre_sales']) {
  clock.advance(1000);
  const a = await onlineAgent(hub, departments, name);
  sockets.push(a.socket);
  return a;
}

async function resolve(a: { socket: Parameters<typeof call>[0] }, v: ChattingVisitor) {
  clock.advance(1000);
  expectOk(await call(a.socket, 'conversation:resolve', { conversationId: v.conversation.id }));
}

describe('capacity', () => {
  it('gives an agent five chats; the sixth waits at position 1 and takes the first freed slot', async () => {
    const sam = await agent('Sam');
    const held: ChattingVisitor[] = [];
    for (let i = 0; i < 5; i++) held.push(await arrive());
    for (const v of held) {
      expect(v.conversation).toMatchObject({ status: 'assigned', assigneeId: sam.agent.id });
    }

    const sixth = await arrive();
    expect(sixth.conversation).toMatchObject({ status: 'queued', assigneeId: null });
    expect(lastPosition(sixth)).toBe(1);

    const assigned = nextUpdate(sixth, 'assigned');
    await resolve(sam, held[0]!);
    // At once: the resolve's outcome assigned it, before its ack.
    expect(await stored(hub, sixth.conversation.id)).toMatchObject({
      status: 'assigned',
      assigneeId: sam.agent.id,
    });
    expect((await assigned).assigneeId).toBe(sam.agent.id);
    expect(await eventTypes(hub, sixth.conversation.id)).toEqual(['queued', 'assigned']);
    const [, assignedEvent] = await hub.store.events.list(sixth.conversation.id);
    expect(assignedEvent?.data).toMatchObject({ agentId: sam.agent.id, by: 'auto' });
  });
});

describe('fair queues', () => {
  it('serves a VIP before earlier visitors, then the rest first come, first served', async () => {
    const sam = await agent('Sam');
    const held: ChattingVisitor[] = [];
    for (let i = 0; i < 5; i++) held.push(await arrive());
    const a = await arrive();
    const b = await arrive();
    expect([lastPosition(a), lastPosition(b)]).toEqual([1, 2]);

    const aMovesBack = nextPosition(a, 2);
    const vip = await arrive('pre_sales', true);
    expect(vip.conversation).toMatchObject({ status: 'queued', vip: true });
    expect(lastPosition(vip)).toBe(1);
    await aMovesBack;

    // Each freed slot goes to the head of the queue: the VIP, then a, then b.
    const queue = [vip, a, b];
    for (const [i, head] of queue.entries()) {
      await resolve(sam, held[i]!);
      expect(await stored(hub, head.conversation.id)).toMatchObject({
        status: 'assigned',
        assigneeId: sam.agent.id,
      });
      for (const later of queue.slice(i + 1)) {
        expect((await stored(hub, later.conversation.id)).status).toBe('queued');
      }
    }
  });

  it('gives the next chat to the less loaded of two agents, ties to the longest idle', async () => {
    const xena = await agent('Xena');
    const first = [await arrive(), await arrive()];
    for (const v of first) expect(v.conversation.assigneeId).toBe(xena.agent.id);

    const yuri = await agent('Yuri');
    // Xena 2/5, Yuri 0/5, then 1/5: Yuri, twice.
    expect((await arrive()).conversation.assigneeId).toBe(yuri.agent.id);
    expect((await arrive()).conversation.assigneeId).toBe(yuri.agent.id);
    // 2/5 each: Xena was given one longest ago.
    expect((await arrive()).conversation.assigneeId).toBe(xena.agent.id);
    // Xena 3/5, Yuri 2/5.
    expect((await arrive()).conversation.assigneeId).toBe(yuri.agent.id);
  });

  it('counts open chats, not lifetime totals (Rocket.Chat #13134)', async () => {
    const xena = await agent('Xena');
    const done = [await arrive(), await arrive(), await arrive()];
    for (const v of done) await resolve(xena, v);

    const yuri = await agent('Yuri');
    // 0/5 each: Yuri was never given one, so he has waited longest.
    expect((await arrive()).conversation.assigneeId).toBe(yuri.agent.id);
    // Xena has handled three, but holds none now; Yuri holds one.
    expect((await arrive()).conversation.assigneeId).toBe(xena.agent.id);
  });

  it('drains the backlog oldest first once capacity frees, without a new arrival (Chatwoot #10376)', async () => {
    const sam = await agent('Sam');
    const held: ChattingVisitor[] = [];
    for (let i = 0; i < 5; i++) held.push(await arrive());
    const backlog = [await arrive(), await arrive(), await arrive()];
    const newest = await arrive();
    expect(lastPosition(newest)).toBe(4);

    // A freed slot goes to the oldest waiting chat, not the newest.
    await resolve(sam, held[0]!);
    expect(await stored(hub, backlog[0]!.conversation.id)).toMatchObject({
      status: 'assigned',
      assigneeId: sam.agent.id,
    });
    expect((await stored(hub, newest.conversation.id)).status).toBe('queued');

    // An agent coming online takes the rest of the backlog at once.
    const nina = await agent('Nina');
    for (const v of [...backlog.slice(1), newest]) {
      expect(await stored(hub, v.conversation.id)).toMatchObject({
        status: 'assigned',
        assigneeId: nina.agent.id,
      });
    }
  });
});
