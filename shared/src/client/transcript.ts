/**
 * Pure helpers both front ends use to keep a transcript: messages ordered by seq with
 * no duplicates, whatever order live events, sync pages and acks arrive in.
 */
import type { ErrorCode } from '../protocol/errors.ts';
import type { Message } from '../protocol/model.ts';

/** Merges incoming messages into a seq-ordered list; a seq already held is kept once. */
export function mergeBySeq(held: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return held as Message[];
  const bySeq = new Map<number, Message>();
  for (const m of held) bySeq.set(m.seq, m);
  let changed = false;
  for (const m of incoming) {
    if (!bySeq.has(m.seq)) {
      bySeq.set(m.seq, m);
      changed = true;
    }
  }
  if (!changed) return held as Message[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq held, or 0: what to pass as `afterSeq` when syncing. */
export function lastSeq(held: readonly Message[]): number {
  return held.length === 0 ? 0 : (held[held.length - 1]?.seq ?? 0);
}

/** A message the sender made but the hub has not acknowledged yet. */
export interface PendingMessage {
  conversationId: string;
  clientId: string;
  body: string;
  kind: 'text' | 'note';
  /**
   * The code the hub refused it with (a lost connection or a timeout leaves it
   * pending instead); each front end shows it in its own words.
   */
  failed: ErrorCode | null;
  createdAt: number;
}

/** Drops pending entries whose clientId the hub has acknowledged (in `held`). */
export function settlePending(
  pending: readonly PendingMessage[],
  held: readonly Message[],
): PendingMessage[] {
  if (pending.length === 0) return pending as PendingMessage[];
  const acked = new Set(held.map((m) => m.clientId));
  const rest = pending.filter((p) => !acked.has(p.clientId));
  return rest.length === pending.length ? (pending as PendingMessage[]) : rest;
}
