import { describe, expect, it } from 'vitest';
import { applyQueueStats } from './queues.ts';

describe('queue board', () => {
  it('keeps when the longest wait began, so it reads live from the local clock', () => {
    const board = applyQueueStats(
      new Map(),
      [
        { department: 'pre_sales', length: 3, longestWaitMs: 90_000 },
        { department: 'technical', length: 0, longestWaitMs: null },
      ],
      1_000_000,
    );
    expect([...board]).toEqual([
      ['pre_sales', { length: 3, waitingSince: 910_000 }],
      ['technical', { length: 0, waitingSince: null }],
    ]);
    // An update replaces its department only.
    const next = applyQueueStats(
      board,
      [{ department: 'technical', length: 1, longestWaitMs: 0 }],
      1_005_000,
    );
    expect(next.get('pre_sales')).toEqual({ length: 3, waitingSince: 910_000 });
    expect(next.get('technical')).toEqual({ length: 1, waitingSince: 1_005_000 });
    expect(board.get('technical')?.length).toBe(0);
  });
});
