/**
 * Messages per conversation, ordered by seq. A conversation is `loaded` once its full
 * history has been synced; before that it may still hold live messages that arrived
 * for it (enough to count unread), so loading starts from seq 0, not from those.
 */
import { type Signal, signal } from '@preact/signals';
import { type Message, mergeBySeq } from '@switchboard/shared';

export type TranscriptMap = ReadonlyMap<string, readonly Message[]>;

export interface TranscriptsModel {
  messages: Signal<TranscriptMap>;
  loaded: Signal<ReadonlySet<string>>;
  merge(conversationId: string, incoming: readonly Message[]): void;
  markLoaded(conversationId: string): void;
  of(conversationId: string): readonly Message[];
}

const EMPTY: readonly Message[] = [];

export function createTranscriptsModel(): TranscriptsModel {
  const messages = signal<TranscriptMap>(new Map());
  const loaded = signal<ReadonlySet<string>>(new Set());
  return {
    messages,
    loaded,
    merge(conversationId, incoming) {
      const held = messages.value.get(conversationId) ?? EMPTY;
      const merged = mergeBySeq(held, incoming);
      if (merged === held) return;
      const next = new Map(messages.value);
      next.set(conversationId, merged);
      messages.value = next;
    },
    markLoaded(conversationId) {
      if (loaded.value.has(conversationId)) return;
      loaded.value = new Set([...loaded.value, conversationId]);
    },
    of(conversationId) {
      return messages.value.get(conversationId) ?? EMPTY;
    },
  };
}
