import { describe, expect, it } from 'vitest';
import { formatDuration } from './time-format.ts';

describe('formatDuration', () => {
  it('uses the largest whole unit', () => {
    expect(formatDuration('en', 45_000)).toMatch(/45\s?sec/);
    expect(formatDuration('en', 3 * 60_000 + 59_000)).toMatch(/^3\s?min/);
    expect(formatDuration('en', 2 * 3_600_000)).toMatch(/^2\s?hr/);
    expect(formatDuration('zh-CN', 3 * 60_000)).toContain('3');
    expect(formatDuration('zh-CN', 3 * 60_000)).toMatch(/分/);
  });

  it('never shows a negative wait from clock skew', () => {
    expect(formatDuration('en', -5000)).toMatch(/^0\s?sec/);
  });
});
