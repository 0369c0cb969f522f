import { describe, expect, it } from 'vitest';
import { createRng, planArrivals, summarizeTraces, type Trace } from './routing-plan.ts';

const DEPARTMENTS = ['pre_sales', 'post_sales', 'technical'];
const options = {
  visitors: 1000,
  overMs: 10_000,
  departments: DEPARTMENTS,
  holdMs: { min: 500, max: 3000 },
  seed: 1,
};

describe('createRng', () => {
  it('repeats for a seed, differs between seeds, stays in [0, 1)', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const fromA = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(fromA);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(fromA);
    expect(fromA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('planArrivals', () => {
  it('arrives at a steady rate over the interval', () => {
    const plan = planArrivals(options);
    expect(plan).toHaveLength(1000);
    expect(plan[0]?.atMs).toBe(0);
    expect(plan[1]?.atMs).toBe(10);
    expect(plan[999]?.atMs).toBe(9990);
  });

  it('spreads visitors over every department and holds within the range', () => {
    const plan = planArrivals(options);
    const per = new Map<string, number>();
    for (const a of plan) per.set(a.department, (per.get(a.department) ?? 0) + 1);
    expect([...per.keys()].sort()).toEqual([...DEPARTMENTS].sort());
    // A third each, give or take what chance does to 1,000 draws.
    for (const n of per.values()) expect(n).toBeGreaterThan(280);
    expect(plan.every((a) => a.holdMs >= 500 && a.holdMs < 3000)).toBe(true);
  });

  it('offers the same load for the same seed', () => {
    expect(planArrivals(options)).toEqual(planArrivals(options));
    expect(planArrivals({ ...options, seed: 2 })).not.toEqual(planArrivals(options));
  });

  it('refuses no departments and a backwards hold range', () => {
    expect(() => planArrivals({ ...options, departments: [] })).toThrow(RangeError);
    expect(() => planArrivals({ ...options, holdMs: { min: 3000, max: 500 } })).toThrow(RangeError);
  });
});

function trace(t: Partial<Trace> & { sentAt: number }): Trace {
  return {
    ackedAt: null,
    ackStatus: null,
    assignedAt: null,
    freedAt: null,
    resolvedAt: null,
    ...t,
  };
}

describe('summarizeTraces', () => {
  it('measures the wait from the send, the queue time from a queued ack', () => {
    const figures = summarizeTraces([
      // Capacity was free: assigned in the same step as the start.
      trace({ sentAt: 100, ackedAt: 104, ackStatus: 'assigned', assignedAt: 103, resolvedAt: 900 }),
      // Queued for 400 ms after its ack, taken 6 ms after a resolve made room.
      trace({
        sentAt: 110,
        ackedAt: 115,
        ackStatus: 'queued',
        assignedAt: 515,
        freedAt: 509,
        resolvedAt: 2000,
      }),
      // Queued, but its assignment was read before its ack.
      trace({ sentAt: 120, ackedAt: 130, ackStatus: 'queued', assignedAt: 128, resolvedAt: 1500 }),
    ]);
    expect(figures).toMatchObject({
      conversations: 3,
      assigned: 3,
      resolved: 3,
      drainedMs: 415,
      doneMs: 1900,
    });
    expect(figures.toAgent).toEqual({ count: 3, p50: 8, p99: 405, max: 405 });
    expect(figures.atOnce).toEqual({ count: 1, p50: 3, p99: 3, max: 3 });
    expect(figures.inQueue).toEqual({ count: 2, p50: 0, p99: 400, max: 400 });
    expect(figures.freedToTaken).toEqual({ count: 1, p50: 6, p99: 6, max: 6 });
  });

  it('counts room made only for chats that waited for it', () => {
    // Assigned at once while the agent happened to be resolving another chat.
    const figures = summarizeTraces([
      trace({ sentAt: 0, ackedAt: 3, ackStatus: 'assigned', assignedAt: 2, freedAt: 1 }),
    ]);
    expect(figures.freedToTaken.count).toBe(0);
  });

  it('counts conversations never assigned or resolved, and has no figures without any', () => {
    const figures = summarizeTraces([
      trace({ sentAt: 0, ackedAt: 5, ackStatus: 'queued' }),
      trace({ sentAt: 10, ackedAt: 12, ackStatus: 'queued', assignedAt: 40 }),
    ]);
    expect(figures).toMatchObject({ conversations: 2, assigned: 1, resolved: 0, drainedMs: 40 });
    expect(figures.doneMs).toBeNaN();
    const none = summarizeTraces([trace({ sentAt: 0 })]);
    expect(none.assigned).toBe(0);
    expect(none.toAgent.p50).toBeNaN();
    expect(none.drainedMs).toBeNaN();
  });
});
