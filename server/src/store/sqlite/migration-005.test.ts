import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentActor, resolveWrite } from '../contract/fixtures.ts';
import { connect, type Db, migrate } from './db.ts';
import { storeParts } from './open.ts';
import { createWriteQueue } from './write-queue.ts';

// The hub's data just before 005: conversations still 'waiting', with their messages
// and events (003's log), an agent who has held chats and one who never has.
const BEFORE_005 = `
  INSERT INTO departments (id, name_en, name_zh) VALUES ('d', 'D', 'D');
  INSERT INTO sites (id, key, name, created_at) VALUES ('s', 'k', 'S', 0);
  INSERT INTO visitors (id, site_id, token_hash, name, created_at, last_seen_at)
    VALUES ('V1', 's', 'h', 'Li Lei', 0, 0);
  INSERT INTO agents (id, email, name, role, password_hash, created_at)
    VALUES ('a1', 'a1@x', 'Ann', 'agent', 'x', 0), ('a2', 'a2@x', 'Bob', 'agent', 'x', 0);
  INSERT INTO conversations (id, site_id, visitor_id, client_id, department_id, status,
      assignee_id, created_at, updated_at, queued_at, assigned_at, resolved_at)
    VALUES
      ('waiting', 's', 'V1', 'x1', 'd', 'waiting', NULL, 1, 1, 1, NULL, NULL),
      ('held', 's', 'V1', 'x2', 'd', 'assigned', 'a1', 2, 3, 2, 3, NULL),
      ('done', 's', 'V1', 'x3', 'd', 'resolved', 'a1', 4, 9, 4, 5, 9);
  INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name,
      kind, body, created_at)
    VALUES
      ('waiting', 1, 'm1', 'visitor', NULL, NULL, 'text', 'hi', 1),
      ('held', 1, 'm1', 'visitor', NULL, NULL, 'text', 'hello', 2),
      ('held', 2, 'm2', 'agent', 'a1', 'Ann', 'note', 'vip?', 3),
      ('done', 1, 'm1', 'visitor', NULL, NULL, 'text', 'bye', 4);
  INSERT INTO conversation_events
      (conversation_id, seq, type, at, actor_kind, actor_id, actor_name, data)
    VALUES
      ('waiting', 1, 'queued', 1, 'visitor', 'V1', 'Li Lei', '{"department":"d"}'),
      ('held', 1, 'queued', 2, 'visitor', 'V1', 'Li Lei', '{"department":"d"}'),
      ('held', 2, 'assigned', 3, 'system', NULL, NULL,
       '{"agentId":"a1","agentName":"Ann","by":"auto"}'),
      ('done', 1, 'queued', 4, 'visitor', 'V1', 'Li Lei', '{"department":"d"}'),
      ('done', 2, 'assigned', 5, 'system', NULL, NULL,
       '{"agentId":"a1","agentName":"Ann","by":"auto"}'),
      ('done', 3, 'resolved', 9, 'system', NULL, NULL, '{"assigneeId":"a1"}');
`;

describe('migration 005', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-migrate-'));
    db = connect(join(dir, 'test.db'));
    migrate(db, 4);
    db.exec(BEFORE_005);
  });
  afterEach(async () => {
    if (db.open) db.close();
    await rm(dir, { recursive: true, force: true });
  });
  const version = () => db.pragma('user_version', { simple: true });

  it("turns 'waiting' into 'queued' and keeps every row and reference", async () => {
    const old = version();
    expect(old).toBeLessThan(5);
    const count = (table: string) =>
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n;
    const before = { messages: count('messages'), events: count('conversation_events') };
    migrate(db);
    expect(version()).toBeGreaterThanOrEqual(5);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect({ messages: count('messages'), events: count('conversation_events') }).toEqual(before);

    const rows = db
      .prepare(
        `SELECT id, status, assignee_id, last_agent_id, created_at, updated_at, queued_at,
                assigned_at, resolved_at, vip, at_head
         FROM conversations ORDER BY created_at`,
      )
      .all();
    const row = (id: string, status: string, assignee: string | null, times: number[]) => {
      const [created, updated, queuedAt, assigned, resolved] = times;
      return {
        id,
        status,
        assignee_id: assignee,
        last_agent_id: assignee,
        created_at: created,
        updated_at: updated,
        queued_at: queuedAt,
        assigned_at: assigned ?? null,
        resolved_at: resolved ?? null,
        vip: 0,
        at_head: 0,
      };
    };
    expect(rows).toEqual([
      row('waiting', 'queued', null, [1, 1, 1]),
      row('held', 'assigned', 'a1', [2, 3, 2, 3]),
      row('done', 'resolved', 'a1', [4, 9, 4, 5, 9]),
    ]);

    // The agents' chosen status starts offline; the latest assignment is remembered.
    expect(db.prepare('SELECT id, status, last_assigned_at FROM agents ORDER BY id').all()).toEqual(
      [
        { id: 'a1', status: 'offline', last_assigned_at: 5 },
        { id: 'a2', status: 'offline', last_assigned_at: null },
      ],
    );

    const indexes = db
      .prepare<[string], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`,
      )
      .all('conversations')
      .map((i) => i.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'conversations_assignee',
        'conversations_open',
        'conversations_resolved',
        'conversations_last_agent',
      ]),
    );
    // The rebuilt table still refuses a second start with one clientId, and its
    // referrers still point at it: a message or event needs a conversation.
    const again = db.prepare(
      `INSERT INTO conversations (id, site_id, visitor_id, client_id, department_id, status,
         created_at, updated_at) VALUES (?, 's', 'V1', ?, 'd', 'queued', 10, 10)`,
    );
    expect(() => again.run('dup', 'x1')).toThrow(/UNIQUE/);
    expect(() => again.run('bad', 'x9')).not.toThrow();
    expect(() => db.prepare(`UPDATE conversations SET status = 'waiting'`).run()).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO messages (conversation_id, seq, client_id, author, kind, body,
                 created_at) VALUES ('nope', 1, 'm', 'visitor', 'text', 'x', 10)`),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.exec(`INSERT INTO conversation_events (conversation_id, seq, type, at, actor_kind,
                 data) VALUES ('nope', 1, 'queued', 10, 'system', '{}')`),
    ).toThrow(/FOREIGN KEY/);
  });

  it('hands routing its old conversations, and transcripts and logs carry on', async () => {
    migrate(db);
    const store = storeParts(db, createWriteQueue(db));
    const loaded = await store.routing.load([]);
    expect(loaded.conversations.map((r) => [r.conversation.id, r.conversation.state])).toEqual(
      expect.arrayContaining([
        ['waiting', 'queued'],
        ['held', 'assigned'],
      ]),
    );
    expect(loaded.conversations).toHaveLength(2);
    const held = loaded.conversations.find((r) => r.conversation.id === 'held');
    expect(held).toMatchObject({
      visitorId: 'V1',
      visitorName: 'Li Lei',
      conversation: { queuedAt: 2, assigneeId: 'a1', assignedAt: 3, lastAgentId: 'a1' },
    });
    expect(loaded.agents.map((a) => [a.profile.id, a.status, a.lastAssignedAt])).toEqual([
      ['a1', 'offline', 5],
      ['a2', 'offline', null],
    ]);
    // Ann's resolved chat is still in her inbox, by the agent who held it last.
    expect((await store.conversations.listForAgent('a1', [])).map((c) => c.id)).toEqual([
      'done',
      'held',
    ]);
    if (!held) return;
    await store.routing.apply(resolveWrite(held.conversation, 20, agentActor('a1')), 20);
    expect((await store.events.list('held')).map((e) => [e.seq, e.type])).toEqual([
      [1, 'queued'],
      [2, 'assigned'],
      [3, 'resolved'],
    ]);
    const next = await store.messages.append(
      {
        conversationId: 'waiting',
        visitorId: 'V1',
        clientId: 'm2',
        author: 'visitor',
        authorId: null,
        authorName: null,
        kind: 'text',
        body: 'still there?',
      },
      21,
    );
    expect(next).toMatchObject({ ok: true, message: { seq: 2 } });
  });

  it('leaves a database whose rows break a foreign key as it was', () => {
    const old = version();
    // A row no hub would write, as a damaged file might hold.
    db.pragma('foreign_keys = OFF');
    db.exec(`UPDATE conversations SET assignee_id = 'ghost' WHERE id = 'held'`);
    db.pragma('foreign_keys = ON');
    expect(() => migrate(db)).toThrow(/broke a foreign key/);
    expect(version()).toBe(old);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const column = (sql: string) =>
      db
        .prepare<[], { v: unknown }>(sql)
        .all()
        .map((r) => r.v);
    expect(column('SELECT status AS v FROM conversations ORDER BY created_at')).toEqual([
      'waiting',
      'assigned',
      'resolved',
    ]);
    expect(column(`SELECT name AS v FROM pragma_table_info('agents')`)).not.toContain(
      'last_assigned_at',
    );
  });
});
