import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageKind } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { createConversationStore } from './conversations.ts';
import { connect, openDb } from './db.ts';
import { createMessageStore } from './messages.ts';
import { openSqliteStore } from './store.ts';
import { createWriteQueue } from './write-queue.ts';

async function setup() {
  const store = openSqliteStore({ filename: ':memory:' });
  await store.directory.ensureDepartment({ id: 'd', name: { en: 'D', 'zh-CN': 'D' } }, 0);
  await store.directory.saveSite({ id: 's', key: 'k', name: 'S', allowedOrigins: [] }, 0);
  await store.visitors.create('V1', 's', 'hash', 0);
  await store.agents.create(
    { id: 'a1', email: 'a@x', name: 'Ann', role: 'agent', passwordHash: 'x', departments: ['d'] },
    0,
  );
  const start = (id: string, now: number) =>
    store.conversations.start(
      { id, siteId: 's', visitorId: 'V1', clientId: id, department: 'd' },
      now,
    );
  const visitorSays = (conversationId: string, clientId: string, now: number, body = clientId) =>
    store.messages.append(
      {
        conversationId,
        visitorId: 'V1',
        clientId,
        author: 'visitor',
        authorId: null,
        authorName: null,
        kind: 'text',
        body,
      },
      now,
    );
  const agentSays = (conversationId: string, clientId: string, now: number, kind: MessageKind) =>
    store.messages.append(
      {
        conversationId,
        visitorId: null,
        clientId,
        author: 'agent',
        authorId: 'a1',
        authorName: 'Ann',
        kind,
        body: clientId,
      },
      now,
    );
  return { store, start, visitorSays, agentSays };
}

describe('conversation lists', () => {
  it('start empty', async () => {
    const { start } = await setup();
    const { conversation } = await start('c1', 1);
    expect(conversation).toMatchObject({ lastSeq: 0, lastMessage: null, updatedAt: 1 });
  });

  it('never show a note as the last message', async () => {
    const { store, start, visitorSays, agentSays } = await setup();
    await start('c1', 1);
    await agentSays('c1', 'only a note', 2, 'note');
    expect(await store.conversations.get('c1')).toMatchObject({ lastSeq: 1, lastMessage: null });
    await visitorSays('c1', 'hi', 3);
    await store.conversations.assignWaiting([{ conversationId: 'c1', agentId: 'a1' }], 4);
    await agentSays('c1', 'hello', 5, 'text');
    await agentSays('c1', 'psst', 6, 'note');
    await agentSays('c1', 'psst again', 7, 'note');
    expect(await store.conversations.get('c1')).toMatchObject({
      lastSeq: 5,
      lastMessage: { seq: 3, author: 'agent', body: 'hello', createdAt: 5 },
    });
  });

  it('cut the last message to a preview', async () => {
    const { store, start, visitorSays } = await setup();
    await start('c1', 1);
    const body = `${'a'.repeat(139)}😀${'b'.repeat(500)}`;
    await visitorSays('c1', 'long', 2, body);
    expect((await store.conversations.get('c1'))?.lastMessage?.body).toBe(`${'a'.repeat(139)}…`);
    // The transcript keeps it whole.
    expect((await store.messages.after('c1', 0, 1, false))[0]?.body).toBe(body);
  });

  it("take updatedAt from the newest message or the conversation's own change", async () => {
    const { store, start, visitorSays, agentSays } = await setup();
    await start('c1', 1);
    await start('c2', 2);
    const order = async () =>
      (await store.conversations.listForAgent('a1', ['d'])).map((c) => [c.id, c.updatedAt]);
    expect(await order()).toEqual([
      ['c2', 2],
      ['c1', 1],
    ]);
    await visitorSays('c1', 'hi', 10);
    expect(await order()).toEqual([
      ['c1', 10],
      ['c2', 2],
    ]);
    // Notes count too, as every message did when it still rewrote the conversation row.
    await agentSays('c2', 'note', 20, 'note');
    expect(await order()).toEqual([
      ['c2', 20],
      ['c1', 10],
    ]);
    // An assignment later than every message is the conversation's latest change.
    await store.conversations.assignWaiting([{ conversationId: 'c1', agentId: 'a1' }], 30);
    expect(await order()).toEqual([
      ['c1', 30],
      ['c2', 20],
    ]);
    await agentSays('c1', 'hello', 40, 'text');
    expect((await store.conversations.get('c1'))?.updatedAt).toBe(40);
    expect((await store.conversations.listForVisitor('V1')).map((c) => c.updatedAt)).toEqual([
      20, 40,
    ]);
  });
});

describe('migration 002', () => {
  it('derives lastSeq and lastMessage from the messages stored under 001', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-migrate-'));
    const filename = join(dir, 'test.db');
    try {
      // A database as the hub left it at version 1, previews kept on the conversation.
      const old = connect(filename);
      old.exec(readFileSync(new URL('./migrations/001_init.sql', import.meta.url), 'utf8'));
      old.pragma('user_version = 1');
      const long = '字'.repeat(200);
      old.exec(`
        INSERT INTO departments (id, name_en, name_zh) VALUES ('d', 'D', 'D');
        INSERT INTO sites (id, key, name, created_at) VALUES ('s', 'k', 'S', 0);
        INSERT INTO visitors (id, site_id, token_hash, created_at, last_seen_at)
          VALUES ('V1', 's', 'h', 0, 0);
        INSERT INTO agents (id, email, name, role, password_hash, created_at)
          VALUES ('a1', 'a@x', 'Ann', 'agent', 'x', 0);
        INSERT INTO conversations (id, site_id, visitor_id, client_id, department_id, status,
            assignee_id, created_at, updated_at, queued_at, assigned_at,
            last_seq, preview_seq, preview_author, preview_body, preview_at)
          VALUES
            ('c1', 's', 'V1', 'x1', 'd', 'assigned', 'a1', 1, 13, 1, 2,
             3, 2, 'agent', '${'字'.repeat(140)}…', 12),
            ('c2', 's', 'V1', 'x2', 'd', 'waiting', NULL, 5, 5, 5, NULL,
             0, NULL, NULL, NULL, NULL),
            ('c3', 's', 'V1', 'x3', 'd', 'waiting', NULL, 6, 7, 6, NULL,
             1, NULL, NULL, NULL, NULL);
        INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name,
            kind, body, created_at)
          VALUES
            ('c1', 1, 'm1', 'visitor', NULL, NULL, 'text', 'hi', 11),
            ('c1', 2, 'm2', 'agent', 'a1', 'Ann', 'text', '${long}', 12),
            ('c1', 3, 'm3', 'agent', 'a1', 'Ann', 'note', 'internal', 13),
            ('c3', 1, 'm1', 'agent', 'a1', 'Ann', 'note', 'internal', 7);
      `);
      old.close();

      const db = openDb(filename);
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      const columns = db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('conversations')`)
        .all()
        .map((c) => c.name);
      expect(columns).not.toContain('last_seq');
      expect(columns.filter((c) => c.startsWith('preview'))).toEqual([]);

      const writes = createWriteQueue(db);
      const conversations = createConversationStore(db, writes);
      const messages = createMessageStore(db, writes);
      expect(await conversations.get('c1')).toMatchObject({
        status: 'assigned',
        assigneeName: 'Ann',
        updatedAt: 13,
        lastSeq: 3,
        lastMessage: { seq: 2, author: 'agent', body: `${'字'.repeat(140)}…`, createdAt: 12 },
      });
      expect(await conversations.get('c2')).toMatchObject({
        updatedAt: 5,
        lastSeq: 0,
        lastMessage: null,
      });
      expect(await conversations.get('c3')).toMatchObject({
        updatedAt: 7,
        lastSeq: 1,
        lastMessage: null,
      });

      // New messages carry on from the stored seqs.
      const next = await messages.append(
        {
          conversationId: 'c1',
          visitorId: 'V1',
          clientId: 'm4',
          author: 'visitor',
          authorId: null,
          authorName: null,
          kind: 'text',
          body: 'thanks',
        },
        20,
      );
      expect(next).toMatchObject({ ok: true, duplicate: false, message: { seq: 4 } });
      expect(await conversations.get('c1')).toMatchObject({
        updatedAt: 20,
        lastSeq: 4,
        lastMessage: { seq: 4, author: 'visitor', body: 'thanks' },
      });
      db.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
