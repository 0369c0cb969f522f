/** The rows the transcript shows: stored messages by seq, then the visitor's pending ones. */
import type { Conversation, Message, PendingMessage } from '@switchboard/shared';

export type TranscriptItem =
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'pending'; key: string; pending: PendingMessage };

export function transcriptItems(
  messages: readonly Message[],
  outbox: readonly PendingMessage[],
  conversationId: string | null,
): TranscriptItem[] {
  const items: TranscriptItem[] = [];
  const stored = new Set<string>();
  for (const message of messages) {
    // The hub never sends notes to visitors; this guards against a hub bug leaking one.
    if (message.kind === 'note' || message.conversationId !== conversationId) continue;
    stored.add(message.clientId);
    items.push({ kind: 'message', key: `m${message.seq}`, message });
  }
  for (const pending of outbox) {
    if (pending.conversationId !== conversationId || stored.has(pending.clientId)) continue;
    items.push({ kind: 'pending', key: `p${pending.clientId}`, pending });
  }
  return items;
}

export type StatusLine =
  | { key: 'joined'; name: string }
  | { key: 'messageLeft' }
  | { key: 'ended' }
  | null;

/** The line under the transcript that says where the conversation stands. */
export function statusLine(conversation: Conversation | null): StatusLine {
  if (!conversation) return null;
  if (conversation.status === 'resolved') return { key: 'ended' };
  if (conversation.status === 'assigned' && conversation.assigneeName) {
    return { key: 'joined', name: conversation.assigneeName };
  }
  if (conversation.status === 'pending') return { key: 'messageLeft' };
  // A queued conversation's state is told by the queue panel, with its position.
  return null;
}

/**
 * How long an answered conversation stays on show after it was resolved: the hub's
 * reopen window (docs/routing.md), in which writing again reopens it.
 */
export const ANSWER_SHOWN_MS = 72 * 3_600_000;

/**
 * The visitor's conversation to show: the newest, unless it has ended. On the first
 * load an ended one stays on show when the team had the last word recently — a left
 * message is often answered and resolved at once, and the visitor comes back to read
 * the answer. Later (after "Start a new conversation") only open ones are shown.
 */
export function pickConversation(
  conversations: readonly Conversation[],
  firstLoad = false,
  now = 0,
): {
  active: Conversation | null;
  lastResolved: Conversation | null;
} {
  const newest = [...conversations].sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
  if (!newest) return { active: null, lastResolved: null };
  if (newest.status !== 'resolved') return { active: newest, lastResolved: null };
  const answered =
    firstLoad &&
    newest.lastMessage?.author === 'agent' &&
    now - (newest.resolvedAt ?? newest.updatedAt) < ANSWER_SHOWN_MS;
  return answered ? { active: newest, lastResolved: null } : { active: null, lastResolved: newest };
}
