import { describe, expect, it } from 'vitest';
import { percentile, Samples, summarize } from './stats.ts';

describe('percentile (nearest rank)', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('picks the value at rank ceil(p·n)', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  });

  it('gives the smallest sample for p = 0 and the only sample for n = 1', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN without samples and refuses p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(hundred, 101)).toThrow(RangeError);
    expect(() => percentile(hundred, Number.NaN)).toThrow(RangeError);
  });
});

describe('Samples', () => {
  it('sorts numerically, not as strings, and keeps at most its capacity', () => {
    const s = new Samples(4);
    for (const v of [10, 9, 100, 1.5, 3]) s.add(v);
    expect(Array.from(s.sorted())).toEqual([1.5, 9, 10, 100]);
    expect(s.dropped).toBe(1);
    expect(summarize(s)).toEqual({ count: 4, p50: 9, p99: 100, max: 100 });
  });
});
