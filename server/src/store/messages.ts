import type { Author, Conversation, Message, MessageKind } from '@switchboard/shared';
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

export interface NewMessage {
  conversationId: string;
  /** For visitor messages: the conversation must be this visitor's. */
  visitorId: string | null;
  clientId: string;
  author: Author;
  authorId: string | null;
  authorName: string | null;
  kind: MessageKind;
  body: string;
}

/** What a broadcast of the new message needs to know about its conversation. */
export type MessageTarget = Pick<Conversation, 'id' | 'visitorId' | 'department' | 'status'>;

export type AppendResult =
  | { ok: true; message: Message; duplicate: true }
  | { ok: true; message: Message; duplicate: false; target: MessageTarget }
  | { ok: false; code: 'not_found' | 'conversation_closed' | 'forbidden' | 'invalid_payload' };

/** The conversation as append checks it, read inside the write transaction. */
interface ConversationRow {
  visitor_id: string;
  department_id: string;
  status: Conversation['status'];
  assignee_id: string | null;
}

/** UTF-16 units kept in a conversation's list preview. */
const PREVIEW_LENGTH = 140;

const COLUMNS = 'conversation_id, seq, client_id, author, author_name, kind, body, created_at';

export function createMessageStore(db: Db, writes: WriteQueue) {
  const conversation = db.prepare<[string], ConversationRow>(
    'SELECT visitor_id, department_id, status, assignee_id FROM conversations WHERE id = ?',
  );
  const byClientId = db.prepare<[string, string], MessageRow & { author_id: string | null }>(
    `SELECT ${COLUMNS}, author_id FROM messages WHERE conversation_id = ? AND client_id = ?`,
  );
  // Takes the next seq from the (conversation_id, seq) index, one seek: the conversation
  // row is never rewritten, so a message dirties only the pages of messages. The write
  // queue runs this inside its transaction and SQLite has one writer, so seqs stay
  // gap-free. A taken clientId inserts nothing and returns no row.
  const insert = db.prepare<[Omit<NewMessage, 'visitorId'> & { now: number }], { seq: number }>(
    `INSERT INTO messages
       (conversation_id, seq, client_id, author, author_id, author_name, kind, body, created_at)
     SELECT @conversationId, COALESCE(MAX(seq), 0) + 1, @clientId, @author, @authorId,
            @authorName, @kind, @body, @now
     FROM messages WHERE conversation_id = @conversationId
     ON CONFLICT (conversation_id, client_id) DO NOTHING
     RETURNING seq`,
  );
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
    /**
     * Appends a message with the conversation's next seq. Idempotent per
     * (conversation, clientId). Agent messages require the agent to hold the
     * conversation. The promise settles after the commit.
     */
    append(m: NewMessage, now: number): Promise<AppendResult> {
      return writes.run((): AppendResult => {
        const c = conversation.get(m.conversationId);
        // Another visitor's conversation is reported as missing, so ids leak nothing.
        if (!c || (m.visitorId !== null && c.visitor_id !== m.visitorId)) {
          return { ok: false, code: 'not_found' };
        }
        const refusal = refuse(c, m);
        // A retry of a message already stored still gets it back, even once the
        // conversation is resolved or handed to someone else.
        if (refusal) return retried(m) ?? { ok: false, code: refusal };
        const row = insert.get({
          conversationId: m.conversationId,
          clientId: m.clientId,
          author: m.author,
          authorId: m.authorId,
          authorName: m.authorName,
          kind: m.kind,
          body: m.body,
          now,
        });
        if (!row) {
          const result = retried(m);
          if (!result) throw new Error('clientId conflict without a stored message');
          return result;
        }
        const message: Message = {
          conversationId: m.conversationId,
          seq: row.seq,
          clientId: m.clientId,
          author: m.author,
          authorName: m.authorName,
          kind: m.kind,
          body: m.body,
          createdAt: now,
        };
        const target: MessageTarget = {
          id: m.conversationId,
          visitorId: c.visitor_id,
          department: c.department_id,
          status: c.status,
        };
        return { ok: true, message, duplicate: false, target };
      });
    },
    /** Messages with seq > afterSeq, oldest first; notes only for staff. */
    async after(
      conversationId: string,
      afterSeq: number,
      limit: number,
      includeNotes: boolean,
    ): Promise<Message[]> {
      return after.all(conversationId, afterSeq, includeNotes ? 1 : 0, limit).map(toMessage);
    },
  };
}

/** Why the sender's own conversation takes no new message from them, if it doesn't. */
function refuse(c: ConversationRow, m: NewMessage): 'conversation_closed' | 'forbidden' | null {
  if (c.status === 'resolved') return 'conversation_closed';
  // Only the agent holding a chat writes to the visitor; notes are open to any staff.
  if (m.author === 'agent' && m.kind === 'text' && c.assignee_id !== m.authorId) {
    return 'forbidden';
  }
  return null;
}

/**
 * At most PREVIEW_LENGTH UTF-16 units, never ending in half a surrogate pair. Runs for
 * every conversation in a list, so it slices rather than splitting the string into
 * code points.
 */
export function preview(body: string): string {
  if (body.length <= PREVIEW_LENGTH) return body;
  const last = body.charCodeAt(PREVIEW_LENGTH - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? PREVIEW_LENGTH - 1 : PREVIEW_LENGTH;
  return `${body.slice(0, end)}…`;
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

export type MessageStore = ReturnType<typeof createMessageStore>;
