/**
 * Random days at the service desk: agents connect, go away, drop and come back within or
 * after the grace period, capacities and memberships change, conversations arrive (VIP
 * or not), are claimed, transferred, reassigned, resolved, reopened and abandoned, and
 * time passes. After every event the invariants of issue 11 must hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ConversationState,
  LogEntry,
  RouteResult,
  RoutingEvent,
  RoutingState,
} from './model.ts';
import { arbStart, command, START, toEvent } from './random-events.ts';
import { route } from './route.ts';
import { isAvailable, isEligible } from './select-agent.ts';

interface Derived {
  state: ConversationState;
  department: string;
  assigneeId: string | null;
}

/**
 * What the log alone says about a conversation: the timeline must match the state. A
 * conversation's department at its start is on its row, as in the store, not in the log.
 */
function fold(prev: Derived | undefined, e: LogEntry, startedIn: string): Derived {
  const p = prev ?? { state: 'queued', department: startedIn, assigneeId: null };
  switch (e.type) {
    case 'queued':
      return { state: 'queued', department: e.data.department, assigneeId: null };
    case 'message_left':
      return { ...p, state: 'pending', assigneeId: null };
    case 'assigned':
      return { ...p, state: 'assigned', assigneeId: e.data.agentId };
    case 'transferred':
      return e.data.toAgentId
        ? { ...p, department: e.data.toDepartment }
        : {
            state: p.state === 'pending' ? 'pending' : 'queued',
            department: e.data.toDepartment,
            assigneeId: null,
          };
    case 'requeued':
    case 'reopened':
      return { ...p, state: 'queued', assigneeId: null };
    case 'left_queue':
    case 'resolved':
      return { ...p, state: 'resolved', assigneeId: null };
    case 'sla_warning':
    case 'sla_breached':
      return p;
  }
}

/** Throws with the invariant's name; plain checks, since expect() is slow in hot loops. */
function holds(ok: boolean, invariant: string, detail: unknown = ''): void {
  if (!ok) throw new Error(`${invariant}: ${JSON.stringify(detail)}`);
}

function checkStep(
  before: RoutingState,
  r: RouteResult,
  now: number,
  timeline: Map<string, Derived>,
): void {
  const after = r.state;
  holds(r.wakeAt === null || r.wakeAt > now, 'wakeAt is in the future', r.wakeAt);

  // Every conversation is still there, in exactly one consistent state.
  for (const id of before.conversations.keys())
    holds(after.conversations.has(id), 'no conversation lost', id);
  const held = new Map<string, number>();
  for (const c of after.conversations.values()) {
    const consistent =
      (c.state === 'assigned') === (c.assigneeId !== null) &&
      (c.state !== 'queued' || c.queuedAt !== null) &&
      (c.state !== 'resolved' || c.resolvedAt !== null);
    holds(STATES.has(c.state) && consistent, 'one consistent state', c);
    if (c.assigneeId) held.set(c.assigneeId, (held.get(c.assigneeId) ?? 0) + 1);
  }
  // Load is what an agent holds now, never a running total.
  for (const a of after.agents.values())
    holds(a.open === (held.get(a.id) ?? 0), 'open = held now', a);

  // Each assignment went to an online, connected member with room.
  const assigns = r.decisions.flatMap((d) => (d.type === 'assign' ? [d] : []));
  for (const d of assigns) {
    const a = after.agents.get(d.agentId);
    const c = after.conversations.get(d.conversationId);
    holds(!!a && isAvailable(a), 'assigned only to online agents', d);
    holds(
      !!a && !!c && a.departments.includes(c.department),
      'assigned only within the department',
      d,
    );
    holds(!!a && a.open <= a.capacity, 'never over capacity', a);
  }

  // Automatic mode: nobody eligible sits idle while their department has a queue.
  for (const c of after.conversations.values()) {
    if (c.state !== 'queued' || after.departments.get(c.department)?.mode !== 'auto') continue;
    for (const a of after.agents.values()) {
      const idle = a.id !== c.transferredFrom && isEligible(a, c.department);
      holds(!idle, 'no eligible agent idle beside a queue', { c: c.id, a: a.id });
    }
  }

  // FIFO within a priority class, VIP before non-VIP: nothing left in the queue was ahead
  // of a conversation the pass assigned in its department.
  for (const d of assigns) {
    const served = after.conversations.get(d.conversationId);
    if (d.by !== 'auto' || !served) continue;
    for (const q of after.conversations.values()) {
      if (
        q.state !== 'queued' ||
        q.department !== served.department ||
        q.transferredFrom === d.agentId
      )
        continue;
      holds(served.vip || !q.vip, 'VIP before non-VIP', { served: served.id, left: q.id });
      // Spelled out from the fields, not through compareQueueOrder, so a wrong order fails.
      if (served.vip !== q.vip) continue;
      holds(served.atHead || !q.atHead, 'requeued and transferred-in first', {
        served: served.id,
        left: q.id,
      });
      const fifo = served.atHead !== q.atHead || (served.queuedAt ?? 0) <= (q.queuedAt ?? 0);
      holds(fifo, 'FIFO within a priority class', { served: served.id, left: q.id });
    }
  }

  // Grace: chats are requeued only once it has run out, and then none are left held.
  for (const d of r.decisions) {
    if (d.type !== 'requeue' || d.reason !== 'agent_disconnected') continue;
    const was = before.agents.get(d.fromAgentId)?.disconnectedAt;
    holds(
      was != null && now >= was + before.config.graceMs,
      'requeued only after the grace period',
      d,
    );
  }
  for (const a of after.agents.values()) {
    const graceOver = a.disconnectedAt !== null && now >= a.disconnectedAt + after.config.graceMs;
    holds(!graceOver || a.open === 0, 'nothing held past the grace period', a);
  }

  // Every change of state, holder or department has its event in the log.
  for (const d of r.decisions) {
    if (!('log' in d)) continue;
    holds(
      d.log.conversationId === d.conversationId && d.log.at === now,
      'log entry describes its decision',
      d,
    );
    const startedIn = d.type === 'message_left' || d.type === 'queue' ? d.department : '';
    timeline.set(d.conversationId, fold(timeline.get(d.conversationId), d.log, startedIn));
  }
  for (const c of after.conversations.values()) {
    const t = timeline.get(c.id);
    const same =
      t?.state === c.state && t.department === c.department && t.assigneeId === c.assigneeId;
    holds(same, 'the log accounts for every change', { c, t });
  }
}

const STATES = new Set<ConversationState>(['queued', 'assigned', 'pending', 'resolved']);

describe('routing properties over random event sequences', () => {
  it('holds every invariant after every event', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(
        arbStart,
        fc.array(command, { minLength: 20, maxLength: 60 }),
        (start, commands) => {
          let state = start;
          let now = START;
          let n = 0;
          const timeline = new Map<string, Derived>();
          // Ids sort against arrival order, so nothing can pass for FIFO by sorting on id.
          const next = () => `c${1000 - ++n}`;
          for (const cmd of commands) {
            const event = toEvent(cmd, state, next);
            const e: RoutingEvent = typeof event === 'number' ? { type: 'tick' } : event;
            if (typeof event === 'number') now += event;
            const frozen = JSON.stringify([
              ...state.conversations.values(),
              ...state.agents.values(),
            ]);
            const result = route(state, e, now);
            // Pure: the state it was given is untouched.
            expect(
              JSON.stringify([...state.conversations.values(), ...state.agents.values()]),
            ).toBe(frozen);
            checkStep(state, result, now, timeline);
            for (const d of result.decisions) {
              const kind = d.type === 'requeue' ? `requeue:${d.reason}` : d.type;
              seen.set(kind, (seen.get(kind) ?? 0) + 1);
            }
            state = result.state;
          }
        },
      ),
      { numRuns: 200 },
    );
    // The generator must keep reaching the cases the invariants are about.
    for (const kind of [
      'assign',
      'requeue:agent_disconnected',
      'reopen',
      'transfer',
      'left_queue',
      'sla_warning',
    ]) {
      expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same state, event and time give the same result', () => {
    fc.assert(
      fc.property(
        arbStart,
        fc.array(command, { minLength: 10, maxLength: 30 }),
        (start, commands) => {
          const run = () => {
            let state = start;
            let now = START;
            let n = 0;
            const out: unknown[] = [];
            for (const cmd of commands) {
              const event = toEvent(cmd, state, () => `c${++n}`);
              if (typeof event === 'number') now += event;
              const r = route(state, typeof event === 'number' ? { type: 'tick' } : event, now);
              out.push(r.decisions, r.refusal, r.wakeAt);
              state = r.state;
            }
            return JSON.stringify(out);
          };
          expect(run()).toBe(run());
        },
      ),
      { numRuns: 50 },
    );
  });
});
