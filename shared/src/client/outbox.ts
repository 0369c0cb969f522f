/**
 * The outbox both front ends keep: messages written here that the hub has not
 * acknowledged, and the one resend rule (DESIGN.md): an entry keeps its clientId until
 * an ack or a sync shows that clientId on disk; a refusal marks it failed until Retry;
 * a timeout or a lost connection leaves it pending, re-sent on the next connect (or
 * after RESEND_MS if the socket is still up: a slow hub), and the hub stores it once
 * however many times it arrives.
 *
 * The reducers are pure; `createOutboxSender` drives them through a store the front end
 * backs with its own signal, and a `transmit` that speaks its own socket.
 */
import type { ErrorCode } from '../protocol/errors.ts';
import type { Message } from '../protocol/model.ts';
import { type PendingMessage, settlePending } from './transcript.ts';

export type Outbox = readonly PendingMessage[];

/** Adds an entry; one already there under its clientId is kept as it is. */
export function addPending(outbox: Outbox, entry: PendingMessage): Outbox {
  if (outbox.some((p) => p.clientId === entry.clientId)) return outbox;
  return [...outbox, entry];
}

export function markFailed(outbox: Outbox, clientId: string, code: ErrorCode): PendingMessage[] {
  return outbox.map((p) => (p.clientId === clientId ? { ...p, failed: code } : p));
}

/** Retry keeps the clientId, so if the first try did land the hub returns that row. */
export function markRetrying(outbox: Outbox, clientId: string): PendingMessage[] {
  return outbox.map((p) => (p.clientId === clientId ? { ...p, failed: null } : p));
}

export function withdraw(outbox: Outbox, clientId: string): PendingMessage[] {
  return outbox.filter((p) => p.clientId !== clientId);
}

/** What a reconnect re-sends: everything not refused, oldest first. */
export function toResend(outbox: Outbox): PendingMessage[] {
  return outbox.filter((p) => p.failed === null).sort((a, b) => a.createdAt - b.createdAt);
}

export function pendingIn(outbox: Outbox, conversationId: string): PendingMessage[] {
  return outbox.filter((p) => p.conversationId === conversationId);
}

/**
 * How one send ended: the messages stored (the front end has taken them into its
 * transcript; the outbox settles on them), the code it was refused with, or
 * 'withdrawn' (the front end took the text over, e.g. into a leave-a-message form).
 * `null`: not sent now (nothing to send it to yet); it stays pending.
 */
export type Delivery = readonly Message[] | ErrorCode | 'withdrawn' | null;

/** Where the entries live: a signal of either front end fits. */
export interface OutboxStore {
  value: Outbox;
}

export interface OutboxSenderDeps {
  store: OutboxStore;
  /** The socket (or the connection adapter): only whether it is up is read. */
  link: { readonly connected: boolean };
  /** Sends one entry. Rejects when no ack comes back (a timeout or a disconnect). */
  transmit(entry: PendingMessage): Promise<Delivery>;
  /** Runs `run` after `ms` (setTimeout's order, so setTimeout itself fits). */
  later(run: () => void, ms: number): unknown;
}

export interface OutboxSender {
  /** Queues a new message and sends it if connected. */
  send(entry: PendingMessage): void;
  /** Clears a refusal and sends again, same clientId. */
  retry(clientId: string): void;
  /** After a (re)connect: sends everything not refused, oldest first. */
  resendAll(): void;
  /** Drops entries whose clientId is among messages now held. */
  settle(held: readonly Message[]): void;
}

export const RESEND_MS = 2_000;

export function createOutboxSender({
  store,
  link,
  transmit,
  later,
}: OutboxSenderDeps): OutboxSender {
  function settle(held: readonly Message[]): void {
    store.value = settlePending(store.value, held);
  }

  async function deliver(entry: PendingMessage): Promise<void> {
    // Offline: leave it pending; the next connect re-sends it with the same clientId.
    if (!link.connected) return;
    let result: Delivery;
    try {
      result = await transmit(entry);
    } catch {
      // Disconnected: the reconnect re-sends it. Still connected (a slow hub): send it
      // again soon with the same clientId; the hub keeps it once either way.
      if (link.connected) later(() => resend(entry.clientId), RESEND_MS);
      return;
    }
    if (result === null) return;
    if (typeof result !== 'string') settle(result);
    else if (result === 'withdrawn') store.value = withdraw(store.value, entry.clientId);
    else store.value = markFailed(store.value, entry.clientId, result);
  }

  /** Sends it again if it is still pending and not refused. */
  function resend(clientId: string): void {
    const entry = store.value.find((p) => p.clientId === clientId && p.failed === null);
    if (entry) void deliver(entry);
  }

  return {
    send(entry) {
      store.value = addPending(store.value, entry);
      void deliver(entry);
    },
    retry(clientId) {
      store.value = markRetrying(store.value, clientId);
      resend(clientId);
    },
    resendAll() {
      for (const entry of toResend(store.value)) void deliver(entry);
    },
    settle,
  };
}
