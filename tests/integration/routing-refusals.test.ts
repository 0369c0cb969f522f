/**
 * What a department's settings refuse, over the hub: a full queue (leave-a-message still
 * offered), a disabled department, and leave-a-message where it is switched off. Each
 * refusal has its code (shared/src/protocol/errors.ts) and leaves nothing behind.
 */
import type {
  Availability,
  Conversation,
  DepartmentSettings,
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
  type Hub,
  nanoid,
  onlineAgent,
  signIn,
  startHub,
  type VisitorPeer,
} from '../harness.ts';
import { chattingVisitor, closedAfterEach, codeOf, eventTypes, stored } from '../routing-peers.ts';

let hub: Hub;
let admin: string;
beforeEach(async () => {
  hub = await startHub();
  admin = await signIn(hub, ADMIN.email, ADMIN.password);
});
afterEach(async () => {
  await hub.close();
});

const track = closedAfterEach();

async function configure(department: string, settings: Partial<DepartmentSettings>) {
  const reply = await api(hub, 'PATCH', `/api/departments/${department}`, {
    cookie: admin,
    body: settings,
  });
  expect(reply.status).toBe(200);
}

/** A visitor recording every leave-a-message offer they are made. */
async function visitor() {
  const peer = track(await connectVisitor(hub));
  const offers: LeaveMessageOffer[] = [];
  peer.socket.on('conversation:offer', (o) => offers.push(o));
  return { ...peer, offers };
}

const availability = async (peer: VisitorPeer, department: string) =>
  expectOk(
    await call<{ availability: Availability }>(peer.socket, 'queue:availability', { department }),
  ).availability;

type Started = { conversation: Conversation; message: Message };
const start = (peer: VisitorPeer, department: string) =>
  call<Started>(peer.socket, 'conversation:start', {
    department,
    clientId: nanoid(),
    body: 'Hello?',
  });
const leaveMessage = (peer: VisitorPeer, department: string, conversationId?: string) =>
  call<Started>(peer.socket, 'conversation:leave-message', {
    department,
    clientId: nanoid(),
    name: 'Li Lei',
    email: 'lilei@example.com',
    body: 'Please call me back',
    ...(conversationId ? { conversationId } : {}),
  });
const listOf = async (peer: VisitorPeer) =>
  expectOk(await call<{ conversations: Conversation[] }>(peer.socket, 'conversation:list', {}))
    .conversations;

describe('a full queue', () => {
  it('refuses queue_full at max_queue, offers leave-a-message, and takes one again when a place frees', async () => {
    await configure('technical', { maxQueue: 2 });
    const first = track(await chattingVisitor(hub, 'technical'));
    track(await chattingVisitor(hub, 'technical'));

    const third = await visitor();
    expect(await availability(third, 'technical')).toEqual({
      status: 'queue_full',
      leaveMessage: true,
    });
    const refused = await start(third, 'technical');
    expect(codeOf(refused)).toBe('queue_full');
    expect(third.offers).toEqual([
      {
        conversationId: expect.any(String),
        department: 'technical',
        reason: 'queue_full',
        queued: false,
      },
    ]);
    expect(await listOf(third)).toEqual([]);

    // Leave-a-message is the way on; a pending message does not take a place in the queue.
    const left = expectOk(await leaveMessage(third, 'technical'));
    expect(left.conversation).toMatchObject({ status: 'pending', department: 'technical' });
    expect(await availability(third, 'technical')).toMatchObject({ status: 'queue_full' });

    // Someone gives up: their place is free for a newcomer.
    expectOk(
      await call(first.socket, 'conversation:leave', { conversationId: first.conversation.id }),
    );
    const fourth = await visitor();
    expect(expectOk(await start(fourth, 'technical')).conversation.status).toBe('queued');
    expect(codeOf(await start(await visitor(), 'technical'))).toBe('queue_full');
  });

  it('with a limit of 0 offers leave-a-message only, even with agents online', async () => {
    await configure('technical', { maxQueue: 0 });
    track(await onlineAgent(hub, ['technical'], 'Mei'));
    const peer = await visitor();
    expect(await availability(peer, 'technical')).toEqual({
      status: 'queue_full',
      leaveMessage: true,
    });
    expect(codeOf(await start(peer, 'technical'))).toBe('queue_full');
  });
});

describe('a disabled department', () => {
  it('refuses department_disabled for chats and messages alike, offering nothing', async () => {
    track(await onlineAgent(hub, ['post_sales'], 'Pat'));
    await configure('post_sales', { enabled: false });
    const peer = await visitor();
    expect(await availability(peer, 'post_sales')).toEqual({
      status: 'disabled',
      leaveMessage: false,
    });
    expect(codeOf(await start(peer, 'post_sales'))).toBe('department_disabled');
    expect(codeOf(await leaveMessage(peer, 'post_sales'))).toBe('department_disabled');
    expect(peer.offers).toEqual([]);
    expect(await listOf(peer)).toEqual([]);
  });

  it('still serves the conversations it already had', async () => {
    const waiting = track(await chattingVisitor(hub, 'post_sales'));
    await configure('post_sales', { enabled: false });
    const pat = track(await onlineAgent(hub, ['post_sales'], 'Pat'));
    expect(await stored(hub, waiting.conversation.id)).toMatchObject({
      status: 'assigned',
      assigneeId: pat.agent.id,
    });
  });
});

describe('leave-a-message switched off', () => {
  it('is neither offered nor taken: leave_message_disabled, and the chat keeps waiting', async () => {
    await configure('post_sales', { leaveMessage: false });
    const peer = await visitor();
    expect(await availability(peer, 'post_sales')).toEqual({
      status: 'unstaffed',
      leaveMessage: false,
    });
    const refused = await leaveMessage(peer, 'post_sales');
    expect(codeOf(refused)).toBe('leave_message_disabled');
    expect(await listOf(peer)).toEqual([]);

    // A chat still starts and waits, with no offer to leave a message instead.
    const { conversation } = expectOk(await start(peer, 'post_sales'));
    expect(conversation.status).toBe('queued');
    const instead = await leaveMessage(peer, 'post_sales', conversation.id);
    expect(codeOf(instead)).toBe('leave_message_disabled');
    expect(peer.offers).toEqual([]);

    // The chat still waits, not pending, and the refused message was not stored: the
    // visitor was told it was not taken, so nobody reads it as if it had been.
    const synced = expectOk(
      await call<{ messages: Message[] }>(peer.socket, 'conversation:sync', {
        conversationId: conversation.id,
        afterSeq: 0,
      }),
    ).messages;
    expect(synced.map((m) => m.body)).toEqual(['Hello?']);
    expect(await stored(hub, conversation.id)).toMatchObject({ status: 'queued' });
    expect(await eventTypes(hub, conversation.id)).toEqual(['queued']);
  });

  it('closes the door outside hours with no offer at all', async () => {
    const shut = {
      timeZone: 'Asia/Shanghai',
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      exceptions: {},
    };
    await configure('post_sales', { leaveMessage: false, hours: shut });
    const peer = await visitor();
    expect(await availability(peer, 'post_sales')).toEqual({
      status: 'closed',
      leaveMessage: false,
    });
    expect(codeOf(await start(peer, 'post_sales'))).toBe('department_closed');
    expect(codeOf(await leaveMessage(peer, 'post_sales'))).toBe('leave_message_disabled');
    expect(peer.offers).toEqual([]);
  });
});
