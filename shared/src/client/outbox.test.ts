import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../protocol/errors.ts';
import type { Message } from '../protocol/model.ts';
import {
  addPending,
  createOutboxSender,
  type Delivery,
  markFailed,
  markRetrying,
  type Outbox,
  pendingIn,
  toResend,
} from './outbox.ts';
import { createResumePoints, type SyncPage, syncPages } from './sync.ts';
import { mergeBySeq, type PendingMessage, settlePending } from './transcript.ts';

const CONV = 'c1';

function pending(clientId: string, createdAt: number): PendingMessage {
  return { conversationId: CONV, clientId, body: clientId, kind: 'text', failed: null, createdAt };
}

describe('outbox reducers', () => {
  it('adds once per clientId, fails, retries, and resends oldest first without refused', () => {
    let box: Outbox = [];
    box = addPending(box, pending('b', 2));
    box = addPending(box, pending('a', 1));
    box = addPending(box, pending('a', 9));
    expect(box.map((p) => p.clientId)).toEqual(['b', 'a']);
    box = markFailed(box, 'b', 'rate_limited');
    expect(toResend(box).map((p) => p.clientId)).toEqual(['a']);
    box = markRetrying(box, 'b');
    expect(toResend(box).map((p) => p.clientId)).toEqual(['a', 'b']);
    expect(box.find((p) => p.clientId === 'b')?.failed).toBeNull();
  });

  it('filters by conversation and settles on what the hub stored', () => {
    const box = [pending('a', 1), { ...pending('b', 2), conversationId: 'c2' }];
    expect(pendingIn(box, 'c2').map((p) => p.clientId)).toEqual(['b']);
    expect(settlePending(box, [msg(7, 'a')]).map((p) => p.clientId)).toEqual(['b']);
  });

  it('withdraws an entry taken over, and re-sends a refused one only on Retry', async () => {
    let box: Outbox = [];
    const answers: Delivery[] = ['rate_limited', 'withdrawn'];
    const sender = createOutboxSender({
      store: {
        get value() {
          return box;
        },
        set value(next) {
          box = next;
        },
      },
      link: { connected: true },
      transmit: async () => answers.shift() ?? null,
      later: () => undefined,
    });
    sender.send(pending('a', 1));
    await Promise.resolve();
    await Promise.resolve();
    expect(box.map((p) => p.failed)).toEqual(['rate_limited']);
    sender.resendAll();
    expect(answers).toHaveLength(1);
    sender.retry('a');
    await Promise.resolve();
    await Promise.resolve();
    expect(box).toEqual([]);
  });
});

describe('syncPages', () => {
  it('asks for each page after the last seq it got and stops when there are no more', async () => {
    const asked: number[] = [];
    const pages = [
      { messages: [msg(4), msg(5)], more: true },
      { messages: [msg(6)], more: false },
    ];
    const end = await syncPages(
      3,
      async (after): Promise<Ack<SyncPage>> => {
        asked.push(after);
        const page = pages.shift();
        return page
          ? { ok: true, ...page }
          : { ok: false, error: { code: 'unavailable', message: '' } };
      },
      () => true,
    );
    expect(end).toBe('complete');
    expect(asked).toEqual([3, 5]);
  });
});

function msg(seq: number, clientId = `other-${seq}`): Message {
  const base = { conversationId: CONV, seq, clientId, authorName: null, createdAt: seq };
  return { ...base, author: 'visitor', kind: 'text', body: `#${seq}` };
}

type Op =
  | { t: 'send' }
  | { t: 'answer'; i: number; refuse: boolean }
  | { t: 'drop'; i: number; stored: boolean }
  | { t: 'timer'; i: number }
  | { t: 'retry'; i: number }
  | { t: 'disconnect' }
  | { t: 'connect' }
  | { t: 'sync'; page: number }
  | { t: 'other' };

const index = fc.nat(20);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ t: 'send' as const }),
  fc.record({ t: fc.constant('answer' as const), i: index, refuse: fc.boolean() }),
  fc.record({ t: fc.constant('drop' as const), i: index, stored: fc.boolean() }),
  fc.record({ t: fc.constant('timer' as const), i: index }),
  fc.record({ t: fc.constant('retry' as const), i: index }),
  fc.constant({ t: 'disconnect' as const }),
  fc.constant({ t: 'connect' as const }),
  fc.record({ t: fc.constant('sync' as const), page: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({ t: 'other' as const }),
);

const flush = async () => {
  for (let i = 0; i < 8; i++) await Promise.resolve();
};

/**
 * One client against a model hub. The hub stores a clientId once, acks the sender and,
 * while the client is connected, sends others' messages live, in order; the client keeps a
 * transcript merged by seq, the shared outbox sender, and the shared resume points.
 */
function world() {
  const log: Message[] = [];
  const byClient = new Map<string, Message>();
  let connected = true;
  let transcript: Message[] = [];
  let box: Outbox = [];
  let made = 0;
  const sent: string[] = [];
  const open: { entry: PendingMessage; resolve(d: Delivery): void; reject(e: Error): void }[] = [];
  const timers: (() => void)[] = [];
  const resume = createResumePoints();

  const accept = (messages: readonly Message[]) => {
    transcript = mergeBySeq(transcript, messages);
    sender.settle(messages);
  };
  // docs/protocol.md: the sender has its message in the ack; everyone else gets it live.
  const append = (clientId: string, mine: boolean): Message => {
    const held = byClient.get(clientId);
    if (held) return held;
    const m = msg(log.length + 1, clientId);
    log.push(m);
    byClient.set(clientId, m);
    if (connected && !mine) accept([m]);
    return m;
  };
  const sender = createOutboxSender({
    store: {
      get value() {
        return box;
      },
      set value(next) {
        box = next;
      },
    },
    link: {
      get connected() {
        return connected;
      },
    },
    transmit: (entry) => new Promise((resolve, reject) => open.push({ entry, resolve, reject })),
    later: (run) => timers.push(run),
  });
  const pick = <T>(list: T[], i: number): T | undefined => list.splice(i % list.length, 1)[0];

  async function run(o: Op): Promise<void> {
    switch (o.t) {
      case 'send': {
        const clientId = `mine-${made++}`;
        sent.push(clientId);
        sender.send(pending(clientId, made));
        break;
      }
      case 'answer': {
        const r = open.length > 0 ? pick(open, o.i) : undefined;
        if (!r) break;
        if (o.refuse && !byClient.has(r.entry.clientId)) r.resolve('rate_limited');
        else {
          const m = append(r.entry.clientId, true);
          // The front end takes the acked message in before the sender settles on it.
          accept([m]);
          r.resolve([m]);
        }
        break;
      }
      case 'drop': {
        const r = open.length > 0 ? pick(open, o.i) : undefined;
        if (!r) break;
        if (o.stored) append(r.entry.clientId, true);
        r.reject(new Error('timeout'));
        break;
      }
      case 'timer': {
        const fire = timers.length > 0 ? pick(timers, o.i) : undefined;
        fire?.();
        break;
      }
      case 'retry': {
        const failed = box.filter((p) => p.failed !== null);
        const p = failed.length > 0 ? failed[o.i % failed.length] : undefined;
        if (p) sender.retry(p.clientId);
        break;
      }
      case 'disconnect':
        if (!connected) break;
        connected = false;
        resume.pin(CONV, transcript);
        for (const r of open.splice(0)) r.reject(new Error('disconnected'));
        break;
      case 'connect':
        if (connected) break;
        connected = true;
        sender.resendAll();
        break;
      case 'sync': {
        if (!connected) break;
        const end = await syncPages(
          resume.start(CONV, transcript),
          async (after): Promise<Ack<SyncPage>> => {
            const messages = log.filter((m) => m.seq > after).slice(0, o.page);
            return { ok: true, messages, more: log.some((m) => m.seq > lastOf(messages, after)) };
          },
          (page) => {
            accept(page.messages);
            return true;
          },
        );
        if (end === 'complete') resume.clear(CONV);
        break;
      }
      case 'other':
        append(`other-${log.length + 1}`, false);
        break;
    }
    await flush();
  }

  return {
    run,
    /** Nothing sent is lost, nothing is held twice. */
    check() {
      const ids = transcript.map((m) => m.clientId);
      expect(new Set(ids).size).toBe(ids.length);
      const seqs = transcript.map((m) => m.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      for (const id of sent) {
        const inBox = box.some((p) => p.clientId === id);
        expect(inBox !== ids.includes(id), id).toBe(true);
      }
    },
    /** Calm network: everything settles and the transcript is the hub's log. */
    async quiesce() {
      await run({ t: 'connect' });
      for (let round = 0; round < 50 && (box.length > 0 || open.length > 0); round++) {
        for (const p of box.filter((e) => e.failed !== null)) sender.retry(p.clientId);
        while (open.length > 0) await run({ t: 'answer', i: 0, refuse: false });
        while (timers.length > 0) await run({ t: 'timer', i: 0 });
      }
      await run({ t: 'sync', page: 3 });
      expect(box).toEqual([]);
      expect(transcript).toEqual(log);
      for (const id of sent) expect(transcript.filter((m) => m.clientId === id)).toHaveLength(1);
    },
  };
}

function lastOf(messages: readonly Message[], fallback: number): number {
  return messages[messages.length - 1]?.seq ?? fallback;
}

describe('outbox and sync together (property)', () => {
  it('lose and double nothing across random acks, timeouts, reconnects and sync pages', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 60 }), async (ops) => {
        const w = world();
        for (const o of ops) {
          await w.run(o);
          w.check();
        }
        await w.quiesce();
      }),
      { numRuns: 300 },
    );
  });
});
