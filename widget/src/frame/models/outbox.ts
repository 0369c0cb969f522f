/**
 * Messages the visitor wrote that the hub has not acknowledged. Pure reducers: the
 * session model decides when to emit, these only say what the outbox holds.
 */
import type { ErrorCode, Message, PendingMessage } from '@switchboard/shared';
import { settlePending } from '@switchboard/shared';

export type Outbox = readonly PendingMessage[];

export function enqueue(
  outbox: Outbox,
  entry: { conversationId: string; clientId: string; body: string; createdAt: number },
): PendingMessage[] {
  return [...outbox, { ...entry, kind: 'text', failed: null }];
}

/** The hub stored it: drop it (the message itself joins the transcript). */
export function acknowledge(outbox: Outbox, held: readonly Message[]): PendingMessage[] {
  return settlePending(outbox, held);
}

/** The hub refused it with `code`; the transcript says why beside Retry. */
export function fail(outbox: Outbox, clientId: string, code: ErrorCode): PendingMessage[] {
  return outbox.map((p) => (p.clientId === clientId ? { ...p, failed: code } : p));
}

/** Retry keeps the clientId, so a refusal that was in fact stored is not duplicated. */
export function unfail(outbox: Outbox, clientId: string): PendingMessage[] {
  return outbox.map((p) => (p.clientId === clientId ? { ...p, failed: null } : p));
}

/** What to (re)send after a reconnect: everything not refused, oldest first. */
export function resendable(outbox: Outbox, conversationId?: string): PendingMessage[] {
  return outbox.filter(
    (p) =>
      p.failed === null && (conversationId === undefined || p.conversationId === conversationId),
  );
}
