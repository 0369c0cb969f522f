import type {
  ConversationEvent,
  ConversationEventOf,
  ConversationEventType,
} from '@switchboard/shared';

/**
 * An event as the change that records it asks for it: the store adds the
 * conversation, the seq and the time of the change.
 */
export type EventDraft = {
  [T in ConversationEventType]: Pick<ConversationEventOf<T>, 'type' | 'actor' | 'data'>;
}[ConversationEventType];

/** A page of the log; pass `cursor` to the next call to carry on after it. */
export interface EventPage {
  events: ConversationEvent[];
  /** Unchanged from the call's own cursor when the page is empty. */
  cursor: number;
}

export interface EventRange {
  types: readonly ConversationEventType[];
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

/**
 * The conversation event log, read side. Events are written only with the routing
 * outcome that records them (RoutingStore.apply), in the same transaction: an outcome
 * that commits has its events, one that fails has none. Nothing rewrites or deletes
 * an event.
 */
export interface EventStore {
  /** The conversation's events in seq order (1, 2, 3 …); [] for an unknown one. */
  list(conversationId: string): Promise<ConversationEvent[]>;
  /**
   * Every conversation's events after `cursor` (0: from the start), in the order they
   * committed, at most `limit`. Never skips one: an event that commits after a call
   * returns comes after that call's cursor. SQLite gets this from its one writer; a
   * backend with concurrent writers must not hand out a position before the order of
   * commits is known (e.g. take it from a counter row locked until commit, or read
   * only below the oldest transaction still in progress).
   */
  since(cursor: number, limit: number): Promise<EventPage>;
  /** As `since`, only events of these types with from <= at < to (for metrics). */
  between(range: EventRange, cursor: number, limit: number): Promise<EventPage>;
}
