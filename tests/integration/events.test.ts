import type { Conversation } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  connectAgent,
  connectVisitor,
  createAgent,
  expectOk,
  type Hub,
  onlineAgent,
  signIn,
  startConversation,
  startHub,
} from '../harness.ts';

let hub: Hub;
beforeEach(async () => {
  hub = await startHub();
});
afterEach(async () => {
  await hub.close();
});

describe('the conversation event log', () => {
  it('records a routed chat: queued by the visitor, assigned automatically, resolved', async () => {
    const sam = await onlineAgent(hub, ['pre_sales'], 'Sam');
    const visitor = await connectVisitor(hub);
    const conversation = await startConversation(visitor.socket);
    // The start's ack comes after routing, which found Sam.
    expect(conversation).toMatchObject({ status: 'assigned', assigneeId: sam.agent.id });
    expectOk(await call(sam.socket, 'conversation:resolve', { conversationId: conversation.id }));

    const events = await hub.store.events.list(conversation.id);
    expect(events.map(({ seq, type, actor, data }) => ({ seq, type, actor, data }))).toEqual([
      {
        seq: 1,
        type: 'queued',
        actor: { kind: 'visitor', id: visitor.visitorId, name: null },
        data: { department: 'pre_sales' },
      },
      {
        seq: 2,
        type: 'assigned',
        actor: { kind: 'system', id: null, name: null },
        data: { agentId: sam.agent.id, agentName: 'Sam', by: 'auto' },
      },
      {
        seq: 3,
        type: 'resolved',
        actor: { kind: 'agent', id: sam.agent.id, name: 'Sam' },
        data: { assigneeId: sam.agent.id },
      },
    ]);
    const resolvedAt = (await hub.store.conversations.get(conversation.id))?.resolvedAt;
    expect(events[2]?.at).toBe(resolvedAt);
    visitor.socket.close();
    sam.socket.close();
  });

  it('records a claim as the claiming agent, and a retried start not at all', async () => {
    // In a manual department nobody is given chats: agents online there claim them.
    await hub.store.directory.createDepartment({
      id: 'claims',
      name: { en: 'Claims', 'zh-CN': '认领' },
      mode: 'manual',
    });
    const visitor = await connectVisitor(hub);
    const start = { department: 'claims', clientId: 'start-1', body: 'Hello' };
    const { conversation } = expectOk(
      await call<{ conversation: Conversation }>(visitor.socket, 'conversation:start', start),
    );
    expectOk(await call(visitor.socket, 'conversation:start', start));
    const ann = await createAgent(hub, { name: 'Ann', departments: ['claims'] });
    const { socket } = await connectAgent(hub, await signIn(hub, ann.email, ann.password));
    expectOk(await call(socket, 'agent:status', { status: 'online' }));
    expectOk(await call(socket, 'conversation:claim', { conversationId: conversation.id }));

    const events = await hub.store.events.list(conversation.id);
    expect(events.map((e) => [e.type, e.actor.kind, e.actor.id])).toEqual([
      ['queued', 'visitor', visitor.visitorId],
      ['assigned', 'agent', ann.id],
    ]);
    expect(events[1]?.data).toEqual({ agentId: ann.id, agentName: 'Ann', by: 'claim' });
    visitor.socket.close();
    socket.close();
  });
});
