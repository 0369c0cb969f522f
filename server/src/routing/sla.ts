/**
 * SLA due times (首响 first response, resolution) and what falls due when. The due times
 * are stored on the conversation, so a restart resumes them and a department's later
 * change of targets does not move the goalposts of a conversation already running.
 */
import type { Conversation, Department, SlaTarget } from './model.ts';

export type SlaTimes = Pick<
  Conversation,
  'firstResponseWarnAt' | 'firstResponseDueAt' | 'resolutionDueAt'
>;

/**
 * FRT runs from queue entry, resolution from the conversation's start (PRODUCT.md); the
 * warning comes at `warningRatio` of the FRT target. A conversation already answered
 * keeps no FRT clock.
 */
export function slaTimes(
  department: Department,
  c: Pick<Conversation, 'firstResponseAt'>,
  queuedAt: number,
  startedAt: number,
  warningRatio: number,
): SlaTimes {
  const sla = department.sla;
  if (!sla) return { firstResponseWarnAt: null, firstResponseDueAt: null, resolutionDueAt: null };
  const answered = c.firstResponseAt !== null;
  return {
    firstResponseWarnAt: answered
      ? null
      : queuedAt + Math.round(sla.firstResponseMs * warningRatio),
    firstResponseDueAt: answered ? null : queuedAt + sla.firstResponseMs,
    resolutionDueAt: startedAt + sla.resolutionMs,
  };
}

export type SlaDue =
  | { kind: 'warning'; dueAt: number }
  | { kind: 'breach'; target: SlaTarget; dueAt: number };

/**
 * Live SLA clocks run while a visitor waits for the team: queued or assigned. A left
 * message (pending) is answered when the team is back, so it raises no alarms.
 */
function runs(c: Conversation): boolean {
  return c.state === 'queued' || c.state === 'assigned';
}

/** What has fallen due at `now` and was not yet recorded. */
export function dueSla(c: Conversation, now: number): SlaDue[] {
  if (!runs(c)) return [];
  const due: SlaDue[] = [];
  const waiting = c.firstResponseAt === null;
  if (waiting && c.firstResponseDueAt !== null) {
    const warnAt = c.firstResponseWarnAt;
    // A warning after its breach would tell supervisors nothing new.
    if (warnAt !== null && !c.firstResponseWarned && !c.firstResponseBreached && warnAt <= now) {
      if (now < c.firstResponseDueAt) due.push({ kind: 'warning', dueAt: c.firstResponseDueAt });
    }
    if (!c.firstResponseBreached && c.firstResponseDueAt <= now) {
      due.push({ kind: 'breach', target: 'first_response', dueAt: c.firstResponseDueAt });
    }
  }
  if (c.resolutionDueAt !== null && !c.resolutionBreached && c.resolutionDueAt <= now) {
    due.push({ kind: 'breach', target: 'resolution', dueAt: c.resolutionDueAt });
  }
  return due;
}

/** The next SLA moment of this conversation still to come, or null. */
export function nextSlaMoment(c: Conversation): number | null {
  if (!runs(c)) return null;
  // Called for every open conversation on every event: plain comparisons, no allocation.
  let next = Number.POSITIVE_INFINITY;
  if (c.firstResponseAt === null && !c.firstResponseBreached) {
    if (!c.firstResponseWarned && c.firstResponseWarnAt !== null) next = c.firstResponseWarnAt;
    if (c.firstResponseDueAt !== null && c.firstResponseDueAt < next) next = c.firstResponseDueAt;
  }
  if (!c.resolutionBreached && c.resolutionDueAt !== null && c.resolutionDueAt < next) {
    next = c.resolutionDueAt;
  }
  return next === Number.POSITIVE_INFINITY ? null : next;
}
