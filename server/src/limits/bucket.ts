/**
 * Token bucket: `burst` events at once, refilled at `perSecond`. Pure apart from the
 * clock passed in, so tests drive time directly.
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

/** How long an untouched bucket takes to be full again, from empty. */
export function refillMs(limit: RateLimit): number {
  return (limit.burst / limit.perSecond) * 1000;
}
