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
 * A bucket untouched for as long as it takes to refill is full again, exactly what a
 * new one would be, so it can be dropped without changing any answer. Buckets live in
 * two generations: each refill time the older one is dropped (everything in it has
 * been untouched since the last turn, a refill time ago) and the newer one becomes
 * the older. A key found in the older generation moves to the newer. Memory follows
 * the keys active in the last two refill times, and a take is one Map lookup: this
 * runs twice on every visitor message. Past `maxKeys` keys the generations turn early
 * (those keys start full again: a forgiving error, never a wrong refusal).
 */
export function createKeyedLimiter(
  limit: RateLimit,
  clock: () => number,
  maxKeys: number = DEFAULT_MAX_KEYS,
): KeyedLimiter {
  const idleMs = refillMs(limit);
  let newer = new Map<string, Bucket>();
  let older = new Map<string, Bucket>();
  let turnedAt = clock();

  function turn(now: number): void {
    older = newer;
    newer = new Map();
    turnedAt = now;
  }

  function bucketFor(key: string, now: number): Bucket {
    const kept = older.get(key);
    if (kept) {
      older.delete(key);
      newer.set(key, kept);
      return kept;
    }
    if (newer.size + older.size >= maxKeys) {
      turn(now);
      if (older.size >= maxKeys) older = new Map();
    }
    const fresh = newBucket(limit, now);
    newer.set(key, fresh);
    return fresh;
  }

  return {
    take(key) {
      const now = clock();
      if (now - turnedAt >= idleMs) turn(now);
      return take(newer.get(key) ?? bucketFor(key, now), limit, now);
    },
    get size() {
      return newer.size + older.size;
    },
  };
}
