import { describe, expect, it } from 'vitest';
import { preview } from './messages.ts';
import { openSqliteStore } from './store.ts';

async function setup() {
  const store = openSqliteStore({ filename: ':memory:' });
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
  return { store, conversation, visitorSays, agentSays };
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
    const { store, visitorSays, agentSays } = await setup();
    await agentSays('secret', 'note');
    await store.agents.create(
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
