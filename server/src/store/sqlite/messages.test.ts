import { describe, expect, it } from 'vitest';
import { seed, world } from '../contract/fixtures.ts';
import type { Store } from '../store.ts';
import { openDb } from './db.ts';
import { storeParts } from './open.ts';
import { createWriteQueue } from './write-queue.ts';

// No store method hands a chat to another agent yet (transfer comes with routing), so
// this test does it in SQL. It moves into the contract once transfer exists.
describe('message store', () => {
  it('hands a retry its original after the conversation is handed to someone else', async () => {
    const db = openDb(':memory:');
    const store: Store = {
      ...storeParts(db, createWriteQueue(db)),
      async close() {
        db.close();
      },
    };
    await seed(store);
    const { start, says, agent, assign } = world(store);
    await start('c1', 1);
    await assign('c1', 'a1', 5);
    await says('c1', 'hi', agent('a1'));
    db.prepare(`UPDATE conversations SET assignee_id = 'a2' WHERE id = 'c1'`).run();
    // a1 may no longer write to the visitor, but a1's retry still gets its message back.
    expect(await says('c1', 'hi', agent('a1'))).toMatchObject({
      ok: true,
      duplicate: true,
      message: { seq: 1, author: 'agent', body: 'hi' },
    });
    expect(await says('c1', 'more', agent('a1'))).toEqual({ ok: false, code: 'forbidden' });
    expect(await says('c1', 'hi', agent('a2'))).toEqual({ ok: false, code: 'invalid_payload' });
    expect((await store.conversations.get('c1'))?.lastSeq).toBe(1);
    await store.close();
  });
});
