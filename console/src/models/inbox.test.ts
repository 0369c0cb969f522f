import { signal } from '@preact/signals';
import type {
  AgentClientEvents,
  AgentServerEvents,
  Conversation,
  Message,
} from '@switchboard/shared';
import { createFakeConnection, testAgent, testConversation } from '@switchboard/shared/testing';
import { describe, expect, it } from 'vitest';
import { createInboxModel } from './inbox.ts';
import { createNoticeModel } from './notice.ts';

const ME = testAgent();

function conv(id: string, over: Partial<Conversation> = {}): Conversation {
  return testConversation(id, {
    status: 'assigned',
    assigneeId: ME.id,
    assigneeName: ME.name,
    ...over,
  });
}

function msg(seq: number, over: Partial<Message> = {}): Message {
  return {
    conversationId: 'c1',
    seq,
    clientId: `v-${seq}`,
    author: 'visitor',
    authorName: null,
    kind: 'text',
    body: `#${seq}`,
    createdAt: 2000 + seq,
    ...over,
  };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const HELLO = { agent: ME, status: 'online' as const, departments: [], queues: [] };

function setup() {
  const conn = createFakeConnection<AgentServerEvents, AgentClientEvents>();
  const notices = createNoticeModel();
  const inbox = createInboxModel({ conn, agent: signal(ME), notices, now: () => 5000 });
  conn.setConnected(true);
  return { conn, notices, inbox };
}

/** Answers the hello's conversation:list with `listed`. */
async function hello(conn: ReturnType<typeof setup>['conn'], listed: Conversation[]) {
  conn.deliver('agent:hello', HELLO);
  await flush();
  conn.take('conversation:list').answer({ ok: true, conversations: listed });
  await flush();
}

/** Opens c1 and answers its first sync with `messages` in one page. */
async function openLoaded(s: ReturnType<typeof setup>, messages: Message[]) {
  s.inbox.open('c1');
  const sync = s.conn.take('conversation:sync');
  expect(sync.payload).toEqual({ conversationId: 'c1', afterSeq: 0 });
  sync.answer({ ok: true, conversation: conv('c1'), messages, more: false });
  await flush();
}

describe('inbox model', () => {
  it('lists conversations on agent:hello and keeps them live', async () => {
    const s = setup();
    await hello(s.conn, [conv('c1'), conv('c2', { status: 'queued', assigneeId: null })]);
    expect([...s.inbox.conversations.byId.value.keys()]).toEqual(['c1', 'c2']);
    s.conn.deliver('conversation:updated', conv('c2', { status: 'resolved', updatedAt: 2000 }));
    expect(s.inbox.conversations.byId.value.get('c2')?.status).toBe('resolved');
  });

  it('loads a transcript page by page after the last seq, marking it loading until done', async () => {
    const s = setup();
    s.inbox.open('c1');
    expect(s.inbox.loading.value.has('c1')).toBe(true);
    const first = s.conn.take('conversation:sync');
    expect(first.payload.afterSeq).toBe(0);
    first.answer({ ok: true, conversation: conv('c1'), messages: [msg(1), msg(2)], more: true });
    await flush();
    const second = s.conn.take('conversation:sync');
    expect(second.payload.afterSeq).toBe(2);
    second.answer({ ok: true, conversation: conv('c1'), messages: [msg(3)], more: false });
    await flush();
    expect(s.inbox.transcripts.of('c1').map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(s.inbox.transcripts.loaded.value.has('c1')).toBe(true);
    expect(s.inbox.loading.value.size).toBe(0);
  });

  it('sends through the outbox: pending until acked, then in the transcript and preview', async () => {
    const s = setup();
    await hello(s.conn, [conv('c1')]);
    await openLoaded(s, [msg(1)]);
    s.inbox.send('c1', 'hello', 'text', 'k1');
    expect(s.inbox.outbox.value.map((p) => p.clientId)).toEqual(['k1']);
    const send = s.conn.take('message:send');
    expect(send.payload).toEqual({
      conversationId: 'c1',
      clientId: 'k1',
      body: 'hello',
      kind: 'text',
    });
    const stored = msg(2, { clientId: 'k1', author: 'agent', body: 'hello' });
    send.answer({ ok: true, message: stored });
    await flush();
    expect(s.inbox.outbox.value).toEqual([]);
    expect(s.inbox.transcripts.of('c1').map((m) => m.seq)).toEqual([1, 2]);
    expect(s.inbox.conversations.byId.value.get('c1')?.lastMessage?.body).toBe('hello');
  });

  it('re-sends with the same clientId after a reconnect, and a refusal waits for Retry', async () => {
    const s = setup();
    await hello(s.conn, [conv('c1')]);
    s.inbox.send('c1', 'lost', 'text', 'k1');
    s.conn.setConnected(false); // the request drops with the connection
    await flush();
    expect(s.inbox.outbox.value.map((p) => p.failed)).toEqual([null]);
    s.conn.setConnected(true);
    s.conn.deliver('agent:hello', HELLO);
    await flush();
    const again = s.conn.take('message:send');
    expect(again.payload.clientId).toBe('k1');
    again.answer({ ok: false, error: { code: 'conversation_closed', message: '' } });
    await flush();
    expect(s.inbox.outbox.value.map((p) => p.failed)).toEqual(['conversation_closed']);
    s.inbox.retry('k1');
    expect(s.conn.take('message:send').payload.clientId).toBe('k1');
  });

  it('syncs from where the connection dropped, not from a live message that came after', async () => {
    const s = setup();
    await hello(s.conn, [conv('c1')]);
    await openLoaded(s, [msg(1), msg(2)]);
    s.conn.setConnected(false);
    s.conn.setConnected(true);
    // Seq 3 and 4 were missed; 5 arrives live before the hello's sync runs.
    s.conn.deliver('message:new', msg(5));
    s.conn.deliver('agent:hello', HELLO);
    await flush();
    const sync = s.conn.take('conversation:sync');
    expect(sync.payload).toEqual({ conversationId: 'c1', afterSeq: 2 });
    sync.answer({
      ok: true,
      conversation: conv('c1'),
      messages: [msg(3), msg(4), msg(5)],
      more: false,
    });
    await flush();
    expect(s.inbox.transcripts.of('c1').map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('shows a refused claim as a notice, and unsubscribes on dispose', async () => {
    const s = setup();
    const claim = s.inbox.claim('c9');
    s.conn
      .take('conversation:claim')
      .answer({ ok: false, error: { code: 'invalid_state', message: '' } });
    await claim;
    expect(s.notices.notice.value).toBe('invalid_state');
    s.notices.dispose();
    s.inbox.dispose();
    expect(s.conn.listenerCount()).toBe(0);
  });
});
