import { describe, expect, it } from 'vitest';
import { agentActor, seed, world } from '../contract/fixtures.ts';
import type { EventDraft } from '../events.ts';
import type { Store } from '../store.ts';
import { openDb } from './db.ts';
import { createEventLog } from './events.ts';
import { storeParts } from './open.ts';
import { createWriteQueue } from './write-queue.ts';

const requeued: EventDraft = {
  type: 'requeued',
  actor: agentActor('a1'),
  data: { reason: 'agent_signed_out', fromAgentId: 'a1' },
};
const left: EventDraft = { type: 'left_queue', actor: agentActor('a1'), data: {} };

// What future state changes build on: log.append inside their own write.
describe('event log appends inside a write', () => {
  it('drop the events of a rolled-back batch; each write is re-run once, alone', async () => {
    const db = openDb(':memory:');
    const writes = createWriteQueue(db);
    const store: Store = {
      ...storeParts(db, writes),
      async close() {
        db.close();
      },
    };
    await seed(store);
    await world(store).start('c1', 1);
    const log = createEventLog(db);
    // One batch, whose second write fails after appending: the batch rolls back, and
    // the other two are re-run on their own.
    const outcomes = await Promise.allSettled([
      writes.run(() => log.append('c1', [requeued], 2)),
      writes.run(() => {
        log.append('c1', [left, left], 2);
        throw new Error('refused');
      }),
      writes.run(() => log.append('c1', [left], 3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const events = await store.events.list('c1');
    expect(events.map((e) => [e.seq, e.type, e.at])).toEqual([
      [1, 'queued', 1],
      [2, 'requeued', 2],
      [3, 'left_queue', 3],
    ]);
    expect(events[1]).toEqual({ conversationId: 'c1', seq: 2, at: 2, ...requeued });
    await store.close();
  });
});
