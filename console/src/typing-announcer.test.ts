import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingAnnouncer } from './typing-announcer.ts';

describe('typing announcer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('announces at most once per 2 s while typing, then stops after a pause', () => {
    const emits: [string, boolean][] = [];
    const a = createTypingAnnouncer(
      (id, on) => emits.push([id, on]),
      () => Date.now(),
    );
    for (let i = 0; i < 10; i++) {
      a.typed('c1');
      vi.advanceTimersByTime(300); // 3 s of steady typing
    }
    expect(emits.filter(([, on]) => on)).toHaveLength(2);
    vi.advanceTimersByTime(5000);
    expect(emits.at(-1)).toEqual(['c1', false]);
  });

  it('stops the old conversation when typing moves to another', () => {
    const emits: [string, boolean][] = [];
    const a = createTypingAnnouncer(
      (id, on) => emits.push([id, on]),
      () => Date.now(),
    );
    a.typed('c1');
    a.typed('c2');
    expect(emits).toEqual([
      ['c1', true],
      ['c1', false],
      ['c2', true],
    ]);
  });
});
