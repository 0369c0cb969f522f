/**
 * Business hours over the hub, in Asia/Shanghai (UTC+8) with a night shift that crosses
 * midnight, a public holiday closed and a special working day (调休) open. A fake clock
 * stands on either side of each edge; visitors ask `queue:availability` and start
 * conversations, and are offered leave-a-message when the department is closed.
 */
import type {
  Availability,
  BusinessHours,
  Conversation,
  LeaveMessageOffer,
  Message,
} from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api.ts';
import {
  ADMIN,
  call,
  connectVisitor,
  expectOk,
  fakeClock,
  type Hub,
  nanoid,
  onlineAgent,
  signIn,
  startHub,
  type VisitorPeer,
} from '../harness.ts';
import {
  chattingVisitor,
  closedAfterEach,
  codeOf,
  lastPosition,
  stored,
} from '../routing-peers.ts';

const night = [
  { from: 0, to: 120 },
  { from: 1320, to: 1440 },
];
/**
 * 22:00–02:00 every night but Sunday's; the early hours of Monday are Sunday night's, so
 * closed. National Day (1 October) is a holiday; Sunday 28 September 2025 is a working day
 * (调休) with office hours in place of its usual ones.
 */
const HOURS: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: {
    mon: [{ from: 1320, to: 1440 }],
    tue: night,
    wed: night,
    thu: night,
    fri: night,
    sat: night,
    sun: [{ from: 0, to: 120 }],
  },
  exceptions: { '2025-10-01': [], '2025-09-28': [{ from: 540, to: 1080 }] },
};

/** A Shanghai wall-clock time as an instant. */
const shanghai = (local: string) => Date.parse(`${local}+08:00`);

let hub: Hub;
let clock: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  clock = fakeClock(shanghai('2025-09-28T01:00:00'));
  hub = await startHub({ clock: clock.now });
  const admin = await signIn(hub, ADMIN.email, ADMIN.password);
  const set = await api(hub, 'PATCH', '/api/departments/technical', {
    cookie: admin,
    // No SLA here: its clocks are routing-sla.test.ts's subject.
    body: { hours: HOURS, sla: null },
  });
  expect(set.status).toBe(200);
});
afterEach(async () => {
  await hub.close();
});

const track = closedAfterEach();

async function at(local: string) {
  clock.advance(shanghai(local) - clock.now());
  await hub.tick();
}

const availability = async (peer: VisitorPeer) =>
  expectOk(
    await call<{ availability: Availability }>(peer.socket, 'queue:availability', {
      department: 'technical',
    }),
  ).availability;

type Start = { conversation: Conversation; message: Message };
const start = (peer: VisitorPeer) =>
  call<Start>(peer.socket, 'conversation:start', {
    department: 'technical',
    clientId: nanoid(),
    body: '服务器连不上了',
  });

describe('business hours', () => {
  it('answers open or closed on either side of midnight, a holiday and a working Sunday', async () => {
    const mei = track(await onlineAgent(hub, ['technical'], 'Mei'));
    const moments: [string, boolean, string][] = [
      ['2025-09-28T01:00:00', false, 'the working Sunday replaces Saturday night’s tail'],
      ['2025-09-28T09:00:00', true, 'the working Sunday opens at 09:00'],
      ['2025-09-28T17:59:59', true, 'and is open until 18:00'],
      ['2025-09-28T18:00:00', false, 'then closes'],
      ['2025-09-29T21:59:59', false, 'Monday before the night shift'],
      ['2025-09-29T22:00:00', true, 'Monday night opens at 22:00'],
      ['2025-09-30T01:59:59', true, 'across midnight into Tuesday'],
      ['2025-09-30T02:00:00', false, 'and closes at 02:00'],
      ['2025-09-30T23:30:00', true, 'Tuesday night'],
      ['2025-10-01T00:30:00', false, 'stops at midnight: 1 October is a holiday'],
      ['2025-10-01T22:30:00', false, 'the holiday night stays closed'],
    ];
    for (const [local, open, why] of moments) {
      await at(local);
      const visitor = track(await connectVisitor(hub));
      const offered: LeaveMessageOffer[] = [];
      visitor.socket.on('conversation:offer', (o) => offered.push(o));
      const answer = await availability(visitor);
      const started = await start(visitor);
      if (open) {
        expect(answer, `${local}: ${why}`).toEqual({ status: 'open' });
        expect(expectOk(started).conversation, `${local}: ${why}`).toMatchObject({
          status: 'assigned',
          assigneeId: mei.agent.id,
        });
        expect(offered).toEqual([]);
        expectOk(
          await call(mei.socket, 'conversation:resolve', {
            conversationId: expectOk(started).conversation.id,
          }),
        );
      } else {
        expect(answer, `${local}: ${why}`).toEqual({ status: 'closed', leaveMessage: true });
        expect(codeOf(started), `${local}: ${why}`).toBe('department_closed');
        // What the hub emits before the ack arrives before it.
        expect(offered, `${local}: ${why}`).toEqual([
          {
            conversationId: expect.any(String),
            department: 'technical',
            reason: 'closed',
            queued: false,
          },
        ]);
        // Nothing was started.
        const mine = expectOk(
          await call<{ conversations: Conversation[] }>(visitor.socket, 'conversation:list', {}),
        ).conversations;
        expect(mine).toEqual([]);
      }
      visitor.socket.close();
    }
  });

  it('takes a left message while closed, for the night shift to claim', async () => {
    await at('2025-10-01T10:00:00');
    const visitor = track(await connectVisitor(hub));
    const left = expectOk(
      await call<Start>(visitor.socket, 'conversation:leave-message', {
        department: 'technical',
        clientId: nanoid(),
        name: '王芳',
        email: 'wangfang@example.com',
        body: '节后请联系我',
      }),
    );
    expect(left.conversation).toMatchObject({ status: 'pending', department: 'technical' });

    await at('2025-10-01T22:00:00');
    const mei = track(await onlineAgent(hub, ['technical'], 'Mei'));
    expect((await stored(hub, left.conversation.id)).status).toBe('pending');
    const claimed = await call<{ conversation: Conversation }>(mei.socket, 'conversation:claim', {
      conversationId: left.conversation.id,
    });
    expect(expectOk(claimed).conversation).toMatchObject({
      status: 'assigned',
      assigneeId: mei.agent.id,
    });
  });

  it('keeps a chat queued before closing time in its place, and serves it when an agent comes', async () => {
    await at('2025-09-30T01:50:00');
    const early = track(await chattingVisitor(hub, 'technical'));
    clock.advance(1000);
    const late = track(await chattingVisitor(hub, 'technical'));
    expect([early.conversation.status, late.conversation.status]).toEqual(['queued', 'queued']);
    expect([lastPosition(early), lastPosition(late)]).toEqual([1, 2]);

    // Closing time passes: nobody is dropped from the queue, newcomers are turned away.
    await at('2025-09-30T02:00:00');
    await at('2025-09-30T09:00:00');
    expect((await stored(hub, early.conversation.id)).status).toBe('queued');
    expect((await stored(hub, late.conversation.id)).status).toBe('queued');
    const newcomer = track(await connectVisitor(hub));
    expect(codeOf(await start(newcomer))).toBe('department_closed');

    // Opening time: the department takes new chats again.
    await at('2025-09-30T22:00:00');
    expect(await availability(newcomer)).toEqual({ status: 'unstaffed', leaveMessage: true });
    const third = expectOk(await start(newcomer)).conversation;
    expect(third.status).toBe('queued');

    // The first agent online takes them oldest first.
    const mei = track(await onlineAgent(hub, ['technical'], 'Mei'));
    expect((await stored(hub, early.conversation.id)).assigneeId).toBe(mei.agent.id);
    expect((await stored(hub, late.conversation.id)).assigneeId).toBe(mei.agent.id);
    expect((await stored(hub, third.id)).assigneeId).toBe(mei.agent.id);
    const events = await Promise.all(
      [early.conversation.id, late.conversation.id, third.id].map((id) =>
        hub.store.events.list(id),
      ),
    );
    expect(events.map((e) => e.map((x) => x.type))).toEqual([
      ['queued', 'assigned'],
      ['queued', 'assigned'],
      ['queued', 'assigned'],
    ]);
  });
});
