/**
 * An agent's chosen status survives reconnects and new sign-ins; a lost connection
 * starts a grace period (60 s) after which their chats go back to the head of the
 * queue. A fake clock moves time; `hub.tick()` runs what fell due.
 */
import type { Conversation } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  connectAgent,
  expectOk,
  fakeClock,
  type Hub,
  next,
  onlineAgent,
  signIn,
  startHub,
} from '../harness.ts';
import {
  agentList,
  type ChattingVisitor,
  chattingVisitor,
  eventTypes,
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

const track = <T extends { socket: { close(): unknown } }>(peer: T): T => {
  sockets.push(peer.socket);
  return peer;
};

async function visitors(n: number, department = 'pre_sales'): Promise<ChattingVisitor[]> {
  const all: ChattingVisitor[] = [];
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    all.push(track(await chattingVisitor(hub, department)));
  }
  return all;
}

const ids = (vs: { conversation: Conversation }[]) => vs.map((v) => v.conversation.id).sort();
const heldBy = (list: Conversation[], agentId: string) =>
  list
    .filter((c) => c.status === 'assigned' && c.assigneeId === agentId)
    .map((c) => c.id)
    .sort();

describe('status survives', () => {
  it('keeps an Online agent Online, with their chats, across a reconnect and a new sign-in', async () => {
    const sam = track(await onlineAgent(hub, ['pre_sales'], 'Sam'));
    const chats = await visitors(2);
    hub.dropAgent(sam.agent.id);

    const again = track(await connectAgent(hub, sam.cookie));
    expect(again.hello.status).toBe('online');
    expect(heldBy(await agentList(again.socket), sam.agent.id)).toEqual(ids(chats));
    // Online and connected again: new chats come to them.
    const [third] = await visitors(1);
    expect(third?.conversation.assigneeId).toBe(sam.agent.id);
    // The chats they kept reach the new socket.
    const heard = next(again.socket, 'message:new');
    expectOk(
      await call(chats[0]!.socket, 'message:send', {
        conversationId: chats[0]!.conversation.id,
        clientId: 'after-reconnect',
        body: 'still there?',
      }),
    );
    await heard;

    const fresh = track(
      await connectAgent(hub, await signIn(hub, sam.agent.email, sam.agent.password)),
    );
    expect(fresh.hello.status).toBe('online');
    for (const c of chats)
      expect((await stored(hub, c.conversation.id)).assigneeId).toBe(sam.agent.id);
  });

  it('keeps Away across a reconnect: the agent keeps their chats and gets no new ones', async () => {
    const sam = track(await onlineAgent(hub, ['pre_sales'], 'Sam'));
    const [mine] = await visitors(1);
    expectOk(await call(sam.socket, 'agent:status', { status: 'away' }));
    hub.dropAgent(sam.agent.id);
    const again = track(await connectAgent(hub, sam.cookie));
    expect(again.hello.status).toBe('away');
    const [waiting] = await visitors(1);
    expect(waiting?.conversation.status).toBe('queued');
    expect((await stored(hub, mine!.conversation.id)).assigneeId).toBe(sam.agent.id);
  });
});

describe('grace period', () => {
  it('keeps a dropped agent’s chats for 60 s, then hands them to an online colleague', async () => {
    const hana = track(await onlineAgent(hub, ['pre_sales'], 'Hana'));
    const chats = await visitors(2);
    const omar = track(await onlineAgent(hub, ['pre_sales'], 'Omar'));
    hub.dropAgent(hana.agent.id);

    clock.advance(30_000);
    await hub.tick();
    for (const c of chats) {
      expect(await stored(hub, c.conversation.id)).toMatchObject({
        status: 'assigned',
        assigneeId: hana.agent.id,
      });
    }

    const told = chats.map((c) =>
      next<Conversation>(
        c.socket,
        'conversation:updated',
        (u) => u.id === c.conversation.id && u.assigneeId === omar.agent.id,
      ),
    );
    clock.advance(31_000);
    await hub.tick();
    await Promise.all(told);
    for (const c of chats) {
      expect(await stored(hub, c.conversation.id)).toMatchObject({
        status: 'assigned',
        assigneeId: omar.agent.id,
      });
      expect(await eventTypes(hub, c.conversation.id)).toEqual([
        'queued',
        'assigned',
        'requeued',
        'assigned',
      ]);
      const events = await hub.store.events.list(c.conversation.id);
      expect(events[2]).toMatchObject({
        actor: { kind: 'system' },
        data: { reason: 'agent_disconnected', fromAgentId: hana.agent.id },
      });
      expect(events[3]?.data).toMatchObject({ agentId: omar.agent.id, by: 'auto' });
    }
  });

  it('puts requeued chats at the head of the queue, ahead of those already waiting', async () => {
    const hana = track(await onlineAgent(hub, ['pre_sales'], 'Hana'));
    const held = await visitors(5);
    const [waiting] = await visitors(1);
    hub.dropAgent(hana.agent.id);

    // The batch keeps the order its conversations started in, ahead of the waiting one.
    const positions = held.map((v, i) => nextPosition(v, i + 1));
    const queued = held.map((v) => nextUpdate(v, 'queued'));
    const movesBack = nextPosition(waiting!, 6);
    clock.advance(61_000);
    await hub.tick();
    await Promise.all([...positions, ...queued, movesBack]);

    // The next agent online takes the five requeued chats; the one that waited still waits.
    const atHead = nextPosition(waiting!, 1);
    const omar = track(await onlineAgent(hub, ['pre_sales'], 'Omar'));
    for (const v of held) {
      expect((await stored(hub, v.conversation.id)).assigneeId).toBe(omar.agent.id);
    }
    expect((await stored(hub, waiting!.conversation.id)).status).toBe('queued');
    await atHead;
  });

  it('lets an agent back within the grace period keep their chats', async () => {
    const hana = track(await onlineAgent(hub, ['pre_sales'], 'Hana'));
    const chats = await visitors(2);
    hub.dropAgent(hana.agent.id);
    clock.advance(59_000);
    const back = track(await connectAgent(hub, hana.cookie));
    expect(back.hello.status).toBe('online');
    clock.advance(10_000);
    await hub.tick();
    expect(heldBy(await agentList(back.socket), hana.agent.id)).toEqual(ids(chats));
    for (const c of chats) {
      expect(await eventTypes(hub, c.conversation.id)).toEqual(['queued', 'assigned']);
    }
  });
});

// The tests above run what fell due with hub.tick(); in production only the hub's own
// timer does. What it changes must reach people just the same: it once was written
// and told to nobody, so a requeued visitor never heard, nor did the agent given the chat.
describe('the hub’s own timer', () => {
  let live: Hub;
  beforeEach(async () => {
    live = await startHub({ config: { agentGraceMs: 200 } });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await live.close();
  });

  it('tells the visitor their chat is back at the head of the queue', async () => {
    const hana = track(await onlineAgent(live, ['pre_sales'], 'Hana'));
    const visitor = track(await chattingVisitor(live));
    expect((await stored(live, visitor.conversation.id)).assigneeId).toBe(hana.agent.id);
    const queued = nextUpdate(visitor, 'queued');
    const position = nextPosition(visitor, 1);
    live.dropAgent(hana.agent.id);
    expect(await queued).toMatchObject({ assigneeId: null });
    await position;
  });

  it('hands the chat to a colleague, who then receives it live', async () => {
    const hana = track(await onlineAgent(live, ['pre_sales'], 'Hana'));
    const visitor = track(await chattingVisitor(live));
    const omar = track(await onlineAgent(live, ['pre_sales'], 'Omar'));
    const toOmar = next<Conversation>(
      visitor.socket,
      'conversation:updated',
      (c) => c.id === visitor.conversation.id && c.assigneeId === omar.agent.id,
    );
    live.dropAgent(hana.agent.id);
    await toOmar;
    const heard = next<{ body: string }>(
      omar.socket,
      'message:new',
      (m) => m.body === 'Still there?',
    );
    expectOk(
      await call(visitor.socket, 'message:send', {
        conversationId: visitor.conversation.id,
        clientId: 'still-there',
        body: 'Still there?',
      }),
    );
    await heard;
  });
});
