/**
 * Which visitors are typing right now. A "typing" that is never followed by "stopped"
 * (the visitor closed the tab) expires on its own after TYPING_TTL_MS.
 */
import { type Signal, signal } from '@preact/signals';

export const TYPING_TTL_MS = 6000;

export interface TypingModel {
  typing: Signal<ReadonlySet<string>>;
  set(conversationId: string, typing: boolean): void;
  dispose(): void;
}

export function createTypingModel(): TypingModel {
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
  return {
    typing,
    set,
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
