import type { Message } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import type { AppendResult } from '../messages.ts';
import { DEPT, queued, seeded, world } from './fixtures.ts';
import type { ContractContext } from './index.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * What must hold with many writers: everything is fired at once (Promise.all), half
 * of it through a second store over the same data, as a second hub would. A backend
 * that keeps a counter in memory, or relies on one writer, fails here.
 */
export function concurrencyContract({ open, peer }: ContractContext): void {
  /** Two hubs over one seeded store, and conversation c1. */
  async function twoHubs() {
    const one = await seeded(open);
    const two = world(await peer(one.store));
    await one.start('c1', 1);
    return { one, two };
  }

  describe('concurrent writers', () => {
    it('give concurrent appends to one conversation seqs 1..N, gap-free and unique', async () => {
      const { one, two } = await twoHubs();
      const rounds = 5;
      const perRound = 60;
      const results: AppendResult[] = [];
      // Several rounds, so each hub appends again after the other has.
      for (let round = 0; round < rounds; round++) {
        const sends: Promise<AppendResult>[] = [];
        for (const j of range(perRound)) {
          const i = round * perRound + j;
          const [hub, other] = i % 2 === 0 ? [one, two] : [two, one];
          const note = i % 3 === 0;
          sends.push(hub.says('c1', `m${i}`, note ? hub.agent('a1', 'note') : {}));
          // Every seventh message is retried at once, through the other hub.
          if (i % 7 === 0)
            sends.push(other.says('c1', `m${i}`, note ? other.agent('a1', 'note') : {}));
        }
        results.push(...(await Promise.all(sends)));
      }
      const n = rounds * perRound;
      const stored = new Map<string, Message>();
      for (const r of results) {
        if (!r.ok) throw new Error(`append refused: ${r.code}`);
        const first = stored.get(r.message.clientId);
        if (first) expect(r.message).toEqual(first);
        else stored.set(r.message.clientId, r.message);
      }
      expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(n);
      const seqs = [...stored.values()].map((m) => m.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(range(n));
      expect((await one.seqs('c1')).map(([seq]) => seq)).toEqual(range(n));
      expect((await two.store.conversations.get('c1'))?.lastSeq).toBe(n);
    });

    it('store exactly the appends it acks when a resolve races them', async () => {
      const { one, two } = await twoHubs();
      const sends = range(100).map((i) => (i % 2 ? one : two).says('c1', `m${i}`));
      const resolved = one.resolve('c1', 9);
      const later = range(100).map((i) => (i % 2 ? two : one).says('c1', `late${i}`));
      const results = await Promise.all([...sends, ...later]);
      // The resolve returns the conversation as it committed: the last message it let
      // in is the last there will ever be.
      const lastSeq = (await resolved)?.conversation.lastSeq;
      const acked: string[] = [];
      for (const r of results) {
        if (r.ok) acked.push(r.message.clientId);
        else expect(r.code).toBe('conversation_closed');
      }
      const transcript = await two.seqs('c1');
      expect(transcript.map(([, clientId]) => clientId).sort()).toEqual(acked.sort());
      expect(transcript.map(([seq]) => seq)).toEqual(range(acked.length));
      expect(lastSeq).toBe(acked.length);
    });

    it('never assign a conversation twice when two agents on two hubs claim it', async () => {
      const { one, two } = await twoHubs();
      const ids = range(20).map((i) => `q${i}`);
      for (const id of ids) await one.start(id, 2);
      const claims = await Promise.all(
        ids.flatMap((id) => [one.assign(id, 'a1', 3), two.assign(id, 'a2', 3)]),
      );
      const winners = claims.flat().map((change) => change.conversation);
      expect(winners.map((c) => c.id).sort()).toEqual([...ids].sort());
      for (const c of winners) {
        expect(await two.store.conversations.get(c.id)).toMatchObject({
          status: 'assigned',
          assigneeId: c.assigneeId,
        });
      }
    });

    it('resolve once when two hubs resolve together', async () => {
      const { one, two } = await twoHubs();
      const results = await Promise.all([
        one.resolve('c1', 5),
        two.resolve('c1', 6),
        one.resolve('c1', 7),
      ]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it('start once when a start is retried through both hubs at once', async () => {
      const { one, two } = await twoHubs();
      const start = (hub: typeof one, id: string) =>
        hub.store.conversations.start(
          { id, siteId: 's', visitorId: 'V1', clientId: 'same', department: DEPT },
          2,
          [queued()],
        );
      const results = await Promise.all(range(10).map((i) => start(i % 2 ? one : two, `s${i}`)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    });

    it('keep everything acked across a restart, and carry on from it', async () => {
      const one = await seeded(open);
      await one.start('c1', 1);
      await Promise.all(range(10).map((i) => one.says('c1', `m${i}`)));
      await one.assign('c1', 'a1', 5);
      await one.store.close();
      const again = world(await peer(one.store));
      expect(await again.store.conversations.get('c1')).toMatchObject({
        status: 'assigned',
        assigneeId: 'a1',
        lastSeq: 10,
      });
      expect(await again.says('c1', 'next')).toMatchObject({ message: { seq: 11 } });
    });
  });
}
