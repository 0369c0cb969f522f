import { describe, expect, it } from 'vitest';
import type { NewMessage } from '../messages.ts';
import type { RoutingWrite } from '../routing.ts';
import type { Store } from '../store.ts';
import {
  assignWrite,
  DEPT,
  OTHER_DEPT,
  queued,
  routed,
  SYSTEM,
  seeded,
  startWrite,
  visitorActor,
} from './fixtures.ts';
import type { ContractContext } from './index.ts';
import { routingFieldsContract } from './routing-fields.ts';

/** An internal note by a1, as a hand-off appends it. */
function note(conversationId: string, clientId: string): NewMessage {
  return {
    conversationId,
    visitorId: null,
    clientId,
    author: 'agent',
    authorId: 'a1',
    authorName: 'Ann',
    kind: 'note',
    body: 'over to you',
  };
}

/** Everything a failed write could have left behind, to compare before and after. */
async function trace(store: Store, ids: readonly string[]) {
  return {
    log: (await store.events.since(0, 10_000)).events,
    rows: (await store.routing.load(ids)).conversations,
    agents: (await store.routing.load([])).agents,
    conversations: await Promise.all(ids.map((id) => store.conversations.get(id))),
    messages: await Promise.all(ids.map((id) => store.messages.after(id, 0, 100, true))),
    byClientId: await store.conversations.byClientId('V1', 'fresh'),
  };
}

/** Routing's state: one outcome in one write, read back whole by `load`. */
export function routingContract(ctx: ContractContext): void {
  const { open } = ctx;

  describe('routing state', () => {
    it('create a conversation with its first message (seq 1) and its events', async () => {
      const { store, says } = await seeded(open);
      const written = await store.routing.apply(startWrite('c1', 5, { body: '你好' }), 5);
      const message = {
        conversationId: 'c1',
        seq: 1,
        clientId: 'c1',
        author: 'visitor',
        authorName: null,
        kind: 'text',
        body: '你好',
        createdAt: 5,
      };
      expect(written.message).toEqual(message);
      expect(written.conversations).toEqual([await store.conversations.get('c1')]);
      expect(written.conversations[0]).toMatchObject({
        status: 'queued',
        queuedAt: 5,
        createdAt: 5,
        lastSeq: 1,
        lastMessage: { seq: 1, author: 'visitor', body: '你好', createdAt: 5 },
      });
      expect(await store.messages.after('c1', 0, 10, false)).toEqual([message]);
      expect(await store.events.list('c1')).toEqual([
        { conversationId: 'c1', seq: 1, at: 5, ...queued() },
      ]);
      expect(await says('c1', 'next')).toMatchObject({ ok: true, message: { seq: 2 } });
    });

    it('return the rows written as clients see them, in the order given', async () => {
      const { store, row, start } = await seeded(open);
      await start('c1', 1);
      await start('c2', 2);
      const [c1, c2] = [await row('c1'), await row('c2')];
      const written = await store.routing.apply(
        {
          conversations: [
            { ...c2, vip: true },
            { ...c1, atHead: true },
          ],
          agents: [],
          events: [],
        },
        3,
      );
      expect(written.message).toBeNull();
      expect(written.conversations.map((c) => [c.id, c.vip, c.updatedAt])).toEqual([
        ['c2', true, 3],
        ['c1', false, 3],
      ]);
    });

    it('write nothing of an outcome that fails anywhere in it', async () => {
      const { store, row, start } = await seeded(open);
      await start('c1', 1);
      const c1 = await row('c1');
      const fresh = (over: Partial<RoutingWrite> = {}): RoutingWrite => ({
        ...startWrite('c2', 2, { clientId: 'fresh' }),
        ...over,
      });
      const base = fresh();
      // Each also moves c1 along, which must be rolled back with the rest.
      const alsoC1 = (write: RoutingWrite): RoutingWrite => ({
        ...write,
        conversations: [...write.conversations, { ...c1, vip: true, atHead: true }],
        agents: [...write.agents, { id: 'a1', status: 'online', lastAssignedAt: 2 }],
        events: [...write.events, { conversationId: 'c1', event: queued(OTHER_DEPT) }],
      });
      const failing: [string, RoutingWrite][] = [
        [
          'an event for a missing conversation',
          fresh({ events: [...base.events, { conversationId: 'nope', event: queued() }] }),
        ],
        [
          'a created id that is taken',
          startWrite('c1', 2, { clientId: 'fresh', department: OTHER_DEPT }),
        ],
        ['a created department that does not exist', startWrite('c2', 2, { department: 'nope' })],
        [
          'an assignment to an agent who does not exist',
          fresh(assignWrite(routed('c2', 2), 'x', 2)),
        ],
        [
          'a row for a conversation that does not exist',
          fresh({ conversations: [...base.conversations, routed('nope', 2)] }),
        ],
        [
          'an agent who does not exist',
          fresh({ agents: [{ id: 'ghost', status: 'online', lastAssignedAt: 2 }] }),
        ],
        [
          'a message appended to a conversation that does not exist',
          fresh({ appended: note('nope', 'n1') }),
        ],
        ['a message appended under a clientId taken there', fresh({ appended: note('c1', 'c1') })],
      ];
      const before = await trace(store, ['c1', 'c2']);
      for (const [why, write] of failing) {
        await expect(store.routing.apply(alsoC1(write), 2), why).rejects.toThrow();
        expect(await trace(store, ['c1', 'c2']), why).toEqual(before);
      }
      // The same outcome without the fault writes all of it.
      await store.routing.apply(alsoC1(fresh()), 2);
      expect((await row('c1')).vip).toBe(true);
      expect((await store.conversations.get('c2'))?.lastSeq).toBe(1);
      expect(await store.routing.status('a1')).toBe('online');
    });

    it('append a message with the next seq, in the write of the outcome', async () => {
      const { store, row, start, says } = await seeded(open);
      await start('c1', 1);
      await says('c1', 'hi');
      const written = await store.routing.apply(
        {
          appended: note('c1', 'n1'),
          conversations: [{ ...(await row('c1')), atHead: true }],
          agents: [],
          events: [],
        },
        7,
      );
      const message = {
        conversationId: 'c1',
        seq: 3,
        clientId: 'n1',
        author: 'agent',
        authorName: 'Ann',
        kind: 'note',
        body: 'over to you',
        createdAt: 7,
      };
      expect(written.message).toEqual(message);
      expect((await store.messages.after('c1', 2, 10, true)).at(0)).toEqual(message);
      expect(await says('c1', 'next')).toMatchObject({ ok: true, message: { seq: 4 } });
    });

    it('load every conversation not resolved, and the resolved ones named', async () => {
      const { store, row, start, assign, resolve } = await seeded(open);
      for (const [i, id] of ['queued', 'held', 'left', 'done', 'gone'].entries()) {
        await start(id, i + 1);
      }
      await assign('held', 'a1', 10);
      const left = await row('left');
      await store.routing.apply(
        {
          conversations: [{ ...left, state: 'pending', queuedAt: null }],
          agents: [],
          events: [
            {
              conversationId: 'left',
              event: {
                type: 'message_left',
                actor: visitorActor(),
                data: { name: 'Li', email: 'li@x' },
              },
            },
          ],
        },
        11,
      );
      await resolve('done', 12);
      await resolve('gone', 13);
      const ids = async (named: string[]) =>
        (await store.routing.load(named)).conversations.map((r) => r.conversation.id).sort();
      expect(await ids([])).toEqual(['held', 'left', 'queued']);
      expect(await ids(['done', 'queued', 'nope'])).toEqual(['done', 'held', 'left', 'queued']);
      const record = await store.routing.load(['done']);
      expect(record.departments).toEqual(await store.directory.departments());
      const states = Object.fromEntries(
        record.conversations.map((r) => [r.conversation.id, r.conversation.state]),
      );
      expect(states).toEqual({
        queued: 'queued',
        held: 'assigned',
        left: 'pending',
        done: 'resolved',
      });
      for (const r of record.conversations) {
        expect(r).toMatchObject({ visitorId: 'V1', visitorName: null });
      }
    });

    it('load agents with the status they chose and when they were last given a chat', async () => {
      const { store, start, assign } = await seeded(open);
      await store.agents.create(
        {
          id: 'a3',
          email: 'a3@x',
          name: 'Cai',
          role: 'supervisor',
          passwordHash: 'x',
          departments: [OTHER_DEPT, DEPT],
        },
        0,
      );
      const agents = async () =>
        (await store.routing.load([])).agents.map((a) => [
          a.profile.id,
          a.status,
          a.lastAssignedAt,
        ]);
      // Nobody has chosen a status yet: offline, never assigned.
      expect(await agents()).toEqual([
        ['a1', 'offline', null],
        ['a2', 'offline', null],
        ['a3', 'offline', null],
      ]);
      expect((await store.routing.load([])).agents[2]?.profile).toEqual({
        id: 'a3',
        email: 'a3@x',
        name: 'Cai',
        role: 'supervisor',
        departments: [DEPT, OTHER_DEPT],
        capacity: 5,
        disabled: false,
        mustChangePassword: false,
      });
      await start('c1', 1);
      await assign('c1', 'a2', 7);
      await store.routing.apply(
        {
          conversations: [],
          agents: [
            { id: 'a1', status: 'away', lastAssignedAt: 3 },
            { id: 'a3', status: 'online', lastAssignedAt: null },
          ],
          events: [],
        },
        8,
      );
      expect(await agents()).toEqual([
        ['a1', 'away', 3],
        ['a2', 'online', 7],
        ['a3', 'online', null],
      ]);
      expect(await store.routing.status('a1')).toBe('away');
      expect(await store.routing.status('a2')).toBe('online');
      await store.routing.apply(
        {
          conversations: [],
          agents: [{ id: 'a2', status: 'offline', lastAssignedAt: 7 }],
          events: [],
        },
        9,
      );
      expect(await store.routing.status('a2')).toBe('offline');
      expect(await store.routing.status('nobody')).toBe('offline');
    });

    it('give recent handle times of a department, newest resolution first', async () => {
      const { store, start, assign, resolve } = await seeded(open);
      const handled = async (id: string, assignedAt: number, resolvedAt: number, dept = DEPT) => {
        await start(id, 1, { department: dept });
        await assign(id, 'a1', assignedAt);
        await resolve(id, resolvedAt);
      };
      await handled('h1', 10, 100);
      await handled('h2', 20, 50);
      await handled('h3', 5, 200);
      await handled('tech', 10, 400, OTHER_DEPT);
      // Resolved from the queue: nobody handled it. Still open: not handled yet.
      await start('dropped', 1);
      await resolve('dropped', 300, SYSTEM);
      await start('open', 1);
      await assign('open', 'a2', 30);
      expect(await store.routing.recentHandleTimes(DEPT, 10)).toEqual([195, 90, 30]);
      expect(await store.routing.recentHandleTimes(DEPT, 2)).toEqual([195, 90]);
      expect(await store.routing.recentHandleTimes(OTHER_DEPT, 10)).toEqual([390]);
      expect(await store.routing.recentHandleTimes('nope', 10)).toEqual([]);
    });

    routingFieldsContract(ctx);
  });
}
