/**
 * Typing, both ways. Which visitors are typing right now: a "typing" that is never
 * followed by "stopped" (the visitor closed the tab) expires on its own after
 * TYPING_TTL_MS. And this agent's own typing, announced to the visitor (throttled, see
 * typing-announcer.ts).
 */
import { type Signal, signal } from '@preact/signals';
import type { AgentConnection } from '../socket.ts';
import { createTypingAnnouncer } from '../typing-announcer.ts';

export const TYPING_TTL_MS = 6000;

export interface TypingModel {
  typing: Signal<ReadonlySet<string>>;
  set(conversationId: string, typing: boolean): void;
  /** A key went down in this conversation's composer. */
  typed(conversationId: string): void;
  /** Sent, emptied or switched away: the visitor stops seeing "typing…" at once. */
  stop(): void;
  dispose(): void;
}

export function createTypingModel(conn: AgentConnection): TypingModel {
  const typing = signal<ReadonlySet<string>>(new Set());
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const set = (conversationId: string, on: boolean) => {
    const timer = timers.get(conversationId);
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(conversationId);
    if (on)
      timers.set(
        conversationId,
        setTimeout(() => set(conversationId, false), TYPING_TTL_MS),
      );
    if (typing.value.has(conversationId) === on) return;
    const next = new Set(typing.value);
    if (on) next.add(conversationId);
    else next.delete(conversationId);
    typing.value = next;
  };
  const announcer = createTypingAnnouncer((conversationId, on) => {
    if (conn.connected) conn.emit('typing:set', { conversationId, typing: on });
  });
  const off = conn.on('typing:changed', (t) => set(t.conversationId, t.typing));
  return {
    typing,
    set,
    typed: (conversationId) => announcer.typed(conversationId),
    stop: () => announcer.stop(),
    dispose() {
      off();
      announcer.stop();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
