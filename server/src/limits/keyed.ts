import { type Bucket, newBucket, type RateLimit, refillMs, take } from './bucket.ts';

/** One token bucket per key (a visitor, an agent, a client address). */
export interface KeyedLimiter {
  /** Takes one token from the key's bucket; false when it is empty. */
  take(key: string): boolean;
  /** Buckets held now; never more than `maxKeys`. */
  readonly size: number;
}

/** Enough for every visitor active in the last minutes of a busy hub, ~100 B each. */
const DEFAULT_MAX_KEYS = 100_000;

/**
 * Buckets live in a Map ordered by last use. A bucket untouched for as long as it
 * takes to refill is full again, exactly what a new one would be, so it is dropped
 * without changing any answer; memory follows the keys active in that window. Past
 * `maxKeys` active keys the least recently used goes anyway (that key starts full
 * again: a forgiving error, never a wrong refusal).
 */
export function createKeyedLimiter(
  limit: RateLimit,
  clock: () => number,
  maxKeys: number = DEFAULT_MAX_KEYS,
): KeyedLimiter {
  const buckets = new Map<string, Bucket>();
  const idleMs = refillMs(limit);

  function evict(now: number): void {
    // Oldest first; every key after the first fresh one is fresher still.
    for (const [key, bucket] of buckets) {
      if (now - bucket.updatedAt < idleMs && buckets.size < maxKeys) return;
      buckets.delete(key);
    }
  }

  return {
    take(key) {
      const now = clock();
      const bucket = buckets.get(key);
      if (bucket) buckets.delete(key);
      else evict(now);
      const held = bucket ?? newBucket(limit, now);
      buckets.set(key, held);
      return take(held, limit, now);
    },
    get size() {
      return buckets.size;
    },
  };
}
