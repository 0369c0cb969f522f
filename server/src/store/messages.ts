import type { Author, Conversation, ErrorCode, Message, MessageKind } from '@switchboard/shared';
import type { ConversationFacts } from './conversations.ts';

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

type AppendRefusalCode = Extract<
  ErrorCode,
  'not_found' | 'conversation_closed' | 'forbidden' | 'invalid_payload'
>;

/** Why a sender may not write, as the caller's authorization policy words it. */
export interface AppendRefusal {
  code: Exclude<AppendRefusalCode, 'invalid_payload'>;
  message: string;
}

/**
 * The caller's decision whether this sender may write to the conversation, asked inside
 * the append's transaction on the conversation as it stands there, so the decision and
 * the insert see one state and the hot path reads the conversation once.
 */
export type AppendCheck = (conversation: ConversationFacts) => AppendRefusal | null;

export type AppendResult =
  | { ok: true; message: Message; duplicate: true }
  | { ok: true; message: Message; duplicate: false; target: MessageTarget }
  | { ok: false; code: AppendRefusalCode; message?: string };

/** Transcripts. The append is the hub's hot path: keep it one write, nothing more. */
export interface MessageStore {
  /**
   * Appends a message with its conversation's next seq, and settles only once it is
   * durable (the caller acks after, never before). Seqs are 1, 2, 3 … per
   * conversation, notes included: gap-free and unique however many appends run at
   * once, from however many hubs.
   *
   * Idempotent per (conversation, clientId): when the same sender (author, authorId and
   * kind alike) sends a clientId already stored, the stored message comes back with
   * `duplicate: true` and no seq is taken, even if the conversation has been resolved
   * or handed to someone else since. Refusals, in this order, write nothing:
   * - `not_found`: no such conversation, or, for a visitor, not theirs (even when the
   *   clientId is stored there: ids leak nothing);
   * - `invalid_payload`: the clientId is stored from another sender (clientIds are no
   *   secret and must never unlock a note or another's message);
   * - `conversation_closed`: the conversation is resolved;
   * - `forbidden`: an agent's text to a conversation they do not hold (any agent may
   *   leave a note).
   * Then `check`, if given, refuses with its own code and message.
   * The checks and the insert see one state: a message is never stored into a
   * conversation resolved or handed over before the insert.
   */
  append(message: NewMessage, now: number, check?: AppendCheck): Promise<AppendResult>;
  /**
   * Messages with seq > afterSeq, oldest first, at most `limit`. Without
   * `includeNotes` internal notes are left out (a visitor's read), so seqs may skip.
   */
  after(
    conversationId: string,
    afterSeq: number,
    limit: number,
    includeNotes: boolean,
  ): Promise<Message[]>;
}
