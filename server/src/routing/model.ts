/**
 * The shapes routing decides over. Routing is a pure function
 * `route(state, event, now) → { decisions, refusal, wakeAt, state, changed }`:
 * the dispatcher loads a RoutingState from the store, applies the result in one
 * transaction (the changed rows and the log entries of the decisions), then emits.
 * All times are epoch milliseconds on the hub's (injected) clock.
 */
import type {
  AssignedBy,
  AssignmentMode,
  ConversationEventData,
  ConversationEventType,
  ErrorCode,
  RequeueReason as LoggedRequeueReason,
  Department as SharedDepartment,
  SlaTarget,
  SlaTargets,
} from '@switchboard/shared';

export type { AssignmentMode, SlaTargets };

/**
 * A department as routing sees it: the shared Department less its display names. The
 * dispatcher may pass a shared Department as it is.
 */
export type Department = Omit<SharedDepartment, 'name'>;

/** The status an agent chose; it survives reloads and reconnects. */
export type AgentStatus = 'online' | 'away' | 'offline';

export interface Agent {
  id: string;
  status: AgentStatus;
  departments: readonly string[];
  /** Most open conversations held at once (default 5). */
  capacity: number;
  /** Conversations this agent holds now (state 'assigned'); never a lifetime total. */
  open: number;
  /** When this agent was last given a conversation; null if never. */
  lastAssignedAt: number | null;
  /**
   * null while connected. Otherwise when the last connection went (0 for an agent never
   * seen connected): the grace period runs from here, after which their chats are requeued.
   */
  disconnectedAt: number | null;
  /** Disabled by an admin: signed out everywhere, takes nothing. */
  disabled: boolean;
}

/**
 * Every conversation is in exactly one of these. A visitor leaving the queue closes the
 * conversation ('resolved', logged as `left_queue`: PRODUCT.md's "abandoned").
 */
export type ConversationState = 'queued' | 'assigned' | 'pending' | 'resolved';

export interface Conversation {
  id: string;
  department: string;
  state: ConversationState;
  vip: boolean;
  /** When the conversation started (its first visitor message): resolution time runs from here. */
  createdAt: number;
  /**
   * When it last entered a queue; kept after assignment, so wait = assignedAt − queuedAt.
   * null if it never was queued (a message left outside hours).
   */
  queuedAt: number | null;
  /** Requeued, transferred or reopened: ahead of ordinary arrivals of its priority class. */
  atHead: boolean;
  assigneeId: string | null;
  assignedAt: number | null;
  /** The agent who holds it, or held it last; a reopen goes back to them. */
  lastAgentId: string | null;
  /** The agent who transferred it away; automatic assignment never hands it back to them. */
  transferredFrom: string | null;
  firstResponseAt: number | null;
  /** SLA due times, stored so a restart resumes them; null when not tracked. */
  firstResponseWarnAt: number | null;
  firstResponseDueAt: number | null;
  resolutionDueAt: number | null;
  firstResponseWarned: boolean;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  resolvedAt: number | null;
}

export interface RoutingConfig {
  /** How long a disconnected agent keeps their chats (default 60 s). */
  graceMs: number;
  /** A visitor writing within this long after resolution reopens the conversation (72 h). */
  reopenWindowMs: number;
  /** Share of the FRT target at which supervisors are warned (0.8). */
  slaWarningRatio: number;
}

export const DEFAULT_ROUTING_CONFIG: RoutingConfig = {
  graceMs: 60_000,
  reopenWindowMs: 72 * 3_600_000,
  slaWarningRatio: 0.8,
};

export { DEFAULT_CAPACITY } from '@switchboard/shared';

/**
 * What routing decides over. It may be a slice of the store, but it must hold every
 * department, every agent of the departments concerned, the whole queue of each of
 * them, and the conversations the event names or an agent of the slice holds.
 */
export interface RoutingState {
  config: RoutingConfig;
  departments: ReadonlyMap<string, Department>;
  agents: ReadonlyMap<string, Agent>;
  conversations: ReadonlyMap<string, Conversation>;
}

export type { AssignedBy, SlaTarget };

/**
 * Who caused a change, for the event log. The dispatcher adds names, and the visitor's
 * id, as it writes the shared EventActor.
 */
export type Actor = { kind: 'system' } | { kind: 'visitor' } | { kind: 'agent'; id: string };

/** Why routing put an assigned conversation back in its queue. */
export type RequeueReason = Extract<
  LoggedRequeueReason,
  'agent_disconnected' | 'agent_signed_out' | 'agent_disabled'
>;

export type LeaveMessageReason = 'closed' | 'no_agent_online' | 'queue_full';

/** What happened, as the dispatcher tells routing. */
export type RoutingEvent =
  /** A new conversation with its first visitor message; a retry with a known id is a no-op. */
  | { type: 'conversation_queued'; conversationId: string; department: string; vip: boolean }
  /** Leave-a-message: a queued conversation becomes pending, or a new one is created pending. */
  | { type: 'message_left'; conversationId: string; department: string; vip: boolean }
  | { type: 'left_queue'; conversationId: string }
  /** The visitor wrote: reopens a resolved conversation within the reopen window. */
  | { type: 'visitor_wrote'; conversationId: string }
  /** An agent sent the visitor a message (FRT stops at the first one). */
  | { type: 'agent_replied'; conversationId: string; agentId: string }
  | { type: 'resolve'; conversationId: string; actorId: string }
  | { type: 'claim'; conversationId: string; agentId: string }
  | {
      type: 'transfer';
      conversationId: string;
      actorId: string;
      /** To a department's queue, or to a named agent (in `department`, default the current one). */
      to: { department: string } | { agentId: string; department?: string };
      note: string;
    }
  /** A supervisor or admin hands the conversation to a named agent. */
  | { type: 'reassign'; conversationId: string; actorId: string; agentId: string; note?: string }
  /** The status the agent chose; 'offline' is signing out: their chats are requeued at once. */
  | { type: 'agent_status'; agentId: string; status: AgentStatus }
  | { type: 'agent_connected'; agentId: string }
  /** The agent's last connection went; the grace period starts. */
  | { type: 'agent_disconnected'; agentId: string }
  /** An admin changed the agent; `disabled: true` signs them out everywhere. */
  | {
      type: 'agent_changed';
      agentId: string;
      capacity?: number;
      departments?: readonly string[];
      disabled?: boolean;
    }
  /** An admin added or changed a department. */
  | { type: 'department_changed'; department: Department }
  /** Time passed (the dispatcher's one timer fired). */
  | { type: 'tick' };

/**
 * What routing knows of each event type of the conversation event log (shared
 * ConversationEventData); the dispatcher adds the rest as it writes: agent names, and
 * the name and email of a left message.
 */
export type LogData = {
  [T in ConversationEventType]: Omit<ConversationEventData[T], 'agentName' | 'name' | 'email'>;
};

/** One entry of the conversation event log, written with the change it records. */
export type LogEntry = {
  [T in ConversationEventType]: {
    conversationId: string;
    at: number;
    actor: Actor;
    type: T;
    data: LogData[T];
  };
}[ConversationEventType];

/**
 * What routing decided, in order. Conversation decisions carry the log entry the
 * dispatcher writes in the same transaction; the rest change no conversation.
 */
export type Decision =
  | { type: 'queue'; conversationId: string; department: string; atHead: boolean; log: LogEntry }
  | {
      type: 'assign';
      conversationId: string;
      agentId: string;
      by: AssignedBy;
      /** Who held it before (a transfer or reassignment), null from a queue. */
      previousAgentId: string | null;
      log: LogEntry;
    }
  | {
      type: 'requeue';
      conversationId: string;
      reason: RequeueReason;
      fromAgentId: string;
      log: LogEntry;
    }
  | {
      type: 'transfer';
      conversationId: string;
      fromDepartment: string;
      toDepartment: string;
      fromAgentId: string | null;
      /** A named agent, or null when it goes to the department's queue. */
      toAgentId: string | null;
      note: string;
      log: LogEntry;
    }
  | { type: 'message_left'; conversationId: string; department: string; log: LogEntry }
  | { type: 'left_queue'; conversationId: string; log: LogEntry }
  | { type: 'resolve'; conversationId: string; agentId: string | null; log: LogEntry }
  | { type: 'reopen'; conversationId: string; log: LogEntry }
  | { type: 'sla_warning'; conversationId: string; dueAt: number; log: LogEntry }
  | {
      type: 'sla_breached';
      conversationId: string;
      target: SlaTarget;
      dueAt: number;
      log: LogEntry;
    }
  /** The first agent reply: FRT is met (or late), SLA warnings for it stop. */
  | { type: 'first_response'; conversationId: string; agentId: string }
  /**
   * Offer the visitor leave-a-message. `queued: false` means the conversation was not
   * queued (closed, or the queue is full) and leave-a-message is the only way on.
   */
  | {
      type: 'offer_leave_message';
      conversationId: string;
      department: string;
      reason: LeaveMessageReason;
      queued: boolean;
    }
  /** An agent's status, connection, capacity or membership changed. */
  | { type: 'agent'; agentId: string }
  | { type: 'department'; departmentId: string };

/** Codes routing refuses with; each is in shared/src/protocol/errors.ts. */
export type RoutingErrorCode = Extract<
  ErrorCode,
  | 'invalid_payload'
  | 'not_found'
  | 'conversation_closed'
  | 'invalid_state'
  | 'already_assigned'
  | 'agent_offline'
  | 'agent_away'
  | 'agent_at_capacity'
  | 'agent_not_in_department'
  | 'department_disabled'
  | 'department_closed'
  | 'queue_full'
  | 'leave_message_disabled'
>;

export interface Refusal {
  code: RoutingErrorCode;
  message: string;
}

export interface RouteResult {
  /** Apply in order; a refused event may still carry decisions that fell due at `now`. */
  decisions: Decision[];
  /** Why the event itself was refused (nothing of it was applied), or null. */
  refusal: Refusal | null;
  /** The next moment routing wants to be asked again (a `tick`), or null. */
  wakeAt: number | null;
  /** The state after the decisions. */
  state: RoutingState;
  /** The rows the decisions changed, as they are now: what the dispatcher writes. */
  changed: {
    conversations: Conversation[];
    agents: Agent[];
    departments: Department[];
  };
}
