/**
 * One conversation's figures, read from its event log and the times of its agents'
 * replies, exactly as PRODUCT.md defines them ("Metric definitions"). Pure: the report
 * (aggregate.ts) sums these; the store only supplies events and reply times.
 *
 * Where PRODUCT.md leaves a choice, the choice is written beside the figure.
 */
import type { ConversationEvent, DepartmentId } from '@switchboard/shared';

/** How long a resolution stays open to a reopen that undoes first-contact resolution. */
export const FCR_WINDOW_MS = 72 * 3600 * 1000;

/** One agent's stretch of holding the conversation: assignment until it left them. */
export interface HandleSegment {
  agentId: string;
  department: DepartmentId;
  from: number;
  to: number;
  /** Ended by resolving it (else by a transfer, a requeue or a reassignment). */
  resolved: boolean;
}

export interface ConversationFacts {
  conversationId: string;
  /** The department it started in: volume and the conversation's own figures count there. */
  department: DepartmentId;
  /** When it started: its first event (queued, or a message left). */
  startedAt: number;
  /** The agent who resolved it first, or held it last; null if no agent ever had it. */
  agentId: string | null;
  /** Queue entry to the first agent message to the visitor; null: no agent replied. */
  frtMs: number | null;
  /** It entered a queue (a message left straight away never does). */
  queued: boolean;
  /** First queue entry to the first assignment; null: never assigned. */
  waitMs: number | null;
  /** The visitor left while queued. (Leaving a message instead of waiting is not.) */
  abandoned: boolean;
  /** Every agent's holding stretch: AHT is their mean, per agent or overall. */
  handle: HandleSegment[];
  /** Start to the first resolution (a reopen does not move it; FCR records it). */
  resolutionMs: number | null;
  resolvedAt: number | null;
  /**
   * Resolved with no transfer and no reopen within 72 h. null while that cannot be
   * known yet (not resolved, or resolved less than 72 h before `now` and not reopened).
   */
  fcr: boolean | null;
  transferred: boolean;
  /** Which SLA targets it breached (the hub logs a breach when a target passes). */
  slaBreached: { firstResponse: boolean; resolution: boolean };
  /** A message was left (留言). */
  leftMessage: boolean;
  /** From the message being left to the first agent reply after it; null: unanswered. */
  leftMessageAnswerMs: number | null;
}

/**
 * The figures of one conversation. `events` in seq order; `agentReplies` the times of
 * the agents' messages to the visitor (text, not notes), any order; `department` the
 * conversation's own (what a message left straight away, with no queue, counts in);
 * `now` decides whether the 72 h FCR window has closed.
 */
export function conversationFacts(
  events: readonly ConversationEvent[],
  agentReplies: readonly number[],
  department: DepartmentId,
  now: number,
): ConversationFacts | null {
  const first = events[0];
  if (!first) return null;
  const replies = [...agentReplies].sort((a, b) => a - b);
  const replyAfter = (t: number) => replies.find((r) => r >= t) ?? null;

  let startedIn: DepartmentId | null = null;
  let queuedAt: number | null = null;
  let assignedAt: number | null = null;
  let abandoned = false;
  let transferred = false;
  let leftAt: number | null = null;
  let resolvedAt: number | null = null;
  let reopenedAt: number | null = null;
  let lastAgent: string | null = null;
  let resolver: string | null = null;
  const breached = { firstResponse: false, resolution: false };
  const handle: HandleSegment[] = [];
  let holding: { agentId: string; department: DepartmentId; from: number } | null = null;
  let current: DepartmentId = department;

  const release = (at: number, resolved: boolean) => {
    if (holding) handle.push({ ...holding, to: at, resolved });
    holding = null;
  };

  for (const e of events) {
    switch (e.type) {
      case 'queued':
        startedIn ??= e.data.department;
        current = e.data.department;
        queuedAt ??= e.at;
        break;
      case 'message_left':
        leftAt ??= e.at;
        break;
      case 'assigned':
        release(e.at, false);
        assignedAt ??= e.at;
        lastAgent = e.data.agentId;
        holding = { agentId: e.data.agentId, department: current, from: e.at };
        break;
      case 'transferred':
        transferred = true;
        current = e.data.toDepartment;
        release(e.at, false);
        break;
      case 'requeued':
        release(e.at, false);
        break;
      case 'left_queue':
        abandoned = true;
        break;
      case 'sla_breached':
        if (e.data.target === 'first_response') breached.firstResponse = true;
        else breached.resolution = true;
        break;
      case 'resolved':
        release(e.at, true);
        if (resolvedAt === null) {
          resolvedAt = e.at;
          resolver = e.data.assigneeId;
        }
        break;
      case 'reopened':
        if (resolvedAt !== null && reopenedAt === null) reopenedAt = e.at;
        break;
      case 'sla_warning':
        break;
    }
  }

  // A message left straight away never entered a queue: it has an answer time, no FRT.
  const frtFrom = queuedAt;
  const frtReply = frtFrom === null ? null : replyAfter(frtFrom);
  const leftReply = leftAt === null ? null : replyAfter(leftAt);

  let fcr: boolean | null = null;
  if (resolvedAt !== null) {
    const reopened = reopenedAt !== null && reopenedAt - resolvedAt <= FCR_WINDOW_MS;
    if (transferred || reopened) fcr = false;
    else if (now - resolvedAt > FCR_WINDOW_MS) fcr = true;
  }

  return {
    conversationId: first.conversationId,
    department: startedIn ?? department,
    startedAt: first.at,
    agentId: resolver ?? lastAgent,
    frtMs: frtFrom === null || frtReply === null ? null : frtReply - frtFrom,
    queued: queuedAt !== null,
    waitMs: queuedAt === null || assignedAt === null ? null : assignedAt - queuedAt,
    abandoned,
    handle,
    resolutionMs: resolvedAt === null ? null : resolvedAt - first.at,
    resolvedAt,
    fcr,
    transferred,
    slaBreached: breached,
    leftMessage: leftAt !== null,
    leftMessageAnswerMs: leftAt === null || leftReply === null ? null : leftReply - leftAt,
  };
}
