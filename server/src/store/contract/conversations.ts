import { describe, expect, it } from 'vitest';
import { claim, DEPT, OTHER_DEPT, queued, seeded } from './fixtures.ts';
import type { ContractContext } from './index.ts';

/** The conversation lifecycle and the lists built on it. */
export function conversationsContract({ open }: ContractContext): void {
  describe('conversations', () => {
    it('start one waiting, empty conversation', async () => {
      const { store, start } = await seeded(open);
      const { conversation, created } = await start('c1', 1);
      expect(created).toBe(true);
      expect(conversation).toEqual({
        id: 'c1',
        department: DEPT,
        status: 'queued',
        visitorId: 'V1',
        visitorName: null,
        visitorHandle: 'V1',
        assigneeId: null,
        assigneeName: null,
        createdAt: 1,
        updatedAt: 1,
        resolvedAt: null,
        lastSeq: 0,
        lastMessage: null,
      });
      expect(await store.conversations.get('c1')).toEqual(conversation);
      expect(await store.conversations.get('nope')).toBeNull();
    });

    it('start once per (visitor, clientId), whatever a retry names', async () => {
      const { store } = await seeded(open);
      await store.visitors.create('V2', 's', 'hash-V2', 0);
      const start = (id: string, visitorId: string, department: string) =>
        store.conversations.start({ id, siteId: 's', visitorId, clientId: 'x', department }, 1, [
          queued(department, visitorId),
        ]);
      const first = await start('c1', 'V1', DEPT);
      const retry = await start('c2', 'V1', OTHER_DEPT);
      expect(retry).toEqual({ conversation: first.conversation, created: false, events: [] });
      expect(await store.conversations.get('c2')).toBeNull();
      // Another visitor's clientId is theirs alone.
      expect((await start('c3', 'V2', DEPT)).created).toBe(true);
    });

    it('refuse to start for an unknown department or visitor, writing nothing', async () => {
      const { store, start } = await seeded(open);
      await expect(start('c1', 1, { department: 'nope' })).rejects.toThrow();
      await expect(start('c2', 1, { visitorId: 'nobody' })).rejects.toThrow();
      expect(await store.conversations.get('c1')).toBeNull();
      expect(await store.conversations.get('c2')).toBeNull();
      expect(await store.conversations.listForVisitor('V1')).toEqual([]);
    });

    it('assign only what is still waiting, returning those assigned in order', async () => {
      const { store, start, assign, resolve } = await seeded(open);
      for (const [i, id] of ['c1', 'c2', 'c3', 'c4'].entries()) await start(id, i);
      await assign('c2', 'a2', 5);
      await resolve('c3', 6);
      const assigned = await store.conversations.assignWaiting(
        [
          claim('c4', 'a1'),
          claim('c2', 'a1'),
          claim('c3', 'a1'),
          claim('nope', 'a1'),
          claim('c1', 'a2'),
        ],
        7,
      );
      expect(assigned.map(({ conversation: c }) => [c.id, c.assigneeId])).toEqual([
        ['c4', 'a1'],
        ['c1', 'a2'],
      ]);
      expect(assigned[0]?.conversation).toMatchObject({
        status: 'assigned',
        assigneeName: 'Ann',
        updatedAt: 7,
      });
      expect(await store.conversations.get('c2')).toMatchObject({ assigneeId: 'a2', updatedAt: 5 });
      expect(await store.conversations.get('c3')).toMatchObject({
        status: 'resolved',
        assigneeId: null,
      });
    });

    it('resolve once: a repeat or a missing conversation changes nothing', async () => {
      const { store, start, assign, resolve } = await seeded(open);
      await start('c1', 1);
      await start('c2', 2);
      await assign('c1', 'a1', 3);
      const resolved = (await resolve('c1', 4))?.conversation;
      expect(resolved).toMatchObject({
        status: 'resolved',
        assigneeId: 'a1',
        resolvedAt: 4,
        updatedAt: 4,
      });
      expect(await resolve('c1', 5)).toBeNull();
      expect(await store.conversations.get('c1')).toEqual(resolved);
      // Waiting conversations may be resolved too (a supervisor closing spam).
      expect((await resolve('c2', 6))?.conversation).toMatchObject({ resolvedAt: 6 });
      expect(await resolve('nope', 7)).toBeNull();
    });

    it('give the facts a decision needs, as get has them, through every status', async () => {
      const { store, start, assign, resolve } = await seeded(open);
      expect(await store.conversations.facts('c1')).toBeNull();
      await start('c1', 1);
      const facts = async () => {
        const c = await store.conversations.get('c1');
        expect(await store.conversations.facts('c1')).toEqual({
          id: 'c1',
          visitorId: c?.visitorId,
          department: c?.department,
          status: c?.status,
          assigneeId: c?.assigneeId,
        });
        return c?.status;
      };
      expect(await facts()).toBe('queued');
      await assign('c1', 'a1', 2);
      expect(await facts()).toBe('assigned');
      await resolve('c1', 3);
      expect(await facts()).toBe('resolved');
    });

    it('snapshot what routing needs: the queue and open loads', async () => {
      const { store, start, assign, resolve } = await seeded(open);
      for (const [i, id] of ['c1', 'c2', 'c3', 'c4', 'c5'].entries()) await start(id, i + 1);
      await assign('c1', 'a1', 10);
      await assign('c2', 'a1', 11);
      await assign('c3', 'a2', 12);
      await resolve('c2', 13);
      await resolve('c3', 14);
      const snapshot = await store.conversations.routingSnapshot();
      expect(snapshot.waiting.sort((a, b) => a.queuedAt - b.queuedAt)).toEqual([
        { id: 'c4', department: DEPT, queuedAt: 4 },
        { id: 'c5', department: DEPT, queuedAt: 5 },
      ]);
      // Resolved chats count for no one, however recently assigned.
      expect([...snapshot.loads]).toEqual([['a1', { load: 1, lastAssignedAt: 10 }]]);
    });

    it("list a visitor's own conversations, newest first", async () => {
      const { store, start } = await seeded(open);
      await store.visitors.create('V2', 's', 'hash-V2', 0);
      await start('c1', 1);
      await start('c2', 2, { visitorId: 'V2' });
      await start('c3', 3);
      await start('c4', 4);
      const ids = async (limit?: number) =>
        (await store.conversations.listForVisitor('V1', limit)).map((c) => c.id);
      expect(await ids()).toEqual(['c4', 'c3', 'c1']);
      expect(await ids(2)).toEqual(['c4', 'c3']);
    });

    it("list an agent's inbox: theirs, their departments' queue, their latest resolved", async () => {
      const { store, start, assign, resolve } = await seeded(open);
      await start('mine', 1);
      await start('queued', 2);
      await start('elsewhere', 3, { department: OTHER_DEPT });
      await start('bobs', 4);
      await start('done1', 5);
      await start('done2', 6);
      await start('done3', 7);
      await assign('mine', 'a1', 10);
      await assign('bobs', 'a2', 11);
      for (const [i, id] of ['done1', 'done2', 'done3'].entries()) {
        await assign(id, 'a1', 12 + i);
        await resolve(id, 20 + i);
      }
      const inbox = async (departments: string[], resolvedLimit?: number) =>
        (await store.conversations.listForAgent('a1', departments, resolvedLimit)).map((c) => c.id);
      expect(await inbox([DEPT])).toEqual(['done3', 'done2', 'done1', 'mine', 'queued']);
      expect(await inbox([DEPT], 2)).toEqual(['done3', 'done2', 'mine', 'queued']);
      expect(await inbox([OTHER_DEPT], 0)).toEqual(['mine', 'elsewhere']);
    });
  });

  describe('conversation lists', () => {
    it('never show a note as the last message', async () => {
      const { store, start, says, agent, assign } = await seeded(open);
      await start('c1', 1);
      await says('c1', 'only a note', agent('a1', 'note'), 2);
      expect(await store.conversations.get('c1')).toMatchObject({ lastSeq: 1, lastMessage: null });
      await says('c1', 'hi', {}, 3);
      await assign('c1', 'a1', 4);
      await says('c1', 'hello', agent('a1'), 5);
      await says('c1', 'psst', agent('a1', 'note'), 6);
      await says('c1', 'psst again', agent('a1', 'note'), 7);
      expect(await store.conversations.get('c1')).toMatchObject({
        lastSeq: 5,
        lastMessage: { seq: 3, author: 'agent', body: 'hello', createdAt: 5 },
      });
      expect((await store.conversations.listForVisitor('V1'))[0]?.lastMessage?.body).toBe('hello');
    });

    it('cut the last message to a preview', async () => {
      const { store, start, says } = await seeded(open);
      await start('c1', 1);
      const body = `${'a'.repeat(139)}😀${'b'.repeat(500)}`;
      await says('c1', 'long', { body }, 2);
      expect((await store.conversations.get('c1'))?.lastMessage?.body).toBe(`${'a'.repeat(139)}…`);
      // The transcript keeps it whole.
      expect((await store.messages.after('c1', 0, 1, false))[0]?.body).toBe(body);
    });

    it("take updatedAt from the newest message or the conversation's own change", async () => {
      const { store, start, says, agent, assign } = await seeded(open);
      await start('c1', 1);
      await start('c2', 2);
      const order = async () =>
        (await store.conversations.listForAgent('a1', [DEPT])).map((c) => [c.id, c.updatedAt]);
      expect(await order()).toEqual([
        ['c2', 2],
        ['c1', 1],
      ]);
      await says('c1', 'hi', {}, 10);
      expect(await order()).toEqual([
        ['c1', 10],
        ['c2', 2],
      ]);
      // Notes count too.
      await says('c2', 'note', agent('a1', 'note'), 20);
      expect(await order()).toEqual([
        ['c2', 20],
        ['c1', 10],
      ]);
      // An assignment later than every message is the conversation's latest change.
      await assign('c1', 'a1', 30);
      expect(await order()).toEqual([
        ['c1', 30],
        ['c2', 20],
      ]);
      await says('c1', 'hello', agent('a1'), 40);
      expect((await store.conversations.get('c1'))?.updatedAt).toBe(40);
      expect((await store.conversations.listForVisitor('V1')).map((c) => c.updatedAt)).toEqual([
        20, 40,
      ]);
    });
  });
}
