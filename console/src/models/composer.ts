/**
 * The composer's state per conversation (draft text, note mode) and its two keyboard
 * and typing decisions, kept pure so they are tested without a DOM.
 */
import { type Signal, signal } from '@preact/signals';

export interface ComposerDraft {
  text: string;
  note: boolean;
}

export const EMPTY_DRAFT: ComposerDraft = { text: '', note: false };

export interface EnterKeyEvent {
  key: string;
  shiftKey: boolean;
  isComposing: boolean;
  keyCode: number;
}

/**
 * Enter sends, Shift+Enter is a newline. While an input method is composing, Enter
 * confirms a candidate: `isComposing` says so in most browsers, keyCode 229 in Safari
 * and older Chrome, where the keydown that ends composition reports neither flag
 * reliably. Either one means the key belongs to the IME, never to us.
 */
export function enterAction(e: EnterKeyEvent): 'send' | 'default' {
  if (e.isComposing || e.keyCode === 229) return 'default';
  if (e.key !== 'Enter' || e.shiftKey) return 'default';
  return 'send';
}

/** Visitors see "typing…" from one event; re-announcing more often only costs frames. */
export const TYPING_INTERVAL_MS = 2000;

/** Whether a keystroke at `now` should emit `typing:set` given the last emit time. */
export function shouldEmitTyping(lastEmitAt: number | null, now: number): boolean {
  return lastEmitAt === null || now - lastEmitAt >= TYPING_INTERVAL_MS;
}

export interface ComposerModel {
  drafts: Signal<ReadonlyMap<string, ComposerDraft>>;
  draftOf(conversationId: string): ComposerDraft;
  setDraft(conversationId: string, draft: ComposerDraft): void;
}

export function createComposerModel(): ComposerModel {
  const drafts = signal<ReadonlyMap<string, ComposerDraft>>(new Map());
  return {
    drafts,
    draftOf(conversationId) {
      return drafts.value.get(conversationId) ?? EMPTY_DRAFT;
    },
    setDraft(conversationId, draft) {
      const next = new Map(drafts.value);
      if (draft.text === '' && !draft.note) next.delete(conversationId);
      else next.set(conversationId, draft);
      drafts.value = next;
    },
  };
}
