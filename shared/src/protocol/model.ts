/** Conversation and message shapes as they travel between hub and clients. */

/** The three seeded departments; admins may add more, so any string is a valid id. */
export const DEFAULT_DEPARTMENTS = ['pre_sales', 'post_sales', 'technical'] as const;
export type DepartmentId = string;

export interface Department {
  id: DepartmentId;
  /** Display name per locale. */
  name: { en: string; 'zh-CN': string };
}

export type Locale = 'en' | 'zh-CN';

export type ConversationStatus = 'waiting' | 'assigned' | 'resolved';

/** Who wrote a message. System messages come from the hub itself. */
export type Author = 'visitor' | 'agent';

/** `note` is an internal note: staff only, never sent to the visitor. */
export type MessageKind = 'text' | 'note';

export interface Message {
  conversationId: string;
  /** 1, 2, 3 … within the conversation; clients order by it. */
  seq: number;
  /** Made by the sender (nanoid); a retry with the same clientId returns this row. */
  clientId: string;
  author: Author;
  /** Display name of the agent, null for visitor messages. */
  authorName: string | null;
  kind: MessageKind;
  body: string;
  /** Epoch milliseconds, hub clock. */
  createdAt: number;
}

export interface Conversation {
  id: string;
  department: DepartmentId;
  status: ConversationStatus;
  visitorId: string;
  /**
   * The name the site gave this visitor; null while anonymous, when clients show a
   * localized "Visitor" / "访客" with visitorHandle.
   */
  visitorName: string | null;
  /** Short, stable, language-neutral handle for anonymous visitors, e.g. "4F2A". */
  visitorHandle: string;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  /** seq of the newest message; 0 when empty. */
  lastSeq: number;
  /** Newest visitor-visible message, for list previews. */
  lastMessage: Pick<Message, 'seq' | 'author' | 'body' | 'createdAt'> | null;
}

export type AgentStatus = 'online' | 'away' | 'offline';

export type Role = 'admin' | 'supervisor' | 'agent' | 'qa';

export interface AgentProfile {
  id: string;
  email: string;
  name: string;
  role: Role;
  departments: DepartmentId[];
}
