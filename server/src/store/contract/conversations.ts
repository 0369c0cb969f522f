import { describe, expect, it } from 'vitest';
import { DEPT, OTHER_DEPT, seeded, startWrite } from './fixtures.ts';
import type { ContractContext } from './index.ts';

/** Conversations as clients read them, and the lists built on them. */
export function conversationsContract({ open }: ContractContext): void {
  describe('conversations', () => {
    it('read a started conversation as clients see it', async () => {
      const { store, start } = await seeded(open);
      await start('c1', 1, { body: 'hi there' });
      expect(await store.conversations.get('c1')).toEqual({
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
        lastSeq: 1,
        lastMessage: { seq: 1, author: 'visitor', body: 'hi there', createdAt: 1 },
        vip: false,
        queuedAt: 1,
        firstResponseDueAt: null,
        resolutionDueAt: null,
      });
      expect(await store.conversations.get('nope')).toBeNull();
    });

    it('start once per (visitor, clientId): a second start with it writes nothing', async () => {
      const { store, start, seqs } = await seeded(open);
      await store.visitors.create('V2', 's', 'hash-V2', 0);
      await start('c1', 1, { clientId: 'x' });
      const first = await store.conversations.byClientId('V1', 'x');
      expect(first?.id).toBe('c1');
      await expect(
        start('c2', 2, { clientId: 'x', department: OTHER_DEPT, body: 'again' }),
      ).rejects.toThrow();
      expect(await store.conversations.get('c2')).toBeNull();
      expect(await store.events.list('c2')).toEqual([]);
      expect(await store.conversations.byClientId('V1', 'x')).toEqual(first);
      expect(await seqs('c1')).toEqual([[1, 'x']]);
      // Another visitor's clientId is theirs alone.
      await start('c3', 3, { clientId: 'x', visitorId: 'V2' });
      expect((await store.conversations.byClientId('V2', 'x'))?.id).toBe('c3');
      expect(await store.conversations.byClientId('V2', 'y')).toBeNull();
    });

    it('refuse to start for an unknown department, visitor or site, writing nothing', async () => {
      const { store, start } = await seeded(open);
      await expect(start('c1', 1, { department: 'nope' })).rejects.toThrow();
      await expect(start('c2', 1, { visitorId: 'nobody' })).rejects.toThrow();
      const elsewhere = startWrite('c3', 1);
      if (elsewhere.created) elsewhere.created.conversation.siteId = 'nowhere';
      await expect(store.routing.apply(elsewhere, 1)).rejects.toThrow();
      for (const id of ['c1', 'c2', 'c3']) {
        expect(await store.conversations.get(id)).toBeNull();
        expect(await store.messages.after(id, 0, 10, true)).toEqual([]);
        expect(await store.events.list(id)).toEqual([]);
      }
      expect(await store.conversations.listForVisitor('V1')).toEqual([]);
    });

    it('give the facts a decision needs, as get has them, through every status', async () => {
      const { store, row, start, assign, resolve } = await seeded(open);
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
        return [c?.status, c?.assigneeId];
      };
      expect(await facts()).toEqual(['queued', null]);
      await assign('c1', 'a1', 2);
      expect(await facts()).toEqual(['assigned', 'a1']);
      await resolve('c1', 3);
      // Who held it last, for reading rights and the transcript's header.
      expect(await facts()).toEqual(['resolved', 'a1']);
      const pending = { ...(await row('c1')), state: 'pending' as const, department: OTHER_DEPT };
      await store.routing.apply({ conversations: [pending], agents: [], events: [] }, 4);
      expect(await facts()).toEqual(['pending', null]);
      expect((await store.conversations.facts('c1'))?.department).toBe(OTHER_DEPT);
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
      await start('bobsDone', 8);
      await assign('mine', 'a1', 10);
      await assign('bobs', 'a2', 11);
      for (const [i, id] of ['done1', 'done2', 'done3'].entries()) {
        await assign(id, 'a1', 12 + i);
        await resolve(id, 20 + i);
      }
      await assign('bobsDone', 'a2', 15);
      await resolve('bobsDone', 30);
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
      await start('c1', 1, { body: 'first' });
      await says('c1', 'only a note', agent('a1', 'note'), 2);
      expect(await store.conversations.get('c1')).toMatchObject({
        lastSeq: 2,
        lastMessage: { seq: 1, body: 'first' },
      });
      await says('c1', 'hi', {}, 3);
      await assign('c1', 'a1', 4);
      await says('c1', 'hello', agent('a1'), 5);
      await says('c1', 'psst', agent('a1', 'note'), 6);
      await says('c1', 'psst again', agent('a1', 'note'), 7);
      expect(await store.conversations.get('c1')).toMatchObject({
        lastSeq: 6,
        lastMessage: { seq: 4, author: 'agent', body: 'hello', createdAt: 5 },
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
      expect((await store.messages.after('c1', 1, 1, false))[0]?.body).toBe(body);
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
