/**
 * What this agent has read: per conversation, the highest seq they have seen while the
 * conversation was open. Kept in localStorage per agent so a reload does not bring
 * every old message back as unread.
 */
import { type Signal, signal } from '@preact/signals';
import type { Conversation, Message } from '@switchboard/shared';
import type { KeyValueStorage } from './locale.ts';

export type SeenMap = ReadonlyMap<string, number>;

/**
 * Visitor messages above `seenSeq`. When the transcript holds none of them but the
 * conversation's preview is a newer visitor message (we were not connected when it
 * came), that still counts as one: we know it is there, not how many.
 */
export function unreadCount(
  conversation: Conversation,
  held: readonly Message[],
  seenSeq: number,
): number {
  let count = 0;
  for (const m of held) if (m.author === 'visitor' && m.seq > seenSeq) count++;
  const last = conversation.lastMessage;
  if (count === 0 && last && last.author === 'visitor' && last.seq > seenSeq) count = 1;
  return count;
}

/** Raises the seen mark, never lowers it (an older sync page must not undo a read). */
export function markSeen(seen: SeenMap, conversationId: string, seq: number): SeenMap {
  if ((seen.get(conversationId) ?? 0) >= seq) return seen;
  const next = new Map(seen);
  next.set(conversationId, seq);
  return next;
}

export interface UnreadModel {
  seen: Signal<SeenMap>;
  markSeen(conversationId: string, seq: number): void;
}

/** How many conversations' marks to keep; the oldest ids fall off first. */
const MAX_REMEMBERED = 500;

export function createUnreadModel(storage: KeyValueStorage | null, agentId: string): UnreadModel {
  const key = `switchboard.console.seen.${agentId}`;
  const seen = signal<SeenMap>(load(storage, key));
  return {
    seen,
    markSeen(conversationId, seq) {
      const next = markSeen(seen.value, conversationId, seq);
      if (next === seen.value) return;
      seen.value = next;
      try {
        storage?.setItem(key, JSON.stringify([...next].slice(-MAX_REMEMBERED)));
      } catch {
        // Losing read marks on reload is harmless; failing the UI over it is not.
      }
    },
  };
}

function load(storage: KeyValueStorage | null, key: string): SeenMap {
  try {
    const raw = storage?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return new Map();
    const entries = parsed.filter(
      (e): e is [string, number] =>
        Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number',
    );
    return new Map(entries);
  } catch {
    return new Map();
  }
}
