import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.ts';
import { openDb } from './db.ts';
import { createWriteQueue } from './write-queue.ts';

describe('writes under concurrent checkpoints', () => {
  it('never fail while the worker checkpoints, and the WAL is folded back on stop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-ckpt-'));
    const filename = join(dir, 'test.db');
    try {
      const db = openDb(filename, { externalCheckpoints: true });
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      // Checkpoint far more often than the hub does, and force the blocking kind
      // with a tiny WAL ceiling: writers must wait their turn, never fail.
      const checkpointer = startCheckpointer(filename, { intervalMs: 2, maxWalBytes: 64 * 1024 });
      const queue = createWriteQueue(db);
      const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
      const last = db.prepare('SELECT max(id) FROM t');
      // Like a message append: read first, then write. A deferred transaction that read
      // a snapshot cannot take the write lock once a checkpoint restarted the WAL.
      const write = () => {
        last.get();
        insert.run('x'.repeat(200));
      };
      const deadline = Date.now() + 1500;
      let written = 0;
      while (Date.now() < deadline) {
        const batch = Array.from({ length: 50 }, () => queue.run(write));
        const outcomes = await Promise.allSettled(batch);
        expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
        written += batch.length;
      }
      await checkpointer.stop();
      const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM t').get()?.n;
      expect(count).toBe(written);
      db.close();
      expect(!existsSync(`${filename}-wal`) || statSync(`${filename}-wal`).size === 0).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
