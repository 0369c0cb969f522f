import type { ConversationEvent } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import {
  agentActor,
  DEPT,
  OTHER_DEPT,
  queued,
  SYSTEM,
  seeded,
  visitorActor,
  world,
} from './fixtures.ts';
import type { ContractContext } from './index.ts';

/** [seq, type] of each of the conversation's events. */
const shape = (events: ConversationEvent[]) => events.map((e) => [e.seq, e.type]);

/**
 * The conversation event log: each state change leaves exactly its events, in the
 * same transaction; a refused or failed one leaves none; order is kept.
 */
export function eventsContract({ open, peer }: ContractContext): void {
  describe('conversation events', () => {
    it('record what a start is given, once, and nothing for a retry', async () => {
      const { store, start } = await seeded(open);
      const { events } = await start('c1', 3);
      const expected: ConversationEvent = {
        conversationId: 'c1',
        seq: 1,
        type: 'queued',
        at: 3,
        actor: visitorActor(),
        data: { department: DEPT },
      };
      expect(events).toEqual([expected]);
      expect((await start('c1', 4)).events).toEqual([]);
      expect(await store.events.list('c1')).toEqual([expected]);

      // A start may record nothing (routing will queue on the first message) or more.
      const quiet = { id: 'c2', siteId: 's', visitorId: 'V1', clientId: 'c2', department: DEPT };
      expect((await store.conversations.start(quiet, 5, [])).events).toEqual([]);
      expect(await store.events.list('c2')).toEqual([]);
      const busy = { ...quiet, id: 'c3', clientId: 'c3' };
      await store.conversations.start(busy, 6, [queued(), queued(OTHER_DEPT)]);
      expect((await store.events.list('c3')).map((e) => [e.seq, e.type, e.data, e.at])).toEqual([
        [1, 'queued', { department: DEPT }, 6],
        [2, 'queued', { department: OTHER_DEPT }, 6],
      ]);
      expect(await store.events.list('nope')).toEqual([]);
    });

    it('record an assignment with the agent, how and by whom; a skipped one not at all', async () => {
      const { store, start, assign } = await seeded(open);
      await start('c1', 1);
      await start('c2', 2);
      const [claimed] = await assign('c1', 'a1', 5);
      const [auto] = await store.conversations.assignWaiting(
        [{ conversationId: 'c2', agentId: 'a2', by: 'auto', actor: SYSTEM }],
        6,
      );
      expect(claimed?.events).toEqual([
        {
          conversationId: 'c1',
          seq: 2,
          type: 'assigned',
          at: 5,
          actor: agentActor('a1'),
          data: { agentId: 'a1', agentName: 'Ann', by: 'claim' },
        },
      ]);
      expect(auto?.events).toMatchObject([
        { seq: 2, actor: SYSTEM, data: { agentId: 'a2', agentName: 'Bob', by: 'auto' } },
      ]);
      expect((await store.events.list('c1')).slice(1)).toEqual(claimed?.events);

      // Taken already, or missing: no change, no event.
      expect(await assign('c1', 'a2', 7)).toEqual([]);
      expect(await assign('nope', 'a2', 7)).toEqual([]);
      expect(shape(await store.events.list('c1'))).toEqual([
        [1, 'queued'],
        [2, 'assigned'],
      ]);
      // An agent who does not exist fails the change, event and all.
      await start('c3', 8);
      await expect(assign('c3', 'ghost', 9)).rejects.toThrow();
      expect(await store.conversations.get('c3')).toMatchObject({ status: 'queued' });
      expect(shape(await store.events.list('c3'))).toEqual([[1, 'queued']]);
    });

    it('record a resolve with who resolved it and who held it; a repeat not at all', async () => {
      const { store, start, assign } = await seeded(open);
      await start('c1', 1);
      await start('c2', 2);
      await assign('c1', 'a1', 3);
      // A supervisor (a2 here) resolves a1's chat.
      const resolved = await store.conversations.resolve('c1', 4, agentActor('a2'));
      expect(resolved?.events).toEqual([
        {
          conversationId: 'c1',
          seq: 3,
          type: 'resolved',
          at: 4,
          actor: agentActor('a2'),
          data: { assigneeId: 'a1' },
        },
      ]);
      expect(await store.conversations.resolve('c1', 5, agentActor('a1'))).toBeNull();
      expect(await store.conversations.resolve('nope', 5, agentActor('a1'))).toBeNull();
      expect((await store.events.list('c1')).slice(2)).toEqual(resolved?.events);
      // Resolved from the queue: nobody held it.
      const fromQueue = await store.conversations.resolve('c2', 6, agentActor('a2'));
      expect(fromQueue?.events).toMatchObject([{ seq: 2, data: { assigneeId: null } }]);
    });

    it('leave no event of a failed change, nor twice one of a change beside it', async () => {
      const { store, start, assign, resolve } = await seeded(open);
      await start('c1', 1);
      await start('c2', 2);
      await start('c5', 2);
      const before = (await store.events.since(0, 100)).cursor;
      // All at once: a backend that commits them together must roll the failures back
      // alone, and keep exactly one copy of each change that succeeds.
      const outcomes = await Promise.allSettled([
        resolve('c1', 3),
        start('c3', 3, { department: 'nope' }),
        assign('c2', 'a1', 3),
        start('c4', 3, { visitorId: 'nobody' }),
        assign('c5', 'ghost', 3),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        'rejected',
      ]);
      const after = await store.events.since(before, 100);
      expect(after.events.map((e) => [e.conversationId, e.seq, e.type]).sort()).toEqual([
        ['c1', 2, 'resolved'],
        ['c2', 2, 'assigned'],
      ]);
      expect(await store.events.list('c3')).toEqual([]);
      expect(await store.events.list('c4')).toEqual([]);
      expect(shape(await store.events.list('c5'))).toEqual([[1, 'queued']]);
    });

    it("keep each conversation's order, and the log's order of commits", async () => {
      const { store, start, assign, resolve } = await seeded(open);
      const steps: [string, () => Promise<unknown>][] = [
        ['c1', () => start('c1', 1)],
        ['c2', () => start('c2', 2)],
        ['c2', () => assign('c2', 'a2', 3)],
        ['c3', () => start('c3', 4)],
        ['c1', () => assign('c1', 'a1', 5)],
        ['c2', () => resolve('c2', 6)],
        ['c3', () => resolve('c3', 7)],
        ['c1', () => resolve('c1', 8)],
      ];
      for (const [, step] of steps) await step();
      const all = await store.events.since(0, 100);
      expect(all.events.map((e) => e.conversationId)).toEqual(steps.map(([id]) => id));
      expect(all.events.map((e) => e.at)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(shape(await store.events.list('c1'))).toEqual([
        [1, 'queued'],
        [2, 'assigned'],
        [3, 'resolved'],
      ]);
      expect(shape(await store.events.list('c3'))).toEqual([
        [1, 'queued'],
        [2, 'resolved'],
      ]);
      // Paged, the log reads the same, and an exhausted cursor stays where it is.
      const paged: ConversationEvent[] = [];
      let cursor = 0;
      for (;;) {
        const page = await store.events.since(cursor, 3);
        if (page.events.length === 0) {
          expect(page.cursor).toBe(cursor);
          break;
        }
        paged.push(...page.events);
        cursor = page.cursor;
      }
      expect(paged).toEqual(all.events);
    });

    it('read events of some types within a time range, paged', async () => {
      const { store, start, assign, resolve } = await seeded(open);
      for (const [i, id] of ['c1', 'c2', 'c3', 'c4'].entries()) {
        await start(id, 10 * i);
        await assign(id, 'a1', 10 * i + 1);
        await resolve(id, 10 * i + 2);
      }
      const range = { types: ['assigned', 'resolved'] as const, from: 11, to: 32 };
      const first = await store.events.between(range, 0, 3);
      const rest = await store.events.between(range, first.cursor, 3);
      expect([...first.events, ...rest.events].map((e) => [e.conversationId, e.type])).toEqual([
        ['c2', 'assigned'],
        ['c2', 'resolved'],
        ['c3', 'assigned'],
        ['c3', 'resolved'],
        ['c4', 'assigned'],
      ]);
      expect(first.events).toHaveLength(3);
      const queuedOnly = await store.events.between({ types: ['queued'], from: 0, to: 100 }, 0, 10);
      expect(queuedOnly.events.map((e) => e.at)).toEqual([0, 10, 20, 30]);
    });

    it('keep event seqs gap-free when two hubs race changes to the same conversations', async () => {
      const one = await seeded(open);
      const two = world(await peer(one.store));
      const ids = Array.from({ length: 20 }, (_, i) => `c${i}`);
      await Promise.all(ids.map((id, i) => (i % 2 ? one : two).start(id, 1)));
      await Promise.all(
        ids.flatMap((id) => [
          one.assign(id, 'a1', 2),
          two.assign(id, 'a2', 2),
          one.resolve(id, 3),
          two.resolve(id, 3),
        ]),
      );
      for (const id of ids) {
        const c = await one.store.conversations.get(id);
        const events = await two.store.events.list(id);
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        // The log tells the conversation's story: one queued, the one assignment that
        // won (if the resolve did not come first), one resolve.
        expect(events.map((e) => e.type)).toEqual(
          c?.assigneeId ? ['queued', 'assigned', 'resolved'] : ['queued', 'resolved'],
        );
        const assigned = events.find((e) => e.type === 'assigned');
        if (assigned?.type === 'assigned') expect(assigned.data.agentId).toBe(c?.assigneeId);
      }
    });

    it('keep the log across a restart', async () => {
      const { store, start, assign } = await seeded(open);
      await start('c1', 1);
      await assign('c1', 'a1', 2);
      const before = await store.events.list('c1');
      await store.close();
      const again = world(await peer(store));
      expect(await again.store.events.list('c1')).toEqual(before);
      expect((await again.resolve('c1', 3))?.events).toMatchObject([{ seq: 3 }]);
    });
  });
}
