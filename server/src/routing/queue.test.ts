import { describe, expect, it } from 'vitest';
import { agent, conversation, department, HOUR, MINUTE, stateOf } from './fixtures.ts';
import type { BusinessHours } from './hours.ts';
import {
  availability,
  departmentQueue,
  estimateWait,
  median,
  queuePosition,
  queueStats,
} from './queue.ts';

const queued = (id: string, queuedAt: number, over = {}) =>
  conversation(id, { state: 'queued', queuedAt, createdAt: queuedAt, ...over });

describe('queue order and position', () => {
  const state = stateOf({
    conversations: [
      queued('plain-old', 10),
      queued('plain-new', 20),
      queued('vip-new', 30, { vip: true }),
      queued('requeued', 40, { atHead: true, createdAt: 5 }),
      queued('vip-requeued', 50, { vip: true, atHead: true }),
      queued('other-dept', 1, { department: 'technical' }),
      conversation('held', { state: 'assigned', assigneeId: 'a' }),
    ],
  });

  it('puts VIPs first, then head entries, then arrivals in order', () => {
    expect(departmentQueue(state, 'pre_sales').map((c) => c.id)).toEqual([
      'vip-requeued',
      'vip-new',
      'requeued',
      'plain-old',
      'plain-new',
    ]);
  });

  it('numbers positions from 1 within the department; null when not queued', () => {
    expect(queuePosition(state, 'vip-requeued')).toBe(1);
    expect(queuePosition(state, 'plain-new')).toBe(5);
    expect(queuePosition(state, 'other-dept')).toBe(1);
    expect(queuePosition(state, 'held')).toBeNull();
    expect(queuePosition(state, 'nope')).toBeNull();
  });

  it('serves head entries in the order they were put back, whenever they started', () => {
    const s = stateOf({
      conversations: [
        queued('requeued-later', 200, { atHead: true, createdAt: 1 }),
        queued('requeued-first', 100, { atHead: true, createdAt: 50 }),
      ],
    });
    expect(departmentQueue(s, 'pre_sales').map((c) => c.id)).toEqual([
      'requeued-first',
      'requeued-later',
    ]);
  });

  it('keeps a batch requeued together in the order its conversations started', () => {
    const s = stateOf({
      conversations: [
        queued('second', 100, { atHead: true, createdAt: 8 }),
        queued('first', 100, { atHead: true, createdAt: 3 }),
      ],
    });
    expect(departmentQueue(s, 'pre_sales').map((c) => c.id)).toEqual(['first', 'second']);
  });

  it('reports length and longest wait for the board', () => {
    expect(queueStats(state, 'pre_sales', 100)).toEqual({ length: 5, longestWaitMs: 90 });
    expect(queueStats(state, 'post_sales', 100)).toEqual({ length: 0, longestWaitMs: null });
  });
});

describe('estimateWait', () => {
  const handle = [10, 12, 8, 30, 9].map((m) => m * MINUTE); // median 10 min
  const withAgents = (...agents: ReturnType<typeof agent>[]) =>
    stateOf({ agents, conversations: [queued('c1', 0), queued('c2', 1), queued('c3', 2)] });

  it('is position × median handle time ÷ slots of available agents', () => {
    // Two agents of capacity 5: 10 slots, so the queue moves 10 places per 10 minutes.
    const state = withAgents(agent('a', { open: 5 }), agent('b', { open: 5 }));
    expect(estimateWait(state, 'c1', handle)).toBe(1 * MINUTE);
    expect(estimateWait(state, 'c3', handle)).toBe(3 * MINUTE);
  });

  it('counts only online, connected members of the department', () => {
    const state = withAgents(
      agent('a', { capacity: 2, open: 2 }),
      agent('away', { status: 'away' }),
      agent('gone', { disconnectedAt: 0 }),
      agent('other', { departments: ['technical'] }),
    );
    expect(estimateWait(state, 'c1', handle)).toBe(5 * MINUTE);
  });

  it('says unknown rather than guess', () => {
    expect(estimateWait(withAgents(), 'c1', handle)).toBeNull(); // nobody online
    expect(estimateWait(withAgents(agent('a')), 'c1', handle.slice(0, 4))).toBeNull();
    expect(estimateWait(withAgents(agent('a')), 'nope', handle)).toBeNull();
  });

  it('takes the median, not the mean', () => {
    expect(median([1, 100, 2])).toBe(2);
    expect(median([1, 2, 3, 100])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('availability', () => {
  const closedAlways: BusinessHours = {
    timeZone: 'Asia/Shanghai',
    weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    exceptions: {},
  };

  it('is open with an agent online', () => {
    const d = department('pre_sales');
    expect(availability(stateOf({ departments: [d], agents: [agent('a')] }), d, 0)).toEqual({
      status: 'open',
    });
  });

  it('is unstaffed when no agent of the department is online and connected', () => {
    const d = department('pre_sales');
    const state = stateOf({ departments: [d], agents: [agent('a', { status: 'away' })] });
    expect(availability(state, d, 0)).toEqual({ status: 'unstaffed', leaveMessage: true });
  });

  it('is closed outside business hours, and full at maxQueue', () => {
    const closed = department('pre_sales', { hours: closedAlways });
    expect(availability(stateOf({ departments: [closed] }), closed, HOUR).status).toBe('closed');
    const full = department('pre_sales', { maxQueue: 1, leaveMessage: false });
    const state = stateOf({
      departments: [full],
      agents: [agent('a')],
      conversations: [queued('c', 0)],
    });
    expect(availability(state, full, 0)).toEqual({ status: 'queue_full', leaveMessage: false });
  });

  it('is disabled with no leave-a-message when the department is disabled', () => {
    const d = department('pre_sales', { enabled: false });
    expect(availability(stateOf({ departments: [d] }), d, 0)).toEqual({
      status: 'disabled',
      leaveMessage: false,
    });
  });
});
