import type { Message } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import type { AppendResult } from '../messages.ts';
import { resolveWrite, seeded, startWrite, world } from './fixtures.ts';
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
    it('give concurrent appends to one conversation seqs 2..N+1, gap-free and unique', async () => {
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
      // Seq 1 is the visitor's first message, written with the conversation.
      const seqs = [...stored.values()].map((m) => m.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(range(n).map((i) => i + 1));
      expect((await one.seqs('c1')).map(([seq]) => seq)).toEqual(range(n + 1));
      expect((await two.store.conversations.get('c1'))?.lastSeq).toBe(n + 1);
    });

    it('store exactly the appends it acks when a resolve races them', async () => {
      const { one, two } = await twoHubs();
      const row = await one.row('c1');
      const sends = range(100).map((i) => (i % 2 ? one : two).says('c1', `m${i}`));
      const resolved = one.store.routing.apply(resolveWrite(row, 9), 9);
      const later = range(100).map((i) => (i % 2 ? two : one).says('c1', `late${i}`));
      const results = await Promise.all([...sends, ...later]);
      // The resolve returns the conversation as it committed: the last message it let
      // in is the last there will ever be.
      const [conversation] = (await resolved).conversations;
      const acked: string[] = ['c1'];
      for (const r of results) {
        if (r.ok) acked.push(r.message.clientId);
        else expect(r.code).toBe('conversation_closed');
      }
      const transcript = await two.seqs('c1');
      expect(transcript.map(([, clientId]) => clientId).sort()).toEqual(acked.sort());
      expect(transcript.map(([seq]) => seq)).toEqual(range(acked.length));
      expect(conversation).toMatchObject({ status: 'resolved', lastSeq: acked.length });
    });

    it('create once when one start is written through both hubs at once', async () => {
      const { one, two } = await twoHubs();
      // The same visitor's clientId under ten new ids, as retries racing on two hubs.
      const results = await Promise.allSettled(
        range(10).map((i) =>
          (i % 2 ? one : two).store.routing.apply(startWrite(`s${i}`, 2, { clientId: 'same' }), 2),
        ),
      );
      const created = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(created).toHaveLength(1);
      const id = created[0]?.message?.conversationId;
      expect((await two.store.conversations.byClientId('V1', 'same'))?.id).toBe(id);
      // The losers left nothing: no conversation, message or event.
      const all = await one.store.conversations.listForVisitor('V1');
      expect(all.map((c) => c.id).sort()).toEqual(['c1', id].sort());
      const events = await one.store.events.since(0, 100);
      expect(events.events.map((e) => e.conversationId).sort()).toEqual(['c1', id].sort());
    });

    it('keep everything acked across a restart, and carry on from it', async () => {
      const one = await seeded(open);
      await one.start('c1', 1);
      await Promise.all(range(10).map((i) => one.says('c1', `m${i}`)));
      await one.assign('c1', 'a1', 5);
      const before = await one.row('c1');
      await one.store.close();
      const again = world(await peer(one.store));
      expect(await again.store.conversations.get('c1')).toMatchObject({
        status: 'assigned',
        assigneeId: 'a1',
        lastSeq: 11,
      });
      expect(await again.row('c1')).toEqual(before);
      expect(await again.store.routing.status('a1')).toBe('online');
      expect(await again.says('c1', 'next')).toMatchObject({ message: { seq: 12 } });
    });
  });
}
