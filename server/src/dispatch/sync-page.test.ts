import type { Message } from '@switchboard/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageBytes, syncPage } from './sync-page.ts';

const message = (seq: number, body: string): Message => ({
  conversationId: 'c1',
  seq,
  clientId: `m${seq}`,
  author: 'visitor',
  authorName: null,
  kind: 'text',
  body,
  createdAt: 0,
});

describe('sync page', () => {
  it('cuts by count and by bytes, and says whether more follow', () => {
    const short = Array.from({ length: 5 }, (_, i) => message(i + 1, 'hi'));
    expect(syncPage(short, { count: 10, bytes: 10_000 })).toEqual({ messages: short, more: false });
    expect(syncPage(short, { count: 3, bytes: 10_000 }).more).toBe(true);
    const big = Array.from({ length: 5 }, (_, i) => message(i + 1, '字'.repeat(1000)));
    const page = syncPage(big, { count: 10, bytes: 2 * pageBytes(big[0] ?? message(0, '')) });
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(page.more).toBe(true);
  });

  it('always carries the first message, however large', () => {
    const huge = [message(1, 'x'.repeat(5000)), message(2, 'y')];
    expect(syncPage(huge, { count: 10, bytes: 100 })).toEqual({ messages: [huge[0]], more: true });
    expect(syncPage([], { count: 10, bytes: 100 })).toEqual({ messages: [], more: false });
  });

  it('property: paging with afterSeq while `more` returns every message once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 300 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3000 }),
        (bodies, count, bytes) => {
          const all = bodies.map((b, i) => message(i + 1, b));
          const got: Message[] = [];
          let afterSeq = 0;
          for (;;) {
            // What the store returns: up to one more than a page, after afterSeq.
            const page = syncPage(all.filter((m) => m.seq > afterSeq).slice(0, count + 1), {
              count,
              bytes,
            });
            got.push(...page.messages);
            if (!page.more) break;
            afterSeq = page.messages[page.messages.length - 1]?.seq ?? afterSeq;
            const size = page.messages.reduce((n, m) => n + pageBytes(m), 0);
            expect(page.messages.length === 1 || size <= bytes).toBe(true);
          }
          expect(got).toEqual(all);
        },
      ),
    );
  });
});
