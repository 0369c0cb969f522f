/**
 * The routing scenario's pure parts: who arrives when, in which department, and how
 * long their chat is held (all from one seed, so two runs offer the same load); and
 * what the timestamps the load generator recorded add up to.
 */
import { type LatencySummary, Samples, summarize } from './stats.ts';

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface Arrival {
  /** When the visitor sends conversation:start, ms after the first one. */
  atMs: number;
  department: string;
  /** How long the agent holds the chat once told of it, before resolving it. */
  holdMs: number;
}

export interface PlanOptions {
  visitors: number;
  /** Arrivals are spread evenly over this many ms: a steady rate. */
  overMs: number;
  departments: readonly string[];
  holdMs: { min: number; max: number };
  seed: number;
}

/** Visitor i arrives at i·overMs/visitors, in a department and with a hold drawn at random. */
export function planArrivals(o: PlanOptions): Arrival[] {
  if (o.departments.length === 0) throw new RangeError('no departments to arrive in');
  if (!(o.holdMs.min >= 0 && o.holdMs.max >= o.holdMs.min)) {
    throw new RangeError(`hold ${o.holdMs.min}–${o.holdMs.max} ms is not a range`);
  }
  const rng = createRng(o.seed);
  const gap = o.visitors > 0 ? o.overMs / o.visitors : 0;
  return Array.from({ length: o.visitors }, (_, i) => ({
    atMs: i * gap,
    department: o.departments[Math.floor(rng() * o.departments.length)] as string,
    holdMs: o.holdMs.min + rng() * (o.holdMs.max - o.holdMs.min),
  }));
}

/** What the load generator saw of one visitor's conversation, on its own clock (ms). */
export interface Trace {
  sentAt: number;
  /** The start ack: the status it reported ('queued', or 'assigned' when capacity was free). */
  ackedAt: number | null;
  ackStatus: string | null;
  /** The assigned agent's socket heard the conversation was theirs. */
  assignedAt: number | null;
  /** That agent had a resolve in flight, sent at this moment: the one that made room. */
  freedAt: number | null;
  /** The agent's resolve was acked. */
  resolvedAt: number | null;
}

export interface RoutingFigures {
  conversations: number;
  /** Assignments the agents heard of: one routing decision each. */
  assigned: number;
  resolved: number;
  /**
   * Start sent → the agent told, over every assigned conversation: the wait a visitor
   * has for an agent, including the hub's handling of the start itself.
   */
  toAgent: LatencySummary;
  /** The same, of those the hub assigned as it started them (the ack said assigned). */
  atOnce: LatencySummary;
  /** Start ack said queued → the agent told: the time spent in the queue. */
  inQueue: LatencySummary;
  /**
   * Of the queued: the resolve that made room sent → the agent told of this chat. What
   * routing adds to the wait once capacity frees, apart from waiting for it to free.
   */
  freedToTaken: LatencySummary;
  /** First start sent → last assignment: when nobody was waiting any more. */
  drainedMs: number;
  /** First start sent → last resolve acked. */
  doneMs: number;
}

export function summarizeTraces(traces: readonly Trace[]): RoutingFigures {
  const samples = () => new Samples(traces.length);
  const toAgent = samples();
  const atOnce = samples();
  const inQueue = samples();
  const freedToTaken = samples();
  let first = Number.POSITIVE_INFINITY;
  let lastAssigned = Number.NEGATIVE_INFINITY;
  let lastResolved = Number.NEGATIVE_INFINITY;
  let resolved = 0;
  for (const t of traces) {
    first = Math.min(first, t.sentAt);
    if (t.resolvedAt !== null) {
      resolved += 1;
      lastResolved = Math.max(lastResolved, t.resolvedAt);
    }
    if (t.assignedAt === null) continue;
    lastAssigned = Math.max(lastAssigned, t.assignedAt);
    toAgent.add(t.assignedAt - t.sentAt);
    if (t.ackStatus === 'assigned') atOnce.add(t.assignedAt - t.sentAt);
    if (t.ackStatus !== 'queued') continue;
    // Acks and assignments come over different sockets; one read in the other order
    // has waited for nothing.
    if (t.ackedAt !== null) inQueue.add(Math.max(0, t.assignedAt - t.ackedAt));
    if (t.freedAt !== null) freedToTaken.add(t.assignedAt - t.freedAt);
  }
  return {
    conversations: traces.length,
    assigned: toAgent.size,
    resolved,
    toAgent: summarize(toAgent),
    atOnce: summarize(atOnce),
    inQueue: summarize(inQueue),
    freedToTaken: summarize(freedToTaken),
    drainedMs: toAgent.size ? lastAssigned - first : Number.NaN,
    doneMs: resolved ? lastResolved - first : Number.NaN,
  };
}
