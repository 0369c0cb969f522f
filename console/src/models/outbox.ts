/**
 * Messages this agent wrote that the hub has not acknowledged. An entry stays until an
 * ack or a sync shows its clientId on disk; a refusal marks it failed (Retry clears
 * that); a timeout or a lost connection leaves it pending for the reconnect to re-send.
 */
import { type Signal, signal } from '@preact/signals';
import {
  type ErrorCode,
  type Message,
  type PendingMessage,
  settlePending,
} from '@switchboard/shared';

export function addPending(
  outbox: readonly PendingMessage[],
  entry: PendingMessage,
): PendingMessage[] {
  if (outbox.some((p) => p.clientId === entry.clientId)) return outbox as PendingMessage[];
  return [...outbox, entry];
}

export function markFailed(
  outbox: readonly PendingMessage[],
  clientId: string,
  code: ErrorCode,
): PendingMessage[] {
  return outbox.map((p) => (p.clientId === clientId ? { ...p, failed: code } : p));
}

/** Retry keeps the clientId, so if the first try did land the hub returns that row. */
export function markRetrying(
  outbox: readonly PendingMessage[],
  clientId: string,
): PendingMessage[] {
  return outbox.map((p) => (p.clientId === clientId ? { ...p, failed: null } : p));
}

/** What a reconnect re-sends: everything not refused, oldest first. */
export function toResend(outbox: readonly PendingMessage[]): PendingMessage[] {
  return outbox.filter((p) => p.failed === null).sort((a, b) => a.createdAt - b.createdAt);
}

export function pendingIn(
  outbox: readonly PendingMessage[],
  conversationId: string,
): PendingMessage[] {
  return outbox.filter((p) => p.conversationId === conversationId);
}

export interface OutboxModel {
  entries: Signal<readonly PendingMessage[]>;
  add(entry: PendingMessage): void;
  /** The hub refused it with `code`; the transcript translates it. */
  fail(clientId: string, code: ErrorCode): void;
  retrying(clientId: string): void;
  /** Drops entries whose clientId appears among messages now held. */
  settle(held: readonly Message[]): void;
}

export function createOutboxModel(): OutboxModel {
  const entries = signal<readonly PendingMessage[]>([]);
  return {
    entries,
    add(entry) {
      entries.value = addPending(entries.value, entry);
    },
    fail(clientId, code) {
      entries.value = markFailed(entries.value, clientId, code);
    },
    retrying(clientId) {
      entries.value = markRetrying(entries.value, clientId);
    },
    settle(held) {
      entries.value = settlePending(entries.value, held);
    },
  };
}
