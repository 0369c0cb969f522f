/**
 * Sync-after-seq, as both front ends catch a transcript up: pages of messages with
 * seq > afterSeq until the hub says there are no more, starting where what is held is
 * known to be complete.
 */
import type { Ack, AckError } from '../protocol/errors.ts';
import type { Message } from '../protocol/model.ts';
import { lastSeq } from './transcript.ts';

export interface SyncPage {
  messages: readonly Message[];
  more: boolean;
}

export type SyncEnd = 'complete' | 'stopped' | { refused: AckError };

/**
 * Fetches page after page from `afterSeq`. `onPage` takes each page in and returns
 * false to stop early (the front end moved on). Rejects when a page's ack does not
 * come back: the caller treats the sync as not done and tries again on the next
 * connect.
 */
export async function syncPages<P extends SyncPage>(
  afterSeq: number,
  fetchPage: (afterSeq: number) => Promise<Ack<P>>,
  onPage: (page: P) => boolean,
): Promise<SyncEnd> {
  let from = afterSeq;
  for (;;) {
    const ack = await fetchPage(from);
    if (!ack.ok) return { refused: ack.error };
    if (!onPage(ack)) return 'stopped';
    // A page may be cut by size long before it holds LIMITS.syncPage messages.
    if (!ack.more) return 'complete';
    from = Math.max(from, lastSeq(ack.messages));
  }
}

/**
 * Where each transcript's next sync starts. While connected, messages arrive in seq
 * order, so on a disconnect everything up to the newest held is complete: that point
 * is pinned. A live message arriving after the reconnect but before the sync must not
 * move the start past the gap, so the pin holds until a sync reaches the end.
 */
export interface ResumePoints {
  /** The connection dropped: pin this transcript (an earlier pin is kept). */
  pin(conversationId: string, held: readonly Message[]): void;
  /** Where the next sync of this transcript starts. */
  start(conversationId: string, held: readonly Message[]): number;
  /** A sync reached the end, or the transcript is no longer kept. */
  clear(conversationId: string): void;
}

export function createResumePoints(): ResumePoints {
  const pinned = new Map<string, number>();
  return {
    pin(conversationId, held) {
      if (!pinned.has(conversationId)) pinned.set(conversationId, lastSeq(held));
    },
    start(conversationId, held) {
      return pinned.get(conversationId) ?? lastSeq(held);
    },
    clear(conversationId) {
      pinned.delete(conversationId);
    },
  };
}
