/**
 * A visitor writing again within 72 hours of resolution reopens the same conversation:
 * back to their last agent if that agent could take it now, else to the head of the
 * queue, never to an agent who is gone (Chatwoot #9587). After 72 hours the write is
 * refused and the visitor starts a new conversation. A fake clock moves the hours.
 */
import type { Conversation, LeaveMessageOffer, Message } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  expectOk,
  fakeClock,
  type Hub,
  nanoid,
  next,
  onlineAgent,
  startHub,
} from '../harness.ts';
import {
  type ChattingVisitor,
  chattingVisitor,
  closedAfterEach,
  codeOf,
  eventTypes,
  nextPosition,
  stored,
} from '../routing-peers.ts';

const HOUR = 3_600_000;

let hub: Hub;
let clock: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  clock = fakeClock();
  hub = await startHub({ clock: clock.now });
});
afterEach(async () => {
  await hub.close();
});

const track = closedAfterEach();

/** A chat with an agent who then resolves it. */
async function resolvedChat(name: string) {
  const agent = track(await onlineAgent(hub, ['pre_sales'], name));
  clock.advance(1000);
  const visitor = track(await chattingVisitor(hub));
  expect(visitor.conversation.assigneeId).toBe(agent.agent.id);
  clock.advance(60_000);
  expectOk(
    await call(agent.socket, 'conversation:resolve', { conversationId: visitor.conversation.id }),
  );
  return { agent, visitor };
}

function writeAgain(visitor: ChattingVisitor, body = 'one more question') {
  return call<{ message: Message }>(visitor.socket, 'message:send', {
    conversationId: visitor.conversation.id,
    clientId: nanoid(),
    body,
  });
}

describe('reopen', () => {
  it('goes back to the last agent when they are online with room, within 72 hours', async () => {
    const { agent, visitor } = await resolvedChat('Sam');
    clock.advance(71 * HOUR);
    const reopened = next<Conversation>(
      visitor.socket,
      'conversation:updated',
      (c) => c.id === visitor.conversation.id && c.status === 'assigned',
    );
    const sent = expectOk(await writeAgain(visitor));
    expect(sent.message).toMatchObject({ conversationId: visitor.conversation.id, seq: 2 });
    expect((await reopened).assigneeId).toBe(agent.agent.id);
    const events = await hub.store.events.list(visitor.conversation.id);
    expect(events.map((e) => e.type)).toEqual([
      'queued',
      'assigned',
      'resolved',
      'reopened',
      'assigned',
    ]);
    expect(events[3]?.actor.kind).toBe('visitor');
    expect(events[4]).toMatchObject({
      actor: { kind: 'system' },
      data: { agentId: agent.agent.id, by: 'reopen' },
    });
  });

  it('goes to the head of the queue, never to the last agent, when that agent is gone', async () => {
    const { agent, visitor } = await resolvedChat('Hana');
    hub.dropAgent(agent.agent.id);
    clock.advance(2 * HOUR);
    await hub.tick();
    clock.advance(1000);
    const waiting = track(await chattingVisitor(hub));
    expect(waiting.conversation.status).toBe('queued');

    const atHead = nextPosition(visitor, 1);
    const movesBack = nextPosition(waiting, 2);
    const offered = next<LeaveMessageOffer>(visitor.socket, 'conversation:offer');
    clock.advance(1000);
    expectOk(await writeAgain(visitor));
    await Promise.all([atHead, movesBack]);
    expect(await offered).toMatchObject({ reason: 'no_agent_online', queued: true });
    expect(await stored(hub, visitor.conversation.id)).toEqual({
      status: 'queued',
      assigneeId: null,
      department: 'pre_sales',
    });
    expect(await eventTypes(hub, visitor.conversation.id)).toEqual([
      'queued',
      'assigned',
      'resolved',
      'reopened',
    ]);

    // An agent coming online takes it like any queued chat.
    const omar = track(await onlineAgent(hub, ['pre_sales'], 'Omar'));
    const events = await hub.store.events.list(visitor.conversation.id);
    expect(events.at(-1)).toMatchObject({
      type: 'assigned',
      data: { agentId: omar.agent.id, by: 'auto' },
    });
  });

  it('refuses a write after 72 hours; the visitor starts a new conversation', async () => {
    const { visitor } = await resolvedChat('Sam');
    clock.advance(72 * HOUR + 1000);
    expect(codeOf(await writeAgain(visitor))).toBe('conversation_closed');
    expect(await eventTypes(hub, visitor.conversation.id)).toEqual([
      'queued',
      'assigned',
      'resolved',
    ]);
    expect((await stored(hub, visitor.conversation.id)).status).toBe('resolved');
    const start = { department: 'pre_sales', clientId: nanoid(), body: 'Hello again' };
    const fresh = expectOk(
      await call<{ conversation: Conversation }>(visitor.socket, 'conversation:start', start),
    ).conversation;
    expect(fresh.id).not.toBe(visitor.conversation.id);
  });
});
