import type { Conversation, Message } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  connectVisitor,
  expectOk,
  type Hub,
  nanoid,
  onlineAgent,
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

describe('reconnect', () => {
  it('keeps the visitor by token and syncs exactly the messages missed while away', async () => {
    const agent = await onlineAgent(hub);
    const first = await connectVisitor(hub);
    const conversation = await startConversation(first.socket);
    const said = async (socket: typeof agent.socket | typeof first.socket, body: string) =>
      expectOk(
        await call<{ message: Message }>(socket, 'message:send', {
          conversationId: conversation.id,
          clientId: nanoid(),
          body,
        }),
      ).message;
    await said(first.socket, 'hello');
    await said(agent.socket, 'hi, how can I help?');
    first.socket.close();

    const missed = [
      await said(agent.socket, 'are you still there?'),
      await said(agent.socket, 'I will wait'),
    ];

    const again = await connectVisitor(hub, { token: first.token });
    expect(again.visitorId).toBe(first.visitorId);
    const list = expectOk(
      await call<{ conversations: Conversation[] }>(again.socket, 'conversation:list', {}),
    );
    expect(list.conversations.map((c) => c.id)).toEqual([conversation.id]);
    const synced = expectOk(
      await call<{ messages: Message[] }>(again.socket, 'conversation:sync', {
        conversationId: conversation.id,
        // seq 1 started the conversation; 2 and 3 were said before the visitor left.
        afterSeq: 3,
      }),
    );
    expect(synced.messages).toEqual(missed);
    again.socket.close();
    agent.socket.close();
  });

  it('takes a resent outbox after reconnect without duplicates', async () => {
    await onlineAgent(hub);
    const v = await connectVisitor(hub);
    const conversation = await startConversation(v.socket);
    const outbox = ['one', 'two', 'three'].map((body) => ({
      conversationId: conversation.id,
      clientId: nanoid(),
      body,
    }));
    // Sent, but the socket drops before the acks are read.
    for (const m of outbox) v.socket.emit('message:send', m, () => {});
    v.socket.close();

    const back = await connectVisitor(hub, { token: v.token });
    const acks = await Promise.all(
      outbox.map((m) => call<{ message: Message }>(back.socket, 'message:send', m)),
    );
    expect(acks.map((a) => expectOk(a).message.body)).toEqual(['one', 'two', 'three']);
    const synced = expectOk(
      await call<{ messages: Message[] }>(back.socket, 'conversation:sync', {
        conversationId: conversation.id,
        afterSeq: 0,
      }),
    );
    expect(synced.messages.map((m) => [m.seq, m.body])).toEqual([
      [1, 'Hello'],
      [2, 'one'],
      [3, 'two'],
      [4, 'three'],
    ]);
    back.socket.close();
  });

  it('a retried conversation:start returns the conversation made the first time', async () => {
    const v = await connectVisitor(hub);
    const start = { department: 'technical', clientId: nanoid(), body: 'Hello' };
    type Started = { conversation: Conversation; message: Message };
    const a = expectOk(await call<Started>(v.socket, 'conversation:start', start));
    const b = expectOk(await call<Started>(v.socket, 'conversation:start', start));
    expect(b.conversation.id).toBe(a.conversation.id);
    expect(b.message).toEqual(a.message);
    const synced = expectOk(
      await call<{ messages: Message[] }>(v.socket, 'conversation:sync', {
        conversationId: a.conversation.id,
        afterSeq: 0,
      }),
    );
    expect(synced.messages.map((m) => m.body)).toEqual(['Hello']);
    v.socket.close();
  });

  it('an unknown token gets a fresh visitor, never someone else', async () => {
    const v = await connectVisitor(hub, { token: 'not-a-real-token' });
    expect(v.token).not.toBe('not-a-real-token');
    v.socket.close();
  });
});
