import { describe, expect, it } from 'vitest';
import type { ConversationFacts } from '../conversations.ts';
import type { NewMessage } from '../messages.ts';
import { DEPT, seeded } from './fixtures.ts';
import type { ContractContext } from './index.ts';

/** Appending and reading transcripts: seqs, retries, notes and who may write. */
export function messagesContract({ open }: ContractContext): void {
  async function withConversation() {
    const w = await seeded(open);
    await w.start('c1', 1);
    return w;
  }

  describe('messages', () => {
    it('number messages on from the first one (seq 1) and keep a retry once', async () => {
      const { store, says, seqs } = await withConversation();
      const results = await Promise.all([says('c1', 'a'), says('c1', 'b'), says('c1', 'a')]);
      expect(results.map((r) => r.ok && r.message.seq)).toEqual([2, 3, 2]);
      expect(results.map((r) => r.ok && r.duplicate)).toEqual([false, false, true]);
      expect(await seqs('c1')).toEqual([
        [1, 'c1'],
        [2, 'a'],
        [3, 'b'],
      ]);
      const c = await store.conversations.get('c1');
      expect(c?.lastSeq).toBe(3);
      expect(c?.lastMessage).toMatchObject({ seq: 3, author: 'visitor', body: 'b' });
    });

    it('return what a broadcast needs with a new message', async () => {
      const { says } = await withConversation();
      const result = await says('c1', 'hi');
      expect(result.ok && !result.duplicate && result.target).toEqual({
        id: 'c1',
        visitorId: 'V1',
        department: DEPT,
        status: 'queued',
      });
      expect(result.ok && result.message).toEqual({
        conversationId: 'c1',
        seq: 2,
        clientId: 'hi',
        author: 'visitor',
        authorName: null,
        kind: 'text',
        body: 'hi',
        createdAt: 4,
      });
    });

    it('number each conversation on its own, gap-free, however appends interleave', async () => {
      const { says, agent, start, seqs } = await withConversation();
      await start('c2', 1);
      const batch = await Promise.all([
        says('c1', 'a'),
        says('c2', 'a'),
        says('c1', 'b'),
        says('c2', 'b'),
        says('c2', 'c'),
        says('c1', 'a'),
        says('c1', 'c', agent('a1', 'note')),
      ]);
      expect(batch.map((r) => r.ok && r.message.seq)).toEqual([2, 2, 3, 3, 4, 2, 4]);
      expect(await says('c2', 'd')).toMatchObject({ message: { seq: 5 } });
      expect(await says('c1', 'd')).toMatchObject({ message: { seq: 5 } });
      const expected = (first: string) => [
        [1, first],
        [2, 'a'],
        [3, 'b'],
        [4, 'c'],
        [5, 'd'],
      ];
      expect(await seqs('c1')).toEqual(expected('c1'));
      expect(await seqs('c2')).toEqual(expected('c2'));
    });

    it('return the original for a duplicate clientId without taking a seq', async () => {
      const { says, seqs } = await withConversation();
      const first = await says('c1', 'a', { body: 'first' }, 4);
      const again = await says('c1', 'a', { body: 'edited' }, 5);
      expect(again).toEqual({
        ok: true,
        duplicate: true,
        message: first.ok ? first.message : null,
      });
      expect(again.ok && again.message).toMatchObject({ seq: 2, body: 'first', createdAt: 4 });
      expect(await says('c1', 'b')).toMatchObject({ message: { seq: 3 } });
      expect(await seqs('c1')).toEqual([
        [1, 'c1'],
        [2, 'a'],
        [3, 'b'],
      ]);
    });

    it('let only the assignee write to the visitor, but any staff leave a note', async () => {
      const { store, says, agent, assign } = await withConversation();
      expect(await says('c1', 'early', agent('a1'))).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect((await says('c1', 'note', agent('a1', 'note'))).ok).toBe(true);
      await assign('c1', 'a1', 5);
      expect((await says('c1', 'hello', agent('a1'))).ok).toBe(true);
      expect(await says('c1', 'mine now', agent('a2'))).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect((await says('c1', 'bob notes', agent('a2', 'note'))).ok).toBe(true);
      // A visitor's read leaves every note out.
      const visitorView = await store.messages.after('c1', 0, 100, false);
      expect(visitorView.map((m) => m.clientId)).toEqual(['c1', 'hello']);
      const staffView = await store.messages.after('c1', 0, 100, true);
      expect(staffView.map((m) => m.clientId)).toEqual(['c1', 'note', 'hello', 'bob notes']);
    });

    it('refuse messages to resolved or missing conversations', async () => {
      const { store, says, resolve } = await withConversation();
      await resolve('c1', 9);
      expect(await says('c1', 'late')).toMatchObject({ ok: false, code: 'conversation_closed' });
      expect(await says('nope', 'x')).toEqual({ ok: false, code: 'not_found' });
      expect((await store.messages.after('c1', 0, 10, true)).map((m) => m.clientId)).toEqual([
        'c1',
      ]);
    });

    it("treat another visitor's conversation as missing, even for a known clientId", async () => {
      const { store, says, seqs } = await withConversation();
      await says('c1', 'mine');
      await store.visitors.create('V2', 's', 'hash-V2', 0);
      expect(await says('c1', 'new', { visitorId: 'V2' })).toEqual({
        ok: false,
        code: 'not_found',
      });
      expect(await says('c1', 'mine', { visitorId: 'V2' })).toEqual({
        ok: false,
        code: 'not_found',
      });
      expect(await seqs('c1')).toEqual([
        [1, 'c1'],
        [2, 'mine'],
      ]);
    });

    it("never hand a note or another sender's message back for a reused clientId", async () => {
      const { says, agent } = await withConversation();
      await says('c1', 'secret', { ...agent('a1', 'note'), body: 'psst' });
      expect(await says('c1', 'secret', agent('a2', 'note'))).toEqual({
        ok: false,
        code: 'invalid_payload',
      });
      expect(await says('c1', 'secret')).toEqual({ ok: false, code: 'invalid_payload' });
      // The rightful sender's retry still gets the original back.
      const retry = await says('c1', 'secret', agent('a1', 'note'));
      expect(retry.ok && retry.duplicate && retry.message.body).toBe('psst');
    });

    it('refuse a clientId reused by another sender without taking a seq', async () => {
      const { store, says, agent, assign } = await withConversation();
      await assign('c1', 'a1', 5);
      await says('c1', 'x', agent('a1', 'note'));
      await says('c1', 'y');
      const refused = await Promise.all([
        says('c1', 'x'),
        says('c1', 'x', agent('a1')),
        says('c1', 'y', agent('a1')),
        says('c1', 'y', agent('a1', 'note')),
      ]);
      expect(refused).toEqual(Array(4).fill({ ok: false, code: 'invalid_payload' }));
      expect(await says('c1', 'z')).toMatchObject({ message: { seq: 4 } });
      expect((await store.conversations.get('c1'))?.lastSeq).toBe(4);
    });

    it('hand a retry its original after the conversation is resolved', async () => {
      const { store, says, agent, assign, resolve } = await withConversation();
      await assign('c1', 'a1', 5);
      await says('c1', 'v');
      await says('c1', 'hi', agent('a1'));
      await resolve('c1', 9);
      expect(await says('c1', 'v')).toMatchObject({
        ok: true,
        duplicate: true,
        message: { seq: 2, author: 'visitor', body: 'v' },
      });
      expect(await says('c1', 'hi', agent('a1'))).toMatchObject({
        duplicate: true,
        message: { seq: 3 },
      });
      // Anyone else reusing a stored clientId is still refused as before.
      expect(await says('c1', 'hi')).toEqual({ ok: false, code: 'invalid_payload' });
      expect(await says('c1', 'new')).toMatchObject({ ok: false, code: 'conversation_closed' });
      expect((await store.conversations.get('c1'))?.lastSeq).toBe(3);
    });

    it('hand a retry its original after the conversation is handed to someone else', async () => {
      const { store, says, agent, assign } = await withConversation();
      await assign('c1', 'a1', 5);
      await says('c1', 'hi', agent('a1'));
      await assign('c1', 'a2', 6, 'supervisor');
      // a1 may no longer write to the visitor, but a1's retry still gets its message back.
      expect(await says('c1', 'hi', agent('a1'))).toMatchObject({
        ok: true,
        duplicate: true,
        message: { seq: 2, author: 'agent', body: 'hi' },
      });
      expect(await says('c1', 'more', agent('a1'))).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await says('c1', 'hi', agent('a2'))).toEqual({ ok: false, code: 'invalid_payload' });
      expect((await store.conversations.get('c1'))?.lastSeq).toBe(2);
      expect((await says('c1', 'welcome', agent('a2'))).ok).toBe(true);
    });

    it("ask the caller's check on the conversation as the insert sees it", async () => {
      const { store, agent, assign, resolve, says } = await withConversation();
      const asked: ConversationFacts[] = [];
      const checked = (clientId: string, refuse: boolean, over: Partial<NewMessage> = {}) =>
        store.messages.append(
          {
            conversationId: 'c1',
            visitorId: 'V1',
            clientId,
            author: 'visitor',
            authorId: null,
            authorName: null,
            kind: 'text',
            body: clientId,
            ...over,
          },
          5,
          (c) => {
            asked.push(c);
            return refuse ? { code: 'forbidden', message: 'no' } : null;
          },
        );
      await assign('c1', 'a1', 5);
      expect((await checked('v', false)).ok).toBe(true);
      expect(asked).toEqual([
        { id: 'c1', visitorId: 'V1', department: DEPT, status: 'assigned', assigneeId: 'a1' },
      ]);
      // Its refusal writes nothing and comes back as it was given.
      expect(await checked('w', true)).toEqual({ ok: false, code: 'forbidden', message: 'no' });
      // It speaks before the store's own refusals; a retry still gets its original.
      await says('c1', 'hi', agent('a1'));
      await resolve('c1', 9);
      expect(await checked('x', true)).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await checked('v', true)).toMatchObject({ ok: true, duplicate: true });
      expect(await checked('hi', true, agent('a1'))).toMatchObject({
        ok: true,
        message: { seq: 3, body: 'hi' },
      });
      // A resolved conversation names its last holder, as clients read it.
      expect(asked.at(-1)).toMatchObject({ status: 'resolved', assigneeId: 'a1' });
      expect((await store.conversations.get('c1'))?.lastSeq).toBe(3);
    });

    it('page a transcript after a seq', async () => {
      const { store, says } = await withConversation();
      for (const id of ['2', '3', '4', '5', '6']) await says('c1', id);
      expect((await store.messages.after('c1', 2, 2, false)).map((m) => m.seq)).toEqual([3, 4]);
      expect(await store.messages.after('c1', 6, 2, false)).toEqual([]);
      expect(await store.messages.after('nope', 0, 2, true)).toEqual([]);
    });
  });
}
