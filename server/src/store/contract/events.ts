import type { ConversationEvent } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import type { EventDraft } from '../events.ts';
import type { RoutingWrite } from '../routing.ts';
import {
  agentActor,
  assignWrite,
  DEPT,
  OTHER_DEPT,
  queued,
  resolveWrite,
  SYSTEM,
  seeded,
  startWrite,
  visitorActor,
  world,
} from './fixtures.ts';
import type { ContractContext } from './index.ts';

/** [seq, type] of each of the conversation's events. */
const shape = (events: ConversationEvent[]) => events.map((e) => [e.seq, e.type]);

const warning = (dueAt: number): EventDraft => ({
  type: 'sla_warning',
  actor: SYSTEM,
  data: { target: 'first_response', dueAt },
});

/** A write of events alone, each for its conversation. */
const eventsOnly = (...events: [string, EventDraft][]): RoutingWrite => ({
  conversations: [],
  agents: [],
  events: events.map(([conversationId, event]) => ({ conversationId, event })),
});

/**
 * The conversation event log: each routing outcome leaves exactly its events, in the
 * same transaction; a failed one leaves none; order is kept.
 */
export function eventsContract({ open, peer }: ContractContext): void {
  describe('conversation events', () => {
    it('write the events an outcome is given, in order, at its time', async () => {
      const { store, start } = await seeded(open);
      await start('c1', 3);
      const expected: ConversationEvent = {
        conversationId: 'c1',
        seq: 1,
        type: 'queued',
        at: 3,
        actor: visitorActor(),
        data: { department: DEPT },
      };
      expect(await store.events.list('c1')).toEqual([expected]);
      await store.routing.apply(eventsOnly(['c1', warning(10)], ['c1', warning(11)]), 4);
      expect((await store.events.list('c1')).map((e) => [e.seq, e.type, e.data, e.at])).toEqual([
        [1, 'queued', { department: DEPT }, 3],
        [2, 'sla_warning', { target: 'first_response', dueAt: 10 }, 4],
        [3, 'sla_warning', { target: 'first_response', dueAt: 11 }, 4],
      ]);

      // An outcome may record nothing of a conversation it creates, or several things.
      await store.routing.apply({ ...startWrite('c2', 5), events: [] }, 5);
      expect(await store.events.list('c2')).toEqual([]);
      const busy = startWrite('c3', 6);
      busy.events = [
        { conversationId: 'c3', event: queued() },
        { conversationId: 'c1', event: warning(12) },
        { conversationId: 'c3', event: queued(OTHER_DEPT) },
      ];
      await store.routing.apply(busy, 6);
      expect((await store.events.list('c3')).map((e) => [e.seq, e.type, e.data, e.at])).toEqual([
        [1, 'queued', { department: DEPT }, 6],
        [2, 'queued', { department: OTHER_DEPT }, 6],
      ]);
      expect(shape(await store.events.list('c1')).at(-1)).toEqual([4, 'sla_warning']);
      expect(await store.events.list('nope')).toEqual([]);
    });

    it('store each event as drafted: who, how, and the names as they were', async () => {
      const { store, row, start, assign, resolve } = await seeded(open);
      await start('c1', 1);
      await start('c2', 2);
      await assign('c1', 'a1', 5);
      await assign('c2', 'a2', 6, 'auto');
      // A supervisor (a2 here) resolves a1's chat.
      await resolve('c1', 7, agentActor('a2'));
      const transfer: EventDraft = {
        type: 'transferred',
        actor: agentActor('a2'),
        data: {
          fromAgentId: 'a2',
          fromDepartment: DEPT,
          toDepartment: OTHER_DEPT,
          toAgentId: null,
          note: '请跟进 → tech',
        },
      };
      const moved = { ...(await row('c2')), department: OTHER_DEPT, state: 'queued' as const };
      await store.routing.apply(
        {
          conversations: [{ ...moved, assigneeId: null, transferredFrom: 'a2' }],
          agents: [],
          events: [{ conversationId: 'c2', event: transfer }],
        },
        8,
      );
      expect(await store.events.list('c1')).toEqual([
        { conversationId: 'c1', seq: 1, at: 1, ...queued() },
        {
          conversationId: 'c1',
          seq: 2,
          type: 'assigned',
          at: 5,
          actor: agentActor('a1'),
          data: { agentId: 'a1', agentName: 'Ann', by: 'claim' },
        },
        {
          conversationId: 'c1',
          seq: 3,
          type: 'resolved',
          at: 7,
          actor: agentActor('a2'),
          data: { assigneeId: 'a1' },
        },
      ]);
      expect((await store.events.list('c2')).slice(1)).toEqual([
        {
          conversationId: 'c2',
          seq: 2,
          type: 'assigned',
          at: 6,
          actor: SYSTEM,
          data: { agentId: 'a2', agentName: 'Bob', by: 'auto' },
        },
        { conversationId: 'c2', seq: 3, at: 8, ...transfer },
      ]);
    });

    it('leave no event of a failed write, nor twice one of a write beside it', async () => {
      const { store, row, start } = await seeded(open);
      await start('c1', 1);
      await start('c2', 2);
      await start('c5', 2);
      const [c1, c2, c5] = await Promise.all([row('c1'), row('c2'), row('c5')]);
      const before = (await store.events.since(0, 100)).cursor;
      // All at once: a backend that commits them together must roll the failures back
      // alone, and keep exactly one copy of each write that succeeds.
      const outcomes = await Promise.allSettled([
        store.routing.apply(resolveWrite(c1, 3), 3),
        store.routing.apply(startWrite('c3', 3, { department: 'nope' }), 3),
        store.routing.apply(assignWrite(c2, 'a1', 3), 3),
        store.routing.apply(startWrite('c4', 3, { visitorId: 'nobody' }), 3),
        store.routing.apply(assignWrite(c5, 'ghost', 3), 3),
        store.routing.apply(eventsOnly(['c5', warning(9)], ['nope', warning(9)]), 3),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
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
      expect(await row('c5')).toEqual(c5);
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

    it('keep event seqs gap-free when two hubs write to the same conversations at once', async () => {
      const one = await seeded(open);
      const two = world(await peer(one.store));
      const ids = Array.from({ length: 20 }, (_, i) => `c${i}`);
      await Promise.all(ids.map((id, i) => (i % 2 ? one : two).start(id, 1)));
      await Promise.all(
        ids.flatMap((id) =>
          [one, two, one, two].map((hub, k) =>
            hub.store.routing.apply(eventsOnly([id, warning(k)]), 2),
          ),
        ),
      );
      for (const id of ids) {
        const events = await two.store.events.list(id);
        expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
        expect(events.map((e) => e.type)).toEqual(['queued', ...Array(4).fill('sla_warning')]);
        // Each write's event once: no copy lost or doubled under the race.
        const dues = events.flatMap((e) => (e.type === 'sla_warning' ? [e.data.dueAt] : []));
        expect(dues.sort()).toEqual([0, 1, 2, 3]);
      }
      const all = await one.store.events.since(0, 1000);
      expect(all.events).toHaveLength(ids.length * 5);
    });

    it('keep the log across a restart', async () => {
      const { store, start, assign } = await seeded(open);
      await start('c1', 1);
      await assign('c1', 'a1', 2);
      const before = await store.events.list('c1');
      await store.close();
      const again = world(await peer(store));
      expect(await again.store.events.list('c1')).toEqual(before);
      await again.resolve('c1', 3);
      expect(shape(await again.store.events.list('c1'))).toEqual([
        [1, 'queued'],
        [2, 'assigned'],
        [3, 'resolved'],
      ]);
    });
  });
}
