import type { Author, Conversation, Message, MessageKind } from '@switchboard/shared';
import type { ConversationFacts } from '../conversations.ts';
import type {
  AppendRefusal,
  AppendResult,
  MessageStore,
  MessageTarget,
  NewMessage,
} from '../messages.ts';
import { HOLDER } from './conversations.ts';
import type { Db } from './db.ts';
import type { WriteQueue } from './write-queue.ts';

interface MessageRow {
  conversation_id: string;
  seq: number;
  client_id: string;
  author: Author;
  author_name: string | null;
  kind: MessageKind;
  body: string;
  created_at: number;
}

/** The conversation as append checks it, read inside the write transaction. */
interface ConversationRow {
  visitor_id: string;
  department_id: string;
  status: Conversation['status'];
  assignee_id: string | null;
}

const COLUMNS = 'conversation_id, seq, client_id, author, author_name, kind, body, created_at';

export function createMessageStore(db: Db, writes: WriteQueue): MessageStore {
  const conversation = db.prepare<[string], ConversationRow>(
    `SELECT c.visitor_id, c.department_id, c.status, ${HOLDER} AS assignee_id
     FROM conversations c WHERE c.id = ?`,
  );
  const byClientId = db.prepare<[string, string], MessageRow & { author_id: string | null }>(
    `SELECT ${COLUMNS}, author_id FROM messages WHERE conversation_id = ? AND client_id = ?`,
  );
  const insert = messageInserter(db);
  const after = db.prepare<[string, number, number, number], MessageRow>(
    `SELECT ${COLUMNS} FROM messages
     WHERE conversation_id = ? AND seq > ? AND (kind = 'text' OR ?)
     ORDER BY seq LIMIT ?`,
  );

  /**
   * What a clientId already stored in the conversation means for this sender; null if
   * it is not taken. A retry is the same sender sending the same kind again. Anyone else
   * naming this clientId is refused: clientIds travel in every payload and are no
   * secret, so they must never unlock a note or another agent's message.
   */
  const retried = (m: NewMessage): AppendResult | null => {
    const existing = byClientId.get(m.conversationId, m.clientId);
    if (!existing) return null;
    const sameSender =
      existing.author === m.author && existing.author_id === m.authorId && existing.kind === m.kind;
    if (!sameSender) return { ok: false, code: 'invalid_payload' };
    return { ok: true, message: toMessage(existing), duplicate: true };
  };

  return {
    append(m, now, check) {
      return writes.run((): AppendResult => {
        // The checks below hold until the commit only because this read shares the
        // insert's transaction and SQLite has one writer. A backend with concurrent
        // writers must lock the row here (FOR SHARE, or FOR UPDATE to also serialize
        // the seq), or a resolve or hand-over committing in between would let a
        // message into a conversation that no longer takes it.
        const c = conversation.get(m.conversationId);
        // Another visitor's conversation is reported as missing, so ids leak nothing.
        if (!c || (m.visitorId !== null && c.visitor_id !== m.visitorId)) {
          return { ok: false, code: 'not_found' };
        }
        // The caller's policy speaks first, as it would have before the write.
        const refusal = check?.(facts(m.conversationId, c)) ?? refuse(c, m);
        // A retry of a message already stored still gets it back, even once the
        // conversation is resolved or handed to someone else.
        if (refusal) return retried(m) ?? { ok: false, ...refusal };
        const seq = insert(m, now);
        if (seq === null) {
          // Another append with this clientId committed first (a retry racing its
          // original). With concurrent writers, ON CONFLICT DO NOTHING waits for that
          // commit, and this read must see it (a fresh snapshot: READ COMMITTED).
          const result = retried(m);
          if (!result) throw new Error('clientId conflict without a stored message');
          return result;
        }
        const message = stored(m, seq, now);
        const target: MessageTarget = {
          id: m.conversationId,
          visitorId: c.visitor_id,
          department: c.department_id,
          status: c.status,
        };
        return { ok: true, message, duplicate: false, target };
      });
    },
    async after(conversationId, afterSeq, limit, includeNotes) {
      return after.all(conversationId, afterSeq, includeNotes ? 1 : 0, limit).map(toMessage);
    },
  };
}

/**
 * Inserts a message with its conversation's next seq, inside the caller's write
 * transaction; returns the seq, or null when the clientId is taken in the conversation.
 */
export function messageInserter(db: Db): (m: NewMessage, now: number) => number | null {
  // The next seq comes from the (conversation_id, seq) index, one seek: the conversation
  // row is never rewritten, so a message dirties only the pages of messages. A taken
  // clientId inserts nothing (no row changes).
  //
  // Two statements, not one INSERT … SELECT MAX(seq) … RETURNING: SQLite runs an
  // INSERT that reads its own table through a temporary table, and RETURNING through
  // another; together they cost twice the instructions of this pair (callgrind, 10,000
  // appends over 1,000 conversations: 55k against 28k per append inside sqlite3_step).
  //
  // Seqs stay gap-free and unique because MAX(seq) is read in the same transaction
  // as the insert and SQLite runs one write transaction at a time. A backend with
  // concurrent writers must serialize appends per conversation itself: lock the
  // conversation's row before this read (SELECT … FOR UPDATE), or catch the unique
  // violation on (conversation_id, seq) and retry the whole append. Never a sequence
  // or a counter in memory: several hubs append to one conversation.
  const lastSeq = db
    .prepare<[string], number>(
      'SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conversation_id = ?',
    )
    .pluck();
  const insert = db.prepare<
    [string, number, string, Author, string | null, string | null, MessageKind, string, number]
  >(
    `INSERT INTO messages
       (conversation_id, seq, client_id, author, author_id, author_name, kind, body, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, client_id) DO NOTHING`,
  );
  return (m, now) => {
    const seq = (lastSeq.get(m.conversationId) ?? 0) + 1;
    const { changes } = insert.run(
      m.conversationId,
      seq,
      m.clientId,
      m.author,
      m.authorId,
      m.authorName,
      m.kind,
      m.body,
      now,
    );
    return changes === 1 ? seq : null;
  };
}

/** A message as it was just stored with this seq. */
export function stored(m: Omit<NewMessage, 'visitorId'>, seq: number, now: number): Message {
  return {
    conversationId: m.conversationId,
    seq,
    clientId: m.clientId,
    author: m.author,
    authorName: m.authorName,
    kind: m.kind,
    body: m.body,
    createdAt: now,
  };
}

/**
 * Why the sender's own conversation takes no new message from them, if it doesn't:
 * the store's own guard, whatever the caller's check (the dispatcher passes the
 * policy, policy/) allowed.
 */
function refuse(c: ConversationRow, m: NewMessage): AppendRefusal | null {
  if (c.status === 'resolved') {
    return { code: 'conversation_closed', message: 'conversation is resolved' };
  }
  // Only the agent holding a chat writes to the visitor; notes are open to any staff.
  if (m.author === 'agent' && m.kind === 'text' && c.assignee_id !== m.authorId) {
    return { code: 'forbidden', message: 'conversation is held by another agent' };
  }
  return null;
}

function facts(id: string, c: ConversationRow): ConversationFacts {
  return {
    id,
    visitorId: c.visitor_id,
    department: c.department_id,
    status: c.status,
    assigneeId: c.assignee_id,
  };
}

function toMessage(r: MessageRow): Message {
  return {
    conversationId: r.conversation_id,
    seq: r.seq,
    clientId: r.client_id,
    author: r.author,
    authorName: r.author_name,
    kind: r.kind,
    body: r.body,
    createdAt: r.created_at,
  };
}
