/**
 * What the visitor is offered and told while they wait: pure readings of the hub's
 * availability, queue position and conversation updates (docs/routing.md).
 */
import type { Availability, Conversation } from '@switchboard/shared';

/** Why a department takes no chats now (availability's status other than open or unstaffed). */
export type ClosedReason = 'closed' | 'queue_full' | 'disabled';

/**
 * The topic panel before the first message:
 * - `checking`: availability not known yet;
 * - `chat`: write to start; `leaveOffered` when nobody is online, where the hub still
 *   queues the chat but a message may serve the visitor better;
 * - `leave`: chat is refused, a message is taken instead;
 * - `refused`: neither (the department takes no messages, or is disabled).
 */
export type TopicOffer =
  | { kind: 'checking' }
  | { kind: 'chat'; leaveOffered: boolean }
  | { kind: 'leave'; reason: ClosedReason }
  | { kind: 'refused'; reason: ClosedReason };

/**
 * `failed` (no answer in time) offers chat: the hub still refuses the first message
 * if chat is closed, and that refusal opens the form with the visitor's text in it.
 */
export function topicOffer(availability: Availability | 'checking' | 'failed'): TopicOffer {
  if (availability === 'checking') return { kind: 'checking' };
  if (availability === 'failed' || availability.status === 'open') {
    return { kind: 'chat', leaveOffered: false };
  }
  if (availability.status === 'unstaffed') {
    return { kind: 'chat', leaveOffered: availability.leaveMessage };
  }
  const reason = availability.status;
  return availability.leaveMessage ? { kind: 'leave', reason } : { kind: 'refused', reason };
}

/** Whole minutes for "about N min", never 0; null stays unknown (no number invented). */
export function waitMinutes(estimatedWaitMs: number | null): number | null {
  if (estimatedWaitMs === null || !Number.isFinite(estimatedWaitMs)) return null;
  return Math.max(1, Math.ceil(estimatedWaitMs / 60_000));
}

/**
 * The chat went from its agent back to its own department's queue: the agent was
 * disconnected past the grace period, signed out or was disabled, and routing put it
 * at the head of the queue. A transfer to another department changes the department.
 */
export function wasRequeued(before: Conversation | null, after: Conversation | null): boolean {
  return (
    before !== null &&
    after !== null &&
    before.id === after.id &&
    before.status === 'assigned' &&
    after.status === 'queued' &&
    before.department === after.department
  );
}

/** A start the hub refused because chat is not taken now; leave-a-message may be. */
export function refusedForNow(code: string): code is 'department_closed' | 'queue_full' {
  return code === 'department_closed' || code === 'queue_full';
}
