import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newBucket, take } from './bucket.ts';
import { createKeyedLimiter } from './keyed.ts';

const limit = { perSecond: 2, burst: 4 };
/**
 * A schedule of (key, milliseconds since the previous event): a few hot keys that
 * burst, new keys arriving now and then (which is when idle buckets are dropped),
 * short gaps and pauses.
 */
const schedule = (keys: number) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.nat(2), fc.nat(keys - 1)),
        fc.oneof(fc.constant(0), fc.nat(300), fc.nat(3000)),
        fc.integer({ min: 1, max: 6 }),
      ),
      { maxLength: 100 },
    )
    .map((bursts) =>
      bursts.flatMap(([key, gap, times]) =>
        Array.from({ length: times }, (_, i): [number, number] => [key, i === 0 ? gap : 0]),
      ),
    );

describe('keyed limiter', () => {
  it('gives each key its own bucket', () => {
    const now = 0;
    const limiter = createKeyedLimiter(limit, () => now);
    for (let i = 0; i < limit.burst; i += 1) expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    expect(limiter.take('b')).toBe(true);
  });

  it('forgets keys within two refill times of their last use', () => {
    let now = 0;
    const limiter = createKeyedLimiter(limit, () => now);
    for (const key of ['a', 'b', 'c']) limiter.take(key);
    expect(limiter.size).toBe(3);
    now = 2000; // burst / perSecond: every bucket is full again
    limiter.take('d');
    limiter.take('a');
    now = 4000; // b and c untouched for two refill times, d and a for one
    limiter.take('e');
    expect(limiter.size).toBe(3);
    now = 6000;
    limiter.take('e');
    expect(limiter.size).toBe(1);
  });

  it('keeps a key that is refilling, however the generations turn around it', () => {
    let now = -900;
    const limiter = createKeyedLimiter(limit, () => now);
    now = 0;
    const drained = Array.from({ length: 5 }, () => limiter.take('a'));
    expect(drained).toEqual([true, true, true, true, false]);
    for (const t of [100, 1100]) {
      now = t;
      limiter.take('b');
    }
    now = 1200; // 2.4 tokens back, not 4
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
  });

  it('property: forgetting idle keys never changes an answer', () => {
    fc.assert(
      fc.property(schedule(40), (events) => {
        let now = 0;
        const limiter = createKeyedLimiter(limit, () => now);
        const reference = new Map<number, ReturnType<typeof newBucket>>();
        for (const [key, gap] of events) {
          now += gap;
          const bucket = reference.get(key) ?? newBucket(limit, now);
          reference.set(key, bucket);
          expect(limiter.take(String(key))).toBe(take(bucket, limit, now));
        }
      }),
    );
  });

  it('property: never holds more than maxKeys buckets, whatever the keys', () => {
    fc.assert(
      fc.property(schedule(50), fc.integer({ min: 1, max: 8 }), (events, maxKeys) => {
        let now = 0;
        const limiter = createKeyedLimiter(limit, () => now, maxKeys);
        for (const [key, gap] of events) {
          now += gap;
          limiter.take(String(key));
          expect(limiter.size).toBeLessThanOrEqual(maxKeys);
        }
      }),
    );
  });
});
