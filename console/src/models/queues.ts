/**
 * Each watched department's queue as the console shows it: how many wait, and since
 * when the longest has, so the wait reads live from the console's own clock between
 * the hub's updates (which come only when the queue changes).
 */
import type { QueueStats } from '@switchboard/shared';

export interface QueueView {
  length: number;
  /** When the longest wait began, on this console's clock; null for an empty queue. */
  waitingSince: number | null;
}

export type QueueBoard = ReadonlyMap<string, QueueView>;

/** The board with these stats applied, as received at `receivedAt`. */
export function applyQueueStats(
  board: QueueBoard,
  stats: readonly QueueStats[],
  receivedAt: number,
): QueueBoard {
  const next = new Map(board);
  for (const s of stats) {
    next.set(s.department, {
      length: s.length,
      waitingSince: s.longestWaitMs === null ? null : receivedAt - s.longestWaitMs,
    });
  }
  return next;
}
