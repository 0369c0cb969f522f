import type { AuditAction, AuditActor, AuditChange, AuditEntry } from '@switchboard/shared';

/**
 * Who is making an admin change, and when. The store methods that make admin changes
 * take it and write the audit entry in the same transaction as the change: a change
 * that commits has its entry, one refused or rolled back has none.
 */
export interface AuditStamp {
  actor: AuditActor;
  at: number;
}

/** Which entries to read; each filter given narrows the list. */
export interface AuditFilter {
  actorId?: string;
  action?: AuditAction;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
  /** A page's `next`: entries older than it. */
  cursor?: string;
  limit: number;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** The cursor of the next (older) page; null when this is the last. */
  next: string | null;
}

/** What an entry records; the store adds the id. */
export interface AuditDraft {
  action: AuditAction;
  target: AuditEntry['target'];
  changes: Record<string, AuditChange>;
}

/** Reads the audit log; writes happen inside the admin changes themselves. */
export interface AuditStore {
  /**
   * Entries matching the filter, newest first, at most `limit`. Following `next` pages
   * through every matching entry exactly once, also while new ones are written (they
   * are newer than the first page). A cursor that is not one of `next`'s is invalid
   * input: it rejects with StoreInvalidCursor.
   */
  list(filter: AuditFilter): Promise<AuditPage>;
}

/**
 * The fields that differ between before and after, as { from, to } (equality of their
 * JSON). Callers pass only what may be recorded: never a password or its hash.
 */
export function diff<T extends object>(before: T, after: T): Record<string, AuditChange> {
  const changes: Record<string, AuditChange> = {};
  const from = new Map(Object.entries(before));
  for (const [key, to] of Object.entries(after)) {
    const was = from.get(key);
    if (JSON.stringify(was) !== JSON.stringify(to)) changes[key] = { from: was ?? null, to };
  }
  return changes;
}

/** Every field of a created thing, from null. */
export function created<T extends object>(value: T): Record<string, AuditChange> {
  return Object.fromEntries(Object.entries(value).map(([k, to]) => [k, { from: null, to }]));
}
