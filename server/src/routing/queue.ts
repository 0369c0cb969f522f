/**
 * Queue order, what a waiting visitor is told (position, estimated wait), what agents
 * and supervisors see (length, longest wait), and whether a department takes new
 * conversations at all.
 */
import { isOpen } from './hours.ts';
import type { Conversation, Department, RoutingState } from './model.ts';
import { isAvailable } from './select-agent.ts';

/**
 * Lower comes first: VIP before everyone else; within a priority class, conversations
 * put back at the head (requeued, transferred in, reopened) before ordinary arrivals;
 * then by when they entered the queue; a batch requeued together keeps the order in
 * which its conversations started; then by id, so the order is total.
 */
export function compareQueueOrder(a: Conversation, b: Conversation): number {
  if (a.vip !== b.vip) return a.vip ? -1 : 1;
  if (a.atHead !== b.atHead) return a.atHead ? -1 : 1;
  const at = (a.queuedAt ?? 0) - (b.queuedAt ?? 0);
  if (at !== 0) return at;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The department's queue, first in line first. */
export function departmentQueue(state: RoutingState, department: string): Conversation[] {
  const queue: Conversation[] = [];
  for (const c of state.conversations.values()) {
    if (c.state === 'queued' && c.department === department) queue.push(c);
  }
  return queue.sort(compareQueueOrder);
}

/** 1 for the next in line; null if the conversation is not queued. */
export function queuePosition(state: RoutingState, conversationId: string): number | null {
  const c = state.conversations.get(conversationId);
  if (c?.state !== 'queued') return null;
  let ahead = 0;
  for (const other of state.conversations.values()) {
    if (other.state === 'queued' && other.department === c.department) {
      if (compareQueueOrder(other, c) < 0) ahead++;
    }
  }
  return ahead + 1;
}

export interface QueueStats {
  length: number;
  /** How long the longest-waiting queued conversation has waited; null if none. */
  longestWaitMs: number | null;
}

export function queueStats(state: RoutingState, department: string, now: number): QueueStats {
  let length = 0;
  let earliest: number | null = null;
  for (const c of state.conversations.values()) {
    if (c.state !== 'queued' || c.department !== department) continue;
    length++;
    if (c.queuedAt !== null && (earliest === null || c.queuedAt < earliest)) earliest = c.queuedAt;
  }
  return { length, longestWaitMs: earliest === null ? null : Math.max(0, now - earliest) };
}

/** Fewer recent handle times than this and the estimate is "unknown". */
export const MIN_HANDLE_SAMPLES = 5;

/**
 * Estimated wait for a queued conversation, in ms, or null for "unknown":
 *
 *   position × median(recent handle times) ÷ open slots of available agents
 *
 * where a slot is one unit of capacity of an agent of the department who is online and
 * connected: each slot frees up about once per median handle time, so the queue moves
 * by `slots` places per median handle time. Unknown when the conversation is not queued,
 * no agent of the department is available, or fewer than MIN_HANDLE_SAMPLES handle
 * times are given (the caller passes the department's most recent ones, docs/routing.md).
 */
export function estimateWait(
  state: RoutingState,
  conversationId: string,
  recentHandleTimesMs: readonly number[],
): number | null {
  const position = queuePosition(state, conversationId);
  const c = state.conversations.get(conversationId);
  if (position === null || !c) return null;
  const handle = median(recentHandleTimesMs);
  if (handle === null || recentHandleTimesMs.length < MIN_HANDLE_SAMPLES) return null;
  let slots = 0;
  for (const a of state.agents.values()) {
    if (isAvailable(a) && a.departments.includes(c.department)) slots += a.capacity;
  }
  if (slots === 0) return null;
  return Math.round((position * handle) / slots);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Whether a department takes a new conversation now:
 * - `open`: queue it.
 * - `unstaffed`: queue it, and offer leave-a-message if enabled (an agent may come).
 * - `closed` (outside business hours), `queue_full`, `disabled`: do not queue it;
 *   leave-a-message is the only way on if enabled.
 */
export type Availability =
  | { status: 'open' }
  | { status: 'unstaffed' | 'closed' | 'queue_full' | 'disabled'; leaveMessage: boolean };

export function availability(
  state: RoutingState,
  department: Department,
  now: number,
): Availability {
  const leaveMessage = department.leaveMessage && department.enabled;
  if (!department.enabled) return { status: 'disabled', leaveMessage };
  if (!isOpen(department.hours, now)) return { status: 'closed', leaveMessage };
  if (department.maxQueue !== null && queueLength(state, department.id) >= department.maxQueue) {
    return { status: 'queue_full', leaveMessage };
  }
  const staffed = [...state.agents.values()].some(
    (a) => isAvailable(a) && a.departments.includes(department.id),
  );
  return staffed ? { status: 'open' } : { status: 'unstaffed', leaveMessage };
}

function queueLength(state: RoutingState, department: string): number {
  let n = 0;
  for (const c of state.conversations.values()) {
    if (c.state === 'queued' && c.department === department) n++;
  }
  return n;
}
