/**
 * getConversation over a real hub: a conversation with its timeline, as the console
 * and QA will read it, and who may read it.
 */
import type { Conversation, ConversationEvent, Message, Role } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, outcome } from '../api.ts';
import {
  ADMIN,
  call,
  connectVisitor,
  createAgent,
  expectOk,
  type Hub,
  nanoid,
  onlineAgent,
  signIn,
  startConversation,
  startHub,
} from '../harness.ts';

let hub: Hub;
const sockets: { close(): void }[] = [];
beforeEach(async () => {
  hub = await startHub();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub.close();
});

type ConversationReply = {
  conversation: Conversation;
  events: ConversationEvent[];
  messages: Message[];
};

/** A pre_sales chat: started, assigned, written to by both sides and a note, resolved. */
async function finishedChat() {
  const holder = await onlineAgent(hub, ['pre_sales'], 'Holder');
  const visitor = await connectVisitor(hub);
  sockets.push(holder.socket, visitor.socket);
  const conversation = await startConversation(visitor.socket);
  const send = (socket: typeof holder.socket | typeof visitor.socket, body: object) =>
    call(socket, 'message:send', { conversationId: conversation.id, clientId: nanoid(), ...body });
  expectOk(await send(visitor.socket, { body: '你好，我想咨询价格' }));
  expectOk(await send(holder.socket, { body: 'Happy to help' }));
  expectOk(await send(holder.socket, { body: 'VIP, be quick', kind: 'note' }));
  expectOk(await call(holder.socket, 'conversation:resolve', { conversationId: conversation.id }));
  return { conversation, holder };
}

const read = (id: string, cookie: string | undefined, query = '') =>
  api<ConversationReply>(hub, 'GET', `/api/conversations/${id}${query}`, { cookie });

describe('getConversation', () => {
  it('returns the conversation, its timeline in order, and its messages with notes', async () => {
    const { conversation, holder } = await finishedChat();
    const admin = await signIn(hub, ADMIN.email, ADMIN.password);
    const { status, body } = await read(conversation.id, admin);
    expect(status).toBe(200);
    expect(body.conversation).toMatchObject({
      id: conversation.id,
      status: 'resolved',
      assigneeId: holder.agent.id,
      lastSeq: 4,
    });
    expect(body.events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'queued'],
      [2, 'assigned'],
      [3, 'resolved'],
    ]);
    expect(body.events[1]).toMatchObject({
      actor: { kind: 'system' },
      data: { agentId: holder.agent.id, agentName: 'Holder', by: 'auto' },
    });
    expect(body.events[2]).toMatchObject({
      actor: { kind: 'agent', id: holder.agent.id, name: 'Holder' },
      data: { assigneeId: holder.agent.id },
    });
    const times = body.events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(body.messages.map((m) => [m.seq, m.author, m.kind, m.body])).toEqual([
      [1, 'visitor', 'text', 'Hello'],
      [2, 'visitor', 'text', '你好，我想咨询价格'],
      [3, 'agent', 'text', 'Happy to help'],
      [4, 'agent', 'note', 'VIP, be quick'],
    ]);
    // The next page starts after the seq given.
    const after = await read(conversation.id, admin, '?afterSeq=3');
    expect(after.body.messages.map((m) => m.seq)).toEqual([4]);
    expect(after.body.events).toHaveLength(3);
  });

  it('is for staff who may read it: QA and supervisors all, agents their departments', async () => {
    const { conversation } = await finishedChat();
    const reader = async (role: Role, departments: string[]) => {
      const agent = await createAgent(hub, { role, departments });
      return signIn(hub, agent.email, agent.password);
    };
    const as = async (cookie: string | undefined) => outcome(read(conversation.id, cookie));
    expect(await as(await reader('agent', ['pre_sales']))).toEqual([200, 'ok']);
    expect(await as(await reader('agent', ['technical']))).toEqual([403, 'forbidden']);
    expect(await as(await reader('qa', []))).toEqual([200, 'ok']);
    expect(await as(await reader('supervisor', []))).toEqual([200, 'ok']);
    expect(await as(undefined)).toEqual([401, 'unauthorized']);
  });

  it('answers an unknown conversation with 404 and a bad query with 400', async () => {
    const admin = await signIn(hub, ADMIN.email, ADMIN.password);
    expect(await outcome(read('no-such-chat', admin))).toEqual([404, 'not_found']);
    const bad = await read('x', admin, '?afterSeq=-1');
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'invalid_payload']);
    expect(bad.body.error?.message).toMatch(/^querystring\/afterSeq /);
  });
});
