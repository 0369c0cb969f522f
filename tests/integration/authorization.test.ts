/**
 * The policy's refusals as the hub's clients meet them, for the socket events that
 * exist today. The table test in server/src/policy/ covers every cell; these show
 * that each event really asks it, over a real hub.
 */
import type { Conversation, Message, Role } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AgentSocket,
  call,
  connectAgent,
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

/** A signed-in, connected staff member who has not gone online. */
async function staff(role: Role, departments = ['pre_sales']): Promise<AgentSocket> {
  const agent = await createAgent(hub, { role, departments });
  const { socket } = await connectAgent(hub, await signIn(hub, agent.email, agent.password));
  sockets.push(socket);
  return socket;
}

/** A visitor's chat in pre_sales, held by a new online agent. */
async function heldChat() {
  const holder = await onlineAgent(hub, ['pre_sales'], 'Holder');
  const visitor = await connectVisitor(hub);
  sockets.push(holder.socket, visitor.socket);
  const conversation = await startConversation(visitor.socket);
  expect(conversation.assigneeId).toBe(holder.agent.id);
  return { holder, visitor, conversation };
}

async function codeOf(socket: AgentSocket, event: string, payload: object) {
  const ack = await call(socket, event, payload);
  return ack.ok ? 'ok' : ack.error.code;
}

const text = (conversationId: string, clientId = nanoid()) => ({
  conversationId,
  clientId,
  body: 'hello',
});
const note = (conversationId: string) => ({ ...text(conversationId), kind: 'note' });

describe('QA reviewers', () => {
  it('read every department but write, claim, resolve and type nothing', async () => {
    const { conversation } = await heldChat();
    const qa = await staff('qa', ['technical']);
    const id = { conversationId: conversation.id };
    expect(await codeOf(qa, 'conversation:sync', { ...id, afterSeq: 0 })).toBe('ok');
    expect(await codeOf(qa, 'message:send', text(conversation.id))).toBe('forbidden');
    expect(await codeOf(qa, 'message:send', note(conversation.id))).toBe('forbidden');
    expect(await codeOf(qa, 'conversation:claim', id)).toBe('forbidden');
    expect(await codeOf(qa, 'conversation:resolve', id)).toBe('forbidden');
    expect(await codeOf(qa, 'typing:set', { ...id, typing: true })).toBe('forbidden');
  });

  it('are never given a chat, online in its department or not', async () => {
    const qa = await staff('qa', ['pre_sales']);
    expectOk(await call(qa, 'agent:status', { status: 'online' }));
    const visitor = await connectVisitor(hub);
    sockets.push(visitor.socket);
    const conversation = await startConversation(visitor.socket);
    expect(conversation).toMatchObject({ status: 'queued', assigneeId: null });
  });
});

describe('agents', () => {
  it("neither resolve nor type in a colleague's chat; a supervisor resolves it", async () => {
    const { conversation } = await heldChat();
    const colleague = await staff('agent');
    const id = { conversationId: conversation.id };
    expect(await codeOf(colleague, 'conversation:resolve', id)).toBe('forbidden');
    expect(await codeOf(colleague, 'typing:set', { ...id, typing: true })).toBe('forbidden');
    expect(await codeOf(colleague, 'conversation:claim', id)).toBe('forbidden');
    const supervisor = await staff('supervisor', ['technical']);
    const resolved = expectOk(
      await call<{ conversation: Conversation }>(supervisor, 'conversation:resolve', id),
    );
    expect(resolved.conversation.status).toBe('resolved');
  });

  it('neither claim nor note a chat of another department', async () => {
    const visitor = await connectVisitor(hub);
    sockets.push(visitor.socket);
    const conversation = await startConversation(visitor.socket, 'technical');
    const outsider = await staff('agent', ['pre_sales']);
    const id = { conversationId: conversation.id };
    expect(await codeOf(outsider, 'conversation:claim', id)).toBe('forbidden');
    expect(await codeOf(outsider, 'message:send', note(conversation.id))).toBe('forbidden');
    expect(await codeOf(outsider, 'typing:set', { ...id, typing: true })).toBe('forbidden');
  });

  it('find a resolved chat closed to claims and notes', async () => {
    const { holder, conversation } = await heldChat();
    const id = { conversationId: conversation.id };
    expectOk(await call(holder.socket, 'conversation:resolve', id));
    const colleague = await staff('agent');
    expect(await codeOf(colleague, 'conversation:claim', id)).toBe('conversation_closed');
    expect(await codeOf(holder.socket, 'message:send', note(conversation.id))).toBe(
      'conversation_closed',
    );
  });
});

describe('a resend refused by the policy', () => {
  it('still gets its original back once the chat is resolved', async () => {
    const { holder, visitor, conversation } = await heldChat();
    const visitorClientId = nanoid();
    const agentClientId = nanoid();
    const first = expectOk(
      await call<{ message: Message }>(
        visitor.socket,
        'message:send',
        text(conversation.id, visitorClientId),
      ),
    );
    const reply = expectOk(
      await call<{ message: Message }>(
        holder.socket,
        'message:send',
        text(conversation.id, agentClientId),
      ),
    );
    expectOk(
      await call(holder.socket, 'conversation:resolve', { conversationId: conversation.id }),
    );
    // As after a lost ack and a reconnect: the outbox sends both again.
    const again = await call<{ message: Message }>(
      visitor.socket,
      'message:send',
      text(conversation.id, visitorClientId),
    );
    expect(expectOk(again).message).toEqual(first.message);
    const replyAgain = await call<{ message: Message }>(
      holder.socket,
      'message:send',
      text(conversation.id, agentClientId),
    );
    expect(expectOk(replyAgain).message).toEqual(reply.message);
    // Something new is refused, and someone else's clientId unlocks nothing.
    expect(await codeOf(holder.socket, 'message:send', text(conversation.id))).toBe(
      'conversation_closed',
    );
    const mallory = await connectVisitor(hub);
    sockets.push(mallory.socket);
    const probe = await call(
      mallory.socket,
      'message:send',
      text(conversation.id, visitorClientId),
    );
    expect(probe.ok === false && probe.error.code).toBe('not_found');
  });
});
