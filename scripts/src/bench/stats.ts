/**
 * Latency samples and percentiles for the benchmark. Samples go into a preallocated
 * Float64Array, so recording one costs no allocation and memory stays bounded.
 */
export class Samples {
  private readonly values: Float64Array;
  private count = 0;
  /** Samples offered after the buffer was full (counted, not kept). */
  dropped = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  add(value: number): void {
    if (this.count < this.values.length) this.values[this.count++] = value;
    else this.dropped += 1;
  }

  get size(): number {
    return this.count;
  }

  /** Sorted copy of what was recorded (typed arrays sort numerically). */
  sorted(): Float64Array {
    return this.values.slice(0, this.count).sort();
  }
}

/**
 * Nearest-rank percentile of an ascending array: the smallest value with at least
 * p % of the samples at or below it. NaN when there are no samples.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not within 0..100`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[Math.min(n, rank) - 1] as number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(samples: Samples): LatencySummary {
  const sorted = samples.sorted();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
}
