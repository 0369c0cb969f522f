/** Conversation and message shapes as they travel between hub and clients. */

/**
 * Departments are data: the hub seeds three (server/src/bootstrap.ts) and admins may
 * add more, so any id is a string.
 */
export type DepartmentId = string;

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Local minutes since midnight, half-open [from, to); 0 ≤ from < to ≤ 1440. */
export interface Interval {
  from: number;
  to: number;
}

/** A department's opening hours in its own time zone (docs/routing.md). */
export interface BusinessHours {
  /** IANA name, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  weekly: Record<Weekday, Interval[]>;
  /**
   * Dated exceptions by local date 'YYYY-MM-DD': [] closes the whole day (a public
   * holiday); intervals replace that day's weekly hours (a special working day, 调休).
   */
  exceptions: Record<string, Interval[]>;
}

export type AssignmentMode = 'auto' | 'manual';

export interface SlaTargets {
  /** FRT target: queue entry → first agent message (PRODUCT.md). */
  firstResponseMs: number;
  /** Resolution target: conversation start → resolution. */
  resolutionMs: number;
}

/** How a department takes conversations; admins change these. */
export interface DepartmentSettings {
  /** A disabled department takes no new conversations; those it holds are still served. */
  enabled: boolean;
  /** auto: the hub assigns; manual: eligible agents see the queue and claim. */
  mode: AssignmentMode;
  /** null: no SLA is tracked for this department. */
  sla: SlaTargets | null;
  /** null: open around the clock. */
  hours: BusinessHours | null;
  /** Most conversations queued at once; null: no limit. New arrivals only (see docs/routing.md). */
  maxQueue: number | null;
  /** Whether visitors are offered leave-a-message (留言). */
  leaveMessage: boolean;
}

export interface Department extends DepartmentSettings {
  id: DepartmentId;
  /** Display name per locale. */
  name: { en: string; 'zh-CN': string };
}

/** What visitors are told of a department (GET /api/widget/config): a topic to pick. */
export type PublicDepartment = Pick<Department, 'id' | 'name'>;

/**
 * What a department starts with unless its creator says otherwise: the seeded ones
 * too. The SLA targets are starting values for admins to change, not a recommendation.
 */
export const DEFAULT_DEPARTMENT_SETTINGS: DepartmentSettings = {
  enabled: true,
  mode: 'auto',
  sla: { firstResponseMs: 3 * 60_000, resolutionMs: 2 * 3_600_000 },
  hours: null,
  maxQueue: null,
  leaveMessage: true,
};

/** Most open conversations an agent holds at once unless an admin says otherwise. */
export const DEFAULT_CAPACITY = 5;

export type Locale = 'en' | 'zh-CN';

/**
 * queued: in its department's queue; assigned: an agent holds it; pending: the visitor
 * left a message (留言) that an agent answers later; resolved: done (or abandoned).
 */
export type ConversationStatus = 'queued' | 'assigned' | 'pending' | 'resolved';

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
  /** Queued ahead of non-VIP visitors of its department. */
  vip: boolean;
  /** When it last entered its department's queue; null if it never was queued. */
  queuedAt: number | null;
  /** SLA moments (PRODUCT.md), null when the department sets no target or it was met. */
  firstResponseDueAt: number | null;
  resolutionDueAt: number | null;
}

export type AgentStatus = 'online' | 'away' | 'offline';

export type Role = 'admin' | 'supervisor' | 'agent' | 'qa';

export interface AgentProfile {
  id: string;
  email: string;
  name: string;
  role: Role;
  departments: DepartmentId[];
  /** Most open conversations held at once (1 … 50). */
  capacity: number;
  /** Disabled by an admin: cannot sign in, takes no conversations. */
  disabled: boolean;
  /**
   * Signed in with a temporary password (generated at an invite or a reset): until they
   * choose their own (`changeOwnPassword`), the hub answers nothing else.
   */
  mustChangePassword: boolean;
}

/** Who caused a conversation event. */
export interface EventActor {
  kind: 'visitor' | 'agent' | 'system';
  /** The visitor's or agent's id; null for the hub itself. */
  id: string | null;
  /** The name as it was then, so a timeline never changes; null if there was none. */
  name: string | null;
}

/**
 * How a conversation came to its agent. `reopen`: a reopened conversation went straight
 * back to the agent who had it, who was free to take it.
 */
export type AssignedBy = 'auto' | 'claim' | 'supervisor' | 'transfer' | 'reopen';

/** Why an assigned conversation went back to a queue. */
export type RequeueReason =
  | 'agent_disconnected'
  | 'agent_signed_out'
  | 'agent_disabled'
  | 'transfer'
  | 'supervisor';

/** first_response: FRT as PRODUCT.md defines it; resolution: start to resolution. */
export type SlaTarget = 'first_response' | 'resolution';

/** What each type of event records beyond its conversation, order, time and actor. */
export interface ConversationEventData {
  /** Entered a department's queue. */
  queued: { department: DepartmentId };
  assigned: { agentId: string; agentName: string; by: AssignedBy };
  /** Handed to another department, or to a named agent there; the note is staff-only. */
  transferred: {
    fromAgentId: string | null;
    fromDepartment: DepartmentId;
    toDepartment: DepartmentId;
    toAgentId: string | null;
    note: string;
  };
  /** Back to the head of its department's queue. */
  requeued: { reason: RequeueReason; fromAgentId: string | null };
  /** The visitor left while queued (abandoned, in PRODUCT.md's terms). */
  left_queue: Record<string, never>;
  /** The visitor left a message instead of waiting; the text is a message of its own. */
  message_left: { name: string; email: string };
  /** 80 % of a target has passed. */
  sla_warning: { target: SlaTarget; dueAt: number };
  sla_breached: { target: SlaTarget; dueAt: number };
  /** assigneeId: who held it then (null if resolved from the queue). */
  resolved: { assigneeId: string | null };
  /** The visitor wrote again after resolution. */
  reopened: Record<string, never>;
}

export type ConversationEventType = keyof ConversationEventData;

/** One event of a given type. */
export interface ConversationEventOf<T extends ConversationEventType> {
  conversationId: string;
  /** 1, 2, 3 … within the conversation, gap-free: the order things happened in. */
  seq: number;
  type: T;
  /** Epoch milliseconds, hub clock. */
  at: number;
  actor: EventActor;
  data: ConversationEventData[T];
}

/**
 * A conversation's log, one entry per routing event, written with the change it
 * records. The source of the console's timeline, of every metric in PRODUCT.md and
 * of QA. Narrow on `type` to get the matching `data`.
 */
export type ConversationEvent = {
  [T in ConversationEventType]: ConversationEventOf<T>;
}[ConversationEventType];
