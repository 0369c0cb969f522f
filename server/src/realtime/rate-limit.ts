/**
 * Token bucket: `burst` messages at once, refilled at `perSecond`. Pure apart from
 * the clock passed in, so tests drive time directly.
 */
export interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export function newBucket(limit: RateLimit, now: number): Bucket {
  return { tokens: limit.burst, updatedAt: now };
}

/** Takes one token if there is one; returns whether the action may proceed. */
export function take(bucket: Bucket, limit: RateLimit, now: number): boolean {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.perSecond);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

/** One bucket per client address, forgetting them all once there are too many. */
export function addressLimiter(
  limit: RateLimit,
  clock: () => number,
): (address: string) => boolean {
  const buckets = new Map<string, Bucket>();
  return (address) => {
    if (buckets.size > 10_000) buckets.clear();
    const now = clock();
    const bucket = buckets.get(address) ?? newBucket(limit, now);
    buckets.set(address, bucket);
    return take(bucket, limit, now);
  };
}

/** Typing indicators: a few a second is plenty; the rest are dropped without a word. */
const TYPING = { perSecond: 2, burst: 5 };

/** One socket's buckets: writes at `rateLimit`, typing at TYPING; reads are free. */
export function socketLimits(rateLimit: RateLimit, clock: () => number) {
  const writes = newBucket(rateLimit, clock());
  const typing = newBucket(TYPING, clock());
  return (budget: 'read' | 'write' | 'typing'): boolean => {
    if (budget === 'write') return take(writes, rateLimit, clock());
    if (budget === 'typing') return take(typing, TYPING, clock());
    return true;
  };
}
