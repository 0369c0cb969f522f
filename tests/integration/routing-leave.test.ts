/**
 * A visitor who stops waiting: leaving the queue ends the conversation (abandoned),
 * and leave-a-message (留言) turns it into a pending conversation that an agent claims
 * and answers later, which the visitor reads the next time they come back.
 */
import type { Availability, Conversation, LeaveMessageOffer, Message } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  connectVisitor,
  expectOk,
  type Hub,
  nanoid,
  next,
  onlineAgent,
  startHub,
} from '../harness.ts';
import {
  agentList,
  chattingVisitor,
  closedAfterEach,
  codeOf,
  eventTypes,
  nextPosition,
  stored,
} from '../routing-peers.ts';

let hub: Hub;
beforeEach(async () => {
  hub = await startHub();
});
afterEach(async () => {
  await hub.close();
});

const track = closedAfterEach();
const visitor = async (department = 'pre_sales') => track(await chattingVisitor(hub, department));
const online = async (name: string, departments = ['pre_sales']) =>
  track(await onlineAgent(hub, departments, name));

const contact = { name: '李雷', email: 'lilei@example.com' };

describe('leaving the queue', () => {
  it('ends the conversation, moves the queue up, and never hands it to an agent', async () => {
    const leaver = await visitor();
    const stayer = await visitor();
    const movesUp = nextPosition(stayer, 1);
    const left = await call<{ conversation: Conversation }>(leaver.socket, 'conversation:leave', {
      conversationId: leaver.conversation.id,
    });
    expect(expectOk(left).conversation).toMatchObject({ status: 'resolved', assigneeId: null });
    await movesUp;
    const events = await hub.store.events.list(leaver.conversation.id);
    expect(events.map((e) => [e.type, e.actor.kind])).toEqual([
      ['queued', 'visitor'],
      ['left_queue', 'visitor'],
    ]);
    // It is over: leaving again (a retry whose ack was lost) finds it so, writing nothing.
    const again = await call<{ conversation: Conversation }>(leaver.socket, 'conversation:leave', {
      conversationId: leaver.conversation.id,
    });
    expect(expectOk(again).conversation).toMatchObject({ status: 'resolved' });
    expect(await eventTypes(hub, leaver.conversation.id)).toEqual(['queued', 'left_queue']);

    const sam = await online('Sam');
    expect((await stored(hub, stayer.conversation.id)).assigneeId).toBe(sam.agent.id);
    expect((await stored(hub, leaver.conversation.id)).status).toBe('resolved');
    expect((await agentList(sam.socket)).map((c) => c.id)).not.toContain(leaver.conversation.id);
    // Once an agent has it, there is no queue to leave; nor may anyone leave another's.
    const assigned = await call(stayer.socket, 'conversation:leave', {
      conversationId: stayer.conversation.id,
    });
    expect(codeOf(assigned)).toBe('invalid_state');
    const foreign = await call(leaver.socket, 'conversation:leave', {
      conversationId: stayer.conversation.id,
    });
    expect(codeOf(foreign)).toBe('not_found');
  });
});

describe('leave-a-message', () => {
  it('is offered with nobody online, waits pending, is claimed and answered, and read later', async () => {
    const peer = track(await connectVisitor(hub));
    const browsing = track(await connectVisitor(hub));
    const availability = async () =>
      expectOk(
        await call<{ availability: Availability }>(browsing.socket, 'queue:availability', {
          department: 'post_sales',
        }),
      ).availability;
    expect(await availability()).toEqual({ status: 'unstaffed', leaveMessage: true });

    const left = expectOk(
      await call<{ conversation: Conversation; message: Message }>(
        peer.socket,
        'conversation:leave-message',
        { department: 'post_sales', clientId: nanoid(), ...contact, body: '我的订单还没有发货' },
      ),
    );
    const id = left.conversation.id;
    // Staff see the name the visitor gave.
    expect(left.conversation).toMatchObject({
      status: 'pending',
      department: 'post_sales',
      visitorName: contact.name,
    });
    expect(left.message).toMatchObject({ seq: 1, author: 'visitor', body: '我的订单还没有发货' });
    const [event] = await hub.store.events.list(id);
    expect(event).toMatchObject({
      type: 'message_left',
      actor: { kind: 'visitor' },
      data: contact,
    });
    peer.socket.close();

    // The agent coming online sees it, but routing does not hand it out: they claim it.
    const pat = await online('Pat', ['post_sales']);
    expect(await availability()).toEqual({ status: 'open' });
    expect((await stored(hub, id)).status).toBe('pending');
    const listed = (await agentList(pat.socket)).find((c) => c.id === id);
    expect(listed).toMatchObject({ status: 'pending', visitorName: contact.name });
    expectOk(await call(pat.socket, 'conversation:claim', { conversationId: id }));
    expectOk(
      await call(pat.socket, 'message:send', {
        conversationId: id,
        clientId: nanoid(),
        body: '已经发货了，单号 SF123',
      }),
    );
    const events = await hub.store.events.list(id);
    expect(events.map((e) => e.type)).toEqual(['message_left', 'assigned']);
    expect(events[1]?.data).toMatchObject({ agentId: pat.agent.id, by: 'claim' });

    // The visitor comes back with the same token and reads the answer.
    const back = track(await connectVisitor(hub, { token: peer.token }));
    const mine = expectOk(
      await call<{ conversations: Conversation[] }>(back.socket, 'conversation:list', {}),
    ).conversations;
    expect(mine.map((c) => c.id)).toEqual([id]);
    const synced = expectOk(
      await call<{ messages: Message[] }>(back.socket, 'conversation:sync', {
        conversationId: id,
        afterSeq: 0,
      }),
    ).messages;
    expect(synced.map((m) => [m.author, m.body])).toEqual([
      ['visitor', '我的订单还没有发货'],
      ['agent', '已经发货了，单号 SF123'],
    ]);
  });

  it('turns a queued conversation pending when its visitor leaves a message instead of waiting', async () => {
    const peer = track(await connectVisitor(hub));
    const offered = next<LeaveMessageOffer>(peer.socket, 'conversation:offer');
    const start = { department: 'post_sales', clientId: nanoid(), body: 'Anyone there?' };
    const { conversation } = expectOk(
      await call<{ conversation: Conversation }>(peer.socket, 'conversation:start', start),
    );
    expect(conversation.status).toBe('queued');
    expect(await offered).toEqual({
      conversationId: conversation.id,
      department: 'post_sales',
      reason: 'no_agent_online',
      queued: true,
    });

    const leave = {
      department: 'post_sales',
      conversationId: conversation.id,
      clientId: nanoid(),
      ...contact,
      body: 'Please email me instead',
    };
    const leaveMessage = (payload: typeof leave) =>
      call<{ conversation: Conversation; message: Message }>(
        peer.socket,
        'conversation:leave-message',
        payload,
      );
    const left = expectOk(await leaveMessage(leave));
    expect(left.conversation).toMatchObject({ id: conversation.id, status: 'pending' });
    expect(left.message.seq).toBe(2);
    const events = await hub.store.events.list(conversation.id);
    expect(events.map((e) => e.type)).toEqual(['queued', 'message_left']);
    expect(events[1]?.data).toEqual(contact);
    // A retry (its ack lost) gets the same message; a second one is added.
    expect(expectOk(await leaveMessage(leave)).message).toEqual(left.message);
    const more = expectOk(await leaveMessage({ ...leave, clientId: nanoid(), body: 'Or call' }));
    expect(more.message.seq).toBe(3);
    expect(await eventTypes(hub, conversation.id)).toEqual(['queued', 'message_left']);

    await online('Pat', ['post_sales']);
    expect((await stored(hub, conversation.id)).status).toBe('pending');
  });
});
