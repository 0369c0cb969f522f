import { describe, expect, it } from 'vitest';
import { openDb } from './db.ts';
import { createWriteQueue } from './write-queue.ts';

function setup() {
  const db = openDb(':memory:');
  db.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const rows = () => db.prepare<[], { v: string }>('SELECT v FROM t ORDER BY rowid').all();
  return { db, queue: createWriteQueue(db), insert, rows };
}

describe('write queue (group commit)', () => {
  it('runs the writes of one tick in one transaction, in order', async () => {
    const { db, queue, insert, rows } = setup();
    const seen: boolean[] = [];
    const results = await Promise.all(
      ['a', 'b', 'c'].map((v) =>
        queue.run(() => {
          seen.push(db.inTransaction);
          insert.run(v);
          return rows().length;
        }),
      ),
    );
    expect(seen).toEqual([true, true, true]);
    // Each write saw the ones before it: they shared one transaction.
    expect(results).toEqual([1, 2, 3]);
    expect(rows().map((r) => r.v)).toEqual(['a', 'b', 'c']);
  });

  it('settles only after the commit: a batch whose COMMIT fails is refused, not acked', async () => {
    const { db, queue } = setup();
    // A deferred foreign key is checked at COMMIT, after every write in the batch ran
    // without an error: a write settled before its commit would be acked here.
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (parent_id INTEGER REFERENCES parent (id)
                                 DEFERRABLE INITIALLY DEFERRED)`);
    const orphan = db.prepare('INSERT INTO child (parent_id) VALUES (42)');
    await expect(queue.run(() => orphan.run())).rejects.toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT count(*) AS n FROM child').get()).toEqual({ n: 0 });
  });

  it('a failing write rejects alone; its neighbours still commit', async () => {
    const { queue, insert, rows } = setup();
    const outcomes = await Promise.allSettled([
      queue.run(() => insert.run('one')),
      queue.run(() => {
        insert.run('half');
        throw new Error('boom');
      }),
      queue.run(() => insert.run('one')), // UNIQUE violation
      queue.run(() => insert.run('two')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    // The failed write left nothing behind, not even its first statement.
    expect(rows().map((r) => r.v)).toEqual(['one', 'two']);
  });

  it('flush commits what is queued now', () => {
    const { queue, insert, rows } = setup();
    void queue.run(() => insert.run('now'));
    queue.flush();
    expect(rows().map((r) => r.v)).toEqual(['now']);
  });
});
