import type { Author, Message, MessageKind } from '@switchboard/shared';
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
  clientId: string;
  author: Author;
  authorId: string | null;
  authorName: string | null;
  kind: MessageKind;
  body: string;
}

export type AppendResult =
  | { ok: true; message: Message; duplicate: boolean }
  | { ok: false; code: 'not_found' | 'conversation_closed' | 'forbidden' };

/** Code points kept in a conversation's list preview. */
const PREVIEW_LENGTH = 140;

const COLUMNS = 'conversation_id, seq, client_id, author, author_name, kind, body, created_at';

export function createMessageStore(db: Db, writes: WriteQueue) {
  const byClientId = db.prepare<[string, string], MessageRow>(
    `SELECT ${COLUMNS} FROM messages WHERE conversation_id = ? AND client_id = ?`,
  );
  // One statement both checks that the conversation takes messages from this author
  // and reserves the next seq, so nothing can slip in between check and write.
  const nextSeq = db.prepare<
    [
      {
        now: number;
        visible: number;
        author: string;
        preview: string;
        mustHold: number;
        id: string;
        agent: string | null;
      },
    ],
    { last_seq: number }
  >(
    `UPDATE conversations SET
       last_seq = last_seq + 1,
       updated_at = @now,
       preview_seq = CASE WHEN @visible THEN last_seq + 1 ELSE preview_seq END,
       preview_author = CASE WHEN @visible THEN @author ELSE preview_author END,
       preview_body = CASE WHEN @visible THEN @preview ELSE preview_body END,
       preview_at = CASE WHEN @visible THEN @now ELSE preview_at END
     WHERE id = @id AND status != 'resolved'
       AND (@mustHold = 0 OR assignee_id IS @agent)
     RETURNING last_seq`,
  );
  const why = db.prepare<[string], { status: string }>(
    'SELECT status FROM conversations WHERE id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, kind, body, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const after = db.prepare<[string, number, number, number], MessageRow>(
    `SELECT ${COLUMNS} FROM messages
     WHERE conversation_id = ? AND seq > ? AND (kind = 'text' OR ?)
     ORDER BY seq LIMIT ?`,
  );

  return {
    /**
     * Appends a message with the conversation's next seq. Idempotent per
     * (conversation, clientId). Agent messages require the agent to hold the
     * conversation. The promise settles after the commit.
     */
    append(m: NewMessage, now: number): Promise<AppendResult> {
      return writes.run((): AppendResult => {
        const existing = byClientId.get(m.conversationId, m.clientId);
        if (existing) return { ok: true, message: toMessage(existing), duplicate: true };
        const visible = m.kind === 'text';
        // Only the agent holding a chat writes to the visitor; notes are open to any staff.
        const mustHold = m.author === 'agent' && visible ? 1 : 0;
        const row = nextSeq.get({
          now,
          visible: visible ? 1 : 0,
          author: m.author,
          preview: preview(m.body),
          mustHold,
          id: m.conversationId,
          agent: m.authorId,
        });
        if (!row) {
          const status = why.get(m.conversationId)?.status;
          if (!status) return { ok: false, code: 'not_found' };
          return { ok: false, code: status === 'resolved' ? 'conversation_closed' : 'forbidden' };
        }
        const seq = row.last_seq;
        insert.run(
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
        const message: Message = {
          conversationId: m.conversationId,
          seq,
          clientId: m.clientId,
          author: m.author,
          authorName: m.authorName,
          kind: m.kind,
          body: m.body,
          createdAt: now,
        };
        return { ok: true, message, duplicate: false };
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

/** First PREVIEW_LENGTH code points, never splitting a surrogate pair. */
export function preview(body: string): string {
  const points = Array.from(body);
  return points.length <= PREVIEW_LENGTH ? body : `${points.slice(0, PREVIEW_LENGTH).join('')}…`;
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
