import type { MessageKind } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { createAgentStore } from './agents.ts';
import { createConversationStore } from './conversations.ts';
import { openDb } from './db.ts';
import { createDirectoryStore } from './directory.ts';
import { createMessageStore, type NewMessage, preview } from './messages.ts';
import { createVisitorStore } from './visitors.ts';
import { createWriteQueue } from './write-queue.ts';

async function setup() {
  // The stores as openSqliteStore wires them, with the database at hand for what no
  // store method does (handing a chat to another agent).
  const db = openDb(':memory:');
  const writes = createWriteQueue(db);
  const store = {
    directory: createDirectoryStore(db),
    agents: createAgentStore(db),
    visitors: createVisitorStore(db),
    conversations: createConversationStore(db, writes),
    messages: createMessageStore(db, writes),
  };
  await store.directory.ensureDepartment({ id: 'pre_sales', name: { en: 'P', 'zh-CN': 'P' } }, 0);
  await store.directory.saveSite({ id: 's', key: 'k', name: 'S', allowedOrigins: [] }, 0);
  await store.visitors.create('V1', 's', 'hash', 0);
  await store.agents.create(
    {
      id: 'a1',
      email: 'a@x',
      name: 'Ann',
      role: 'agent',
      passwordHash: 'x',
      departments: ['pre_sales'],
    },
    0,
  );
  const { conversation } = await store.conversations.start(
    { id: 'c1', siteId: 's', visitorId: 'V1', clientId: 'start', department: 'pre_sales' },
    1,
  );
  const visitorSays = (clientId: string, body = clientId) =>
    store.messages.append(
      {
        conversationId: 'c1',
        visitorId: 'V1',
        clientId,
        author: 'visitor',
        authorId: null,
        authorName: null,
        kind: 'text',
        body,
      },
      2,
    );
  const agentSays = (clientId: string, kind: 'text' | 'note' = 'text') =>
    store.messages.append(
      {
        conversationId: 'c1',
        visitorId: null,
        clientId,
        author: 'agent',
        authorId: 'a1',
        authorName: 'Ann',
        kind,
        body: clientId,
      },
      3,
    );
  /** Any message, to any conversation, by V1 unless an agent is named. */
  const says = (
    conversationId: string,
    clientId: string,
    over: Partial<NewMessage> = {},
    now = 4,
  ) =>
    store.messages.append(
      {
        conversationId,
        visitorId: 'V1',
        clientId,
        author: 'visitor',
        authorId: null,
        authorName: null,
        kind: 'text',
        body: clientId,
        ...over,
      },
      now,
    );
  const agent = (id: string, kind: MessageKind = 'text'): Partial<NewMessage> => ({
    visitorId: null,
    author: 'agent',
    authorId: id,
    authorName: id,
    kind,
  });
  /** A second agent of the department, a2. */
  const addBob = () =>
    store.agents.create(
      {
        id: 'a2',
        email: 'b@x',
        name: 'Bob',
        role: 'agent',
        passwordHash: 'x',
        departments: ['pre_sales'],
      },
      0,
    );
  return { db, store, conversation, visitorSays, agentSays, says, agent, addBob };
}

/** seq of each message in the conversation, oldest first, notes included. */
async function seqs(store: Awaited<ReturnType<typeof setup>>['store'], conversationId: string) {
  return (await store.messages.after(conversationId, 0, 1000, true)).map((m) => [
    m.seq,
    m.clientId,
  ]);
}

describe('message store', () => {
  it('numbers messages 1, 2, 3 within a conversation and keeps a retry once', async () => {
    const { store, visitorSays } = await setup();
    const results = await Promise.all([visitorSays('a'), visitorSays('b'), visitorSays('a')]);
    expect(results.map((r) => r.ok && r.message.seq)).toEqual([1, 2, 1]);
    expect(results.map((r) => r.ok && r.duplicate)).toEqual([false, false, true]);
    const all = await store.messages.after('c1', 0, 100, true);
    expect(all.map((m) => m.clientId)).toEqual(['a', 'b']);
    const c = await store.conversations.get('c1');
    expect(c?.lastSeq).toBe(2);
    expect(c?.lastMessage).toMatchObject({ seq: 2, author: 'visitor', body: 'b' });
  });

  it('lets only the assignee write to the visitor, but any staff leave a note', async () => {
    const { store, agentSays } = await setup();
    expect(await agentSays('early')).toEqual({ ok: false, code: 'forbidden' });
    expect((await agentSays('note', 'note')).ok).toBe(true);
    await store.conversations.assignWaiting([{ conversationId: 'c1', agentId: 'a1' }], 5);
    expect((await agentSays('hello')).ok).toBe(true);
    const visitorView = await store.messages.after('c1', 0, 100, false);
    expect(visitorView.map((m) => m.clientId)).toEqual(['hello']);
    // Notes never become the preview a visitor might see.
    expect((await store.conversations.get('c1'))?.lastMessage?.body).toBe('hello');
  });

  it('refuses messages to resolved or missing conversations', async () => {
    const { store, visitorSays } = await setup();
    await store.conversations.resolve('c1', 9);
    expect(await visitorSays('late')).toEqual({ ok: false, code: 'conversation_closed' });
    const missing = await store.messages.append(
      {
        conversationId: 'nope',
        visitorId: 'V1',
        clientId: 'x',
        author: 'visitor',
        authorId: null,
        authorName: null,
        kind: 'text',
        body: 'x',
      },
      9,
    );
    expect(missing).toEqual({ ok: false, code: 'not_found' });
  });

  it("treats another visitor's conversation as missing, even for a known clientId", async () => {
    const { store, visitorSays } = await setup();
    await visitorSays('mine');
    await store.visitors.create('V2', 's', 'hash2', 0);
    const intruder = (clientId: string) =>
      store.messages.append(
        {
          conversationId: 'c1',
          visitorId: 'V2',
          clientId,
          author: 'visitor',
          authorId: null,
          authorName: null,
          kind: 'text',
          body: 'x',
        },
        4,
      );
    expect(await intruder('new')).toEqual({ ok: false, code: 'not_found' });
    expect(await intruder('mine')).toEqual({ ok: false, code: 'not_found' });
    expect((await store.messages.after('c1', 0, 10, true)).map((m) => m.clientId)).toEqual([
      'mine',
    ]);
  });

  it("never hands a note or another sender's message back for a reused clientId", async () => {
    const { store, visitorSays, agentSays, addBob } = await setup();
    await agentSays('secret', 'note');
    await addBob();
    const bob = await store.messages.append(
      {
        conversationId: 'c1',
        visitorId: null,
        clientId: 'secret',
        author: 'agent',
        authorId: 'a2',
        authorName: 'Bob',
        kind: 'note',
        body: 'x',
      },
      5,
    );
    expect(bob).toEqual({ ok: false, code: 'invalid_payload' });
    expect(await visitorSays('secret')).toEqual({ ok: false, code: 'invalid_payload' });
    // The rightful sender's retry still gets the original back.
    const retry = await agentSays('secret', 'note');
    expect(retry.ok && retry.duplicate && retry.message.body).toBe('secret');
  });

  it('returns what a broadcast needs with a new message', async () => {
    const { visitorSays } = await setup();
    const result = await visitorSays('hi');
    expect(result.ok && !result.duplicate && result.target).toEqual({
      id: 'c1',
      visitorId: 'V1',
      department: 'pre_sales',
      status: 'waiting',
    });
  });

  it('numbers each conversation on its own, gap-free, however appends interleave', async () => {
    const { store, says, agent } = await setup();
    await store.conversations.start(
      { id: 'c2', siteId: 's', visitorId: 'V1', clientId: 'start2', department: 'pre_sales' },
      1,
    );
    // One batch (one transaction), then appends committed one by one.
    const batch = await Promise.all([
      says('c1', 'a'),
      says('c2', 'a'),
      says('c1', 'b'),
      says('c2', 'b'),
      says('c2', 'c'),
      says('c1', 'a'),
      says('c1', 'c', agent('a1', 'note')),
    ]);
    expect(batch.map((r) => r.ok && r.message.seq)).toEqual([1, 1, 2, 2, 3, 1, 3]);
    expect(await says('c2', 'd')).toMatchObject({ message: { seq: 4 } });
    expect(await says('c1', 'd')).toMatchObject({ message: { seq: 4 } });
    expect(await seqs(store, 'c1')).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
    expect(await seqs(store, 'c2')).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
    expect((await store.conversations.get('c1'))?.lastSeq).toBe(4);
    expect((await store.conversations.get('c2'))?.lastSeq).toBe(4);
  });

  it('returns the original for a duplicate clientId without taking a seq', async () => {
    const { store, says } = await setup();
    const first = await says('c1', 'a', { body: 'first' }, 4);
    const again = await says('c1', 'a', { body: 'edited' }, 5);
    expect(again).toEqual({
      ok: true,
      duplicate: true,
      message: first.ok ? first.message : null,
    });
    expect(again.ok && again.message).toMatchObject({ seq: 1, body: 'first', createdAt: 4 });
    expect(await says('c1', 'b')).toMatchObject({ message: { seq: 2 } });
    expect(await seqs(store, 'c1')).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('hands a retry its original after the conversation is resolved or reassigned', async () => {
    const { db, store, says, agent, addBob } = await setup();
    await store.conversations.assignWaiting([{ conversationId: 'c1', agentId: 'a1' }], 5);
    await says('c1', 'v');
    await says('c1', 'hi', agent('a1'));
    // Handed to another agent: a1 may no longer write to the visitor, but a1's retry
    // still gets its message back, and a fresh one is refused.
    await addBob();
    db.prepare(`UPDATE conversations SET assignee_id = 'a2' WHERE id = 'c1'`).run();
    expect(await says('c1', 'hi', agent('a1'))).toMatchObject({
      ok: true,
      duplicate: true,
      message: { seq: 2, author: 'agent', body: 'hi' },
    });
    expect(await says('c1', 'more', agent('a1'))).toEqual({ ok: false, code: 'forbidden' });
    await store.conversations.resolve('c1', 9);
    expect(await says('c1', 'v')).toMatchObject({
      ok: true,
      duplicate: true,
      message: { seq: 1, author: 'visitor', body: 'v' },
    });
    expect(await says('c1', 'hi', agent('a1'))).toMatchObject({ duplicate: true });
    // Anyone else reusing a stored clientId is still refused as before.
    expect(await says('c1', 'hi')).toEqual({ ok: false, code: 'invalid_payload' });
    expect(await says('c1', 'new')).toEqual({ ok: false, code: 'conversation_closed' });
    expect((await store.conversations.get('c1'))?.lastSeq).toBe(2);
  });

  it('refuses a clientId reused by another sender without taking a seq', async () => {
    const { store, says, agent } = await setup();
    await store.conversations.assignWaiting([{ conversationId: 'c1', agentId: 'a1' }], 5);
    await says('c1', 'x', agent('a1', 'note'));
    await says('c1', 'y');
    const refused = await Promise.all([
      says('c1', 'x'),
      says('c1', 'x', agent('a1')),
      says('c1', 'y', agent('a1')),
      says('c1', 'y', agent('a1', 'note')),
    ]);
    expect(refused).toEqual(Array(4).fill({ ok: false, code: 'invalid_payload' }));
    expect(await says('c1', 'z')).toMatchObject({ message: { seq: 3 } });
    expect((await store.conversations.get('c1'))?.lastSeq).toBe(3);
  });

  it('pages a transcript after a seq', async () => {
    const { store, visitorSays } = await setup();
    for (const id of ['1', '2', '3', '4', '5']) await visitorSays(id);
    expect((await store.messages.after('c1', 2, 2, false)).map((m) => m.seq)).toEqual([3, 4]);
  });
});

describe('preview', () => {
  it('keeps short bodies and cuts long ones, never inside a surrogate pair', () => {
    expect(preview('hi')).toBe('hi');
    expect(preview('字'.repeat(140))).toBe('字'.repeat(140));
    expect(preview('字'.repeat(141))).toBe(`${'字'.repeat(140)}…`);
    // 139 units then a pair straddling the limit: the whole pair goes.
    expect(preview(`${'a'.repeat(139)}😀tail`)).toBe(`${'a'.repeat(139)}…`);
    const emoji = '😀'.repeat(200);
    expect(preview(emoji)).toBe(`${'😀'.repeat(70)}…`);
  });
});
