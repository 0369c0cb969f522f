import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newBucket, take } from './bucket.ts';

describe('token bucket', () => {
  const limit = { perSecond: 2, burst: 3 };

  it('allows a burst, then refuses until time refills it', () => {
    const b = newBucket(limit, 0);
    expect([take(b, limit, 0), take(b, limit, 0), take(b, limit, 0)]).toEqual([true, true, true]);
    expect(take(b, limit, 0)).toBe(false);
    expect(take(b, limit, 499)).toBe(false);
    expect(take(b, limit, 500)).toBe(true);
  });

  it('never holds more than the burst', () => {
    const b = newBucket(limit, 0);
    take(b, limit, 1_000_000);
    expect(b.tokens).toBeLessThanOrEqual(limit.burst);
  });

  it('property: over any schedule, allowed ≤ burst + rate × elapsed', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(2000), { maxLength: 200 }), (gaps) => {
        const b = newBucket(limit, 0);
        let t = 0;
        let allowed = 0;
        for (const gap of gaps) {
          t += gap;
          if (take(b, limit, t)) allowed += 1;
        }
        expect(allowed).toBeLessThanOrEqual(limit.burst + (limit.perSecond * t) / 1000 + 1e-9);
      }),
    );
  });
});
