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

/** UTF-16 units kept in a conversation's list preview. */
const PREVIEW_LENGTH = 140;

const COLUMNS = 'conversation_id, seq, client_id, author, author_name, kind, body, created_at';

export function createMessageStore(db: Db, writes: WriteQueue) {
  const byClientId = db.prepare<
    [string, string],
    MessageRow & { owner: string; author_id: string | null }
  >(
    `SELECT ${COLUMNS.split(', ')
      .map((c) => `m.${c}`)
      .join(', ')}, m.author_id, c.visitor_id AS owner
     FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE m.conversation_id = ? AND m.client_id = ?`,
  );
  // One statement checks that the conversation takes messages from this author,
  // reserves the next seq and returns what the broadcast needs: nothing can slip in
  // between check and write, and the hot path reads the conversation only once.
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
        visitor: string | null;
      },
    ],
    { last_seq: number; visitor_id: string; department_id: string; status: Conversation['status'] }
  >(
    `UPDATE conversations SET
       last_seq = last_seq + 1,
       updated_at = @now,
       preview_seq = CASE WHEN @visible THEN last_seq + 1 ELSE preview_seq END,
       preview_author = CASE WHEN @visible THEN @author ELSE preview_author END,
       preview_body = CASE WHEN @visible THEN @preview ELSE preview_body END,
       preview_at = CASE WHEN @visible THEN @now ELSE preview_at END
     WHERE id = @id AND status != 'resolved'
       AND (@visitor IS NULL OR visitor_id = @visitor)
       AND (@mustHold = 0 OR assignee_id IS @agent)
     RETURNING last_seq, visitor_id, department_id, status`,
  );
  const why = db.prepare<[string], { status: string; visitor_id: string }>(
    'SELECT status, visitor_id FROM conversations WHERE id = ?',
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
        if (existing) {
          // Another visitor's conversation is reported as missing, so ids leak nothing.
          if (m.visitorId !== null && existing.owner !== m.visitorId) {
            return { ok: false, code: 'not_found' };
          }
          // A retry is the same sender sending the same kind again. Anyone else naming
          // this clientId is refused: clientIds travel in every payload and are no
          // secret, so they must never unlock a note or another agent's message.
          const sameSender =
            existing.author === m.author &&
            existing.author_id === m.authorId &&
            existing.kind === m.kind;
          if (!sameSender) return { ok: false, code: 'invalid_payload' };
          return { ok: true, message: toMessage(existing), duplicate: true };
        }
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
          visitor: m.visitorId,
        });
        if (!row) {
          const found = why.get(m.conversationId);
          // Another visitor's conversation is reported as missing, so ids leak nothing.
          if (!found || (m.visitorId !== null && found.visitor_id !== m.visitorId)) {
            return { ok: false, code: 'not_found' };
          }
          return {
            ok: false,
            code: found.status === 'resolved' ? 'conversation_closed' : 'forbidden',
          };
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
        const target: MessageTarget = {
          id: m.conversationId,
          visitorId: row.visitor_id,
          department: row.department_id,
          status: row.status,
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

/**
 * At most PREVIEW_LENGTH UTF-16 units, never ending in half a surrogate pair. Runs for
 * every message, so it slices rather than splitting the string into code points.
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
