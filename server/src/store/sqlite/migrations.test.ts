import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEPARTMENT_SETTINGS } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { agentActor, resolveWrite } from '../contract/fixtures.ts';
import { connect, DatabaseTooNew, migrate, openDb } from './db.ts';
import { storeParts } from './open.ts';
import { createWriteQueue } from './write-queue.ts';

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
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
      const columns = db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('conversations')`)
        .all()
        .map((c) => c.name);
      expect(columns).not.toContain('last_seq');
      expect(columns.filter((c) => c.startsWith('preview'))).toEqual([]);

      const { conversations, messages } = storeParts(db, createWriteQueue(db));
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

describe('migration 003', () => {
  it('gives conversations from before the event log the events their rows tell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-migrate-'));
    const filename = join(dir, 'test.db');
    try {
      const old = connect(filename);
      migrate(old, 2);
      old.exec(`
        INSERT INTO departments (id, name_en, name_zh) VALUES ('d', 'D', 'D');
        INSERT INTO sites (id, key, name, created_at) VALUES ('s', 'k', 'S', 0);
        INSERT INTO visitors (id, site_id, token_hash, name, created_at, last_seen_at)
          VALUES ('V1', 's', 'h', 'Li Lei', 0, 0);
        INSERT INTO agents (id, email, name, role, password_hash, created_at)
          VALUES ('a1', 'a@x', 'Ann', 'agent', 'x', 0);
        INSERT INTO conversations (id, site_id, visitor_id, client_id, department_id, status,
            assignee_id, created_at, updated_at, queued_at, assigned_at, resolved_at)
          VALUES
            ('waiting', 's', 'V1', 'x1', 'd', 'waiting', NULL, 1, 1, 1, NULL, NULL),
            ('held', 's', 'V1', 'x2', 'd', 'assigned', 'a1', 2, 3, 2, 3, NULL),
            ('done', 's', 'V1', 'x3', 'd', 'resolved', 'a1', 4, 6, 4, 5, 6),
            ('dropped', 's', 'V1', 'x4', 'd', 'resolved', NULL, 7, 8, 7, NULL, 8);
      `);
      old.close();

      const db = openDb(filename);
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
      const store = storeParts(db, createWriteQueue(db));
      const visitor = { kind: 'visitor', id: 'V1', name: 'Li Lei' };
      const system = { kind: 'system', id: null, name: null };
      const queued = (conversationId: string, at: number) => ({
        conversationId,
        seq: 1,
        type: 'queued',
        at,
        actor: visitor,
        data: { department: 'd' },
      });
      const assigned = (conversationId: string, at: number) => ({
        conversationId,
        seq: 2,
        type: 'assigned',
        at,
        actor: system,
        data: { agentId: 'a1', agentName: 'Ann', by: 'auto' },
      });
      expect(await store.events.list('waiting')).toEqual([queued('waiting', 1)]);
      expect(await store.events.list('held')).toEqual([queued('held', 2), assigned('held', 3)]);
      expect(await store.events.list('done')).toEqual([
        queued('done', 4),
        assigned('done', 5),
        {
          conversationId: 'done',
          seq: 3,
          type: 'resolved',
          at: 6,
          actor: system,
          data: { assigneeId: 'a1' },
        },
      ]);
      expect(await store.events.list('dropped')).toEqual([
        queued('dropped', 7),
        {
          conversationId: 'dropped',
          seq: 2,
          type: 'resolved',
          at: 8,
          actor: system,
          data: { assigneeId: null },
        },
      ]);

      // The log carries on from the backfilled seqs.
      const held = (await store.routing.load([])).conversations.find(
        (r) => r.conversation.id === 'held',
      );
      if (!held) throw new Error('held conversation not loaded');
      await store.routing.apply(resolveWrite(held.conversation, 9, agentActor('a1')), 9);
      expect((await store.events.list('held')).map((e) => [e.seq, e.type])).toEqual([
        [1, 'queued'],
        [2, 'assigned'],
        [3, 'resolved'],
      ]);
      db.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('migration 004', () => {
  it('gives existing departments and agents the starting settings, and keeps them sound', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-migrate-'));
    const filename = join(dir, 'test.db');
    try {
      const old = connect(filename);
      migrate(old, 3);
      old.exec(`
        INSERT INTO departments (id, name_en, name_zh, position)
          VALUES ('pre_sales', 'Pre-sales', '售前咨询', 0), ('billing', 'Billing', '账单', 1);
        INSERT INTO agents (id, email, name, role, password_hash, created_at)
          VALUES ('a1', 'a@x', 'Ann', 'agent', 'x', 0);
        INSERT INTO agent_departments (agent_id, department_id) VALUES ('a1', 'billing');
      `);
      old.close();

      const db = openDb(filename);
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
      const store = storeParts(db, createWriteQueue(db));
      expect(await store.directory.departments()).toEqual([
        {
          id: 'pre_sales',
          name: { en: 'Pre-sales', 'zh-CN': '售前咨询' },
          ...DEFAULT_DEPARTMENT_SETTINGS,
        },
        { id: 'billing', name: { en: 'Billing', 'zh-CN': '账单' }, ...DEFAULT_DEPARTMENT_SETTINGS },
      ]);
      // What the migration writes and what the code gives new departments agree.
      expect(DEFAULT_DEPARTMENT_SETTINGS).toMatchObject({
        enabled: true,
        mode: 'auto',
        sla: { firstResponseMs: 180_000, resolutionMs: 7_200_000 },
        hours: null,
        maxQueue: null,
        leaveMessage: true,
      });
      expect(await store.agents.byId('a1')).toEqual({
        id: 'a1',
        email: 'a@x',
        name: 'Ann',
        role: 'agent',
        departments: ['billing'],
        capacity: 5,
        disabled: false,
        mustChangePassword: false,
      });

      // The database refuses what the code never writes.
      const refused = [
        `UPDATE departments SET mode = 'round_robin' WHERE id = 'billing'`,
        `UPDATE departments SET sla_resolution_ms = NULL WHERE id = 'billing'`,
        `INSERT INTO departments (id, name_en, name_zh, sla_first_response_ms, sla_resolution_ms)
           VALUES ('half', 'H', 'H', 1000, NULL)`,
        `UPDATE departments SET max_queue = -1 WHERE id = 'billing'`,
        `UPDATE agents SET capacity = 0 WHERE id = 'a1'`,
        `UPDATE agents SET disabled = 2 WHERE id = 'a1'`,
      ];
      for (const sql of refused) expect(() => db.exec(sql), sql).toThrow();
      db.exec(`UPDATE departments SET sla_first_response_ms = NULL, sla_resolution_ms = NULL
               WHERE id = 'billing'`);
      expect((await store.directory.department('billing'))?.sla).toBeNull();
      db.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a database newer than the code', () => {
  it('is refused with the versions named, and left as it was', () => {
    const db = openDb(':memory:');
    const known = db.pragma('user_version', { simple: true });
    db.pragma(`user_version = ${Number(known) + 1}`);
    expect(() => migrate(db)).toThrow(DatabaseTooNew);
    expect(() => migrate(db)).toThrow(/schema version \d+, newer than this Switchboard knows/);
    expect(db.pragma('user_version', { simple: true })).toBe(Number(known) + 1);
    db.close();
  });
});
