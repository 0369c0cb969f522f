import type { ConversationEvent, ConversationEventType, EventActor } from '@switchboard/shared';
import type { EventDraft, EventPage, EventStore } from '../events.ts';
import type { Db } from './db.ts';

interface EventRow {
  id: number;
  conversation_id: string;
  seq: number;
  type: ConversationEventType;
  at: number;
  actor_kind: EventActor['kind'];
  actor_id: string | null;
  actor_name: string | null;
  data: string;
}

const COLUMNS = 'id, conversation_id, seq, type, at, actor_kind, actor_id, actor_name, data';

/**
 * The event log: `append` for the state changes that write events (inside their own
 * write, never alone), `store` for reads.
 */
export interface EventLog {
  /**
   * Appends the drafts to the conversation's log with the next seqs, at `now`. Call it
   * only inside a write (WriteQueue.run), after the change it records, so both commit
   * or roll back together.
   */
  append(conversationId: string, drafts: readonly EventDraft[], now: number): ConversationEvent[];
  store: EventStore;
}

export function createEventLog(db: Db): EventLog {
  // The next seq comes from MAX(seq) in the same transaction, like a message's. It is
  // gap-free because SQLite runs one write transaction at a time. A backend with
  // concurrent writers gets the same by having every change that appends events first
  // update (and so lock) the conversation's row, which each one does already; a change
  // that would not must lock it (SELECT … FOR UPDATE) before appending.
  const insert = db.prepare<
    [
      {
        conversationId: string;
        type: string;
        at: number;
        actorKind: string;
        actorId: string | null;
        actorName: string | null;
        data: string;
      },
    ],
    { seq: number }
  >(
    `INSERT INTO conversation_events
       (conversation_id, seq, type, at, actor_kind, actor_id, actor_name, data)
     SELECT @conversationId, COALESCE(MAX(seq), 0) + 1, @type, @at, @actorKind, @actorId,
            @actorName, @data
     FROM conversation_events WHERE conversation_id = @conversationId
     RETURNING seq`,
  );
  const list = db.prepare<[string], EventRow>(
    `SELECT ${COLUMNS} FROM conversation_events WHERE conversation_id = ? ORDER BY seq`,
  );
  // Rowids grow in commit order: one writer, and rows are never deleted.
  const since = db.prepare<[number, number], EventRow>(
    `SELECT ${COLUMNS} FROM conversation_events WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const between = db.prepare<
    [{ types: string; from: number; to: number; cursor: number; limit: number }],
    EventRow
  >(
    `SELECT ${COLUMNS} FROM conversation_events
     WHERE type IN (SELECT value FROM json_each(@types)) AND at >= @from AND at < @to
       AND id > @cursor
     ORDER BY id LIMIT @limit`,
  );

  const page = (rows: EventRow[], cursor: number): EventPage => ({
    events: rows.map(toEvent),
    cursor: rows.at(-1)?.id ?? cursor,
  });

  return {
    append(conversationId, drafts, now) {
      return drafts.map((draft) => {
        const row = insert.get({
          conversationId,
          type: draft.type,
          at: now,
          actorKind: draft.actor.kind,
          actorId: draft.actor.id,
          actorName: draft.actor.name,
          data: JSON.stringify(draft.data),
        });
        if (!row) throw new Error('event insert returned no row');
        return { ...draft, conversationId, seq: row.seq, at: now };
      });
    },
    store: {
      async list(conversationId) {
        return list.all(conversationId).map(toEvent);
      },
      async since(cursor, limit) {
        return page(since.all(cursor, limit), cursor);
      },
      async between(range, cursor, limit) {
        const rows = between.all({
          types: JSON.stringify(range.types),
          from: range.from,
          to: range.to,
          cursor,
          limit,
        });
        return page(rows, cursor);
      },
    },
  };
}

function toEvent(row: EventRow): ConversationEvent {
  // `data` was written from a draft of this very type (append above, or migration
  // 003's backfill), so it has that type's fields; TypeScript cannot see the pairing.
  return {
    conversationId: row.conversation_id,
    seq: row.seq,
    type: row.type,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    data: JSON.parse(row.data),
  } as ConversationEvent;
}
