/**
 * Tells the visitor "the agent is typing": at most one `typing:set` per interval while
 * keys go down, and a `typing: false` after a pause, on send, or on switching chats.
 */
import { shouldEmitTyping } from './models/composer.ts';

/** Stop "typing…" on the visitor's side this long after the last keystroke. */
const TYPING_IDLE_MS = 4000;

export interface TypingAnnouncer {
  typed(conversationId: string): void;
  stop(): void;
}

export function createTypingAnnouncer(
  emit: (conversationId: string, typing: boolean) => void,
  clock: () => number = Date.now,
): TypingAnnouncer {
  let lastEmitAt: number | null = null;
  let current: string | null = null;
  let idle: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    if (idle) clearTimeout(idle);
    idle = null;
    if (current) emit(current, false);
    current = null;
    lastEmitAt = null;
  };
  return {
    typed(conversationId) {
      if (current !== conversationId) stop();
      const now = clock();
      if (shouldEmitTyping(lastEmitAt, now)) {
        emit(conversationId, true);
        lastEmitAt = now;
      }
      current = conversationId;
      if (idle) clearTimeout(idle);
      idle = setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}
