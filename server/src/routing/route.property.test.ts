/**
 * Random days at the service desk: agents connect, go away, drop and come back within or
 * after the grace period, capacities and memberships change, conversations arrive (VIP
 * or not), are claimed, transferred, reassigned, resolved, reopened and abandoned, and
 * time passes. After every event the invariants of issue 11 must hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agent, department, HOUR, MINUTE, stateOf } from './fixtures.ts';
import type { BusinessHours } from './hours.ts';
import type {
  Agent,
  AgentStatus,
  ConversationState,
  LogEntry,
  RouteResult,
  RoutingEvent,
  RoutingState,
} from './model.ts';
import { compareQueueOrder } from './queue.ts';
import { route } from './route.ts';
import { isAvailable, isEligible } from './select-agent.ts';

const DEPTS = ['pre_sales', 'technical', 'post_sales'] as const;
const AGENTS = ['a0', 'a1', 'a2', 'a3'] as const;
/** Monday 2025-03-03 00:00 Shanghai. */
const START = Date.parse('2025-03-02T16:00:00Z');

const shanghaiOffice: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: {
    mon: [{ from: 0, to: 1080 }],
    tue: [{ from: 0, to: 1080 }],
    wed: [{ from: 0, to: 1080 }],
    thu: [{ from: 0, to: 1080 }],
    fri: [{ from: 0, to: 1080 }],
    sat: [],
    sun: [],
  },
  exceptions: { '2025-03-05': [] },
};

type Command =
  | { c: 'arrive'; dept: number; vip: boolean }
  | { c: 'message'; dept: number }
  | { c: 'resolve' | 'leave' | 'leaveMessage' | 'wrote' | 'reply'; pick: number }
  | { c: 'claim' | 'reassign'; pick: number; agent: number }
  | { c: 'transferDept'; pick: number; dept: number }
  | { c: 'transferAgent'; pick: number; agent: number; dept: number | null }
  | { c: 'status'; agent: number; status: AgentStatus }
  | { c: 'connect' | 'disconnect'; agent: number }
  | { c: 'capacity'; agent: number; capacity: number }
  | { c: 'departments'; agent: number; depts: number[] }
  | { c: 'disable'; agent: number; disabled: boolean }
  | { c: 'advance'; ms: number };

const dept = fc.nat(DEPTS.length - 1);
const who = fc.nat(AGENTS.length - 1);
const pick = fc.nat(50);
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ c: fc.constant('arrive' as const), dept, vip: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ c: fc.constant('message' as const), dept }) },
  {
    weight: 6,
    arbitrary: fc.record({
      c: fc.constantFrom('resolve', 'leave', 'leaveMessage', 'wrote', 'reply' as const),
      pick,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ c: fc.constantFrom('claim', 'reassign' as const), pick, agent: who }),
  },
  { weight: 2, arbitrary: fc.record({ c: fc.constant('transferDept' as const), pick, dept }) },
  {
    weight: 2,
    arbitrary: fc.record({
      c: fc.constant('transferAgent' as const),
      pick,
      agent: who,
      dept: fc.option(dept),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      c: fc.constant('status' as const),
      agent: who,
      status: fc.constantFrom<AgentStatus>('online', 'online', 'away', 'offline'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ c: fc.constantFrom('connect', 'disconnect' as const), agent: who }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ c: fc.constant('capacity' as const), agent: who, capacity: fc.nat(4) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      c: fc.constant('departments' as const),
      agent: who,
      depts: fc.uniqueArray(dept, { maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      c: fc.constant('disable' as const),
      agent: who,
      disabled: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      c: fc.constant('advance' as const),
      // Within a grace period, across one, across SLA targets, across the 72 h window.
      ms: fc.oneof(
        fc.nat(20_000),
        fc.integer({ min: 30_000, max: 3 * MINUTE }),
        fc.integer({ min: HOUR, max: 80 * HOUR }),
      ),
    }),
  },
);

const arbAgent = (id: string): fc.Arbitrary<Agent> =>
  fc
    .record({
      departments: fc.uniqueArray(dept, { minLength: 1, maxLength: 3 }),
      capacity: fc.nat(3),
      status: fc.constantFrom<AgentStatus>('online', 'online', 'away', 'offline'),
      connected: fc.constantFrom(true, true, true, false),
    })
    .map((r) =>
      agent(id, {
        departments: r.departments.map((i) => DEPTS[i] ?? 'pre_sales'),
        capacity: r.capacity,
        status: r.status,
        disconnectedAt: r.connected ? null : 0,
      }),
    );

const arbStart: fc.Arbitrary<RoutingState> = fc
  .tuple(arbAgent('a0'), arbAgent('a1'), arbAgent('a2'), arbAgent('a3'), fc.boolean())
  .map(([a0, a1, a2, a3, technicalHasHours]) =>
    stateOf({
      departments: [
        department('pre_sales', {
          maxQueue: 6,
          sla: { firstResponseMs: 5 * MINUTE, resolutionMs: 30 * MINUTE },
        }),
        department('technical', {
          leaveMessage: false,
          hours: technicalHasHours ? shanghaiOffice : null,
        }),
        department('post_sales', { mode: 'manual' }),
      ],
      agents: [a0, a1, a2, a3],
    }),
  );

function toEvent(cmd: Command, state: RoutingState, next: () => string): RoutingEvent | number {
  const ids = [...state.conversations.keys()];
  const conv = (i: number) => ids[i % Math.max(1, ids.length)] ?? 'none';
  const ag = (i: number) => AGENTS[i] ?? 'a0';
  const dp = (i: number) => DEPTS[i] ?? 'pre_sales';
  switch (cmd.c) {
    case 'arrive':
      return {
        type: 'conversation_queued',
        conversationId: next(),
        department: dp(cmd.dept),
        vip: cmd.vip,
      };
    case 'message':
      return { type: 'message_left', conversationId: next(), department: dp(cmd.dept), vip: false };
    case 'resolve':
      return { type: 'resolve', conversationId: conv(cmd.pick), actorId: 'someone' };
    case 'leave':
      return { type: 'left_queue', conversationId: conv(cmd.pick) };
    case 'leaveMessage':
      return {
        type: 'message_left',
        conversationId: conv(cmd.pick),
        department: 'pre_sales',
        vip: false,
      };
    case 'wrote':
      return { type: 'visitor_wrote', conversationId: conv(cmd.pick) };
    case 'reply':
      return { type: 'agent_replied', conversationId: conv(cmd.pick), agentId: 'someone' };
    case 'claim':
      return { type: 'claim', conversationId: conv(cmd.pick), agentId: ag(cmd.agent) };
    case 'reassign':
      return {
        type: 'reassign',
        conversationId: conv(cmd.pick),
        actorId: 'boss',
        agentId: ag(cmd.agent),
      };
    case 'transferDept':
      return {
        type: 'transfer',
        conversationId: conv(cmd.pick),
        actorId: 'x',
        to: { department: dp(cmd.dept) },
        note: 'n',
      };
    case 'transferAgent': {
      const to =
        cmd.dept === null
          ? { agentId: ag(cmd.agent) }
          : { agentId: ag(cmd.agent), department: dp(cmd.dept) };
      return { type: 'transfer', conversationId: conv(cmd.pick), actorId: 'x', to, note: 'n' };
    }
    case 'status':
      return { type: 'agent_status', agentId: ag(cmd.agent), status: cmd.status };
    case 'connect':
      return { type: 'agent_connected', agentId: ag(cmd.agent) };
    case 'disconnect':
      return { type: 'agent_disconnected', agentId: ag(cmd.agent) };
    case 'capacity':
      return { type: 'agent_changed', agentId: ag(cmd.agent), capacity: cmd.capacity };
    case 'departments':
      return { type: 'agent_changed', agentId: ag(cmd.agent), departments: cmd.depts.map(dp) };
    case 'disable':
      return { type: 'agent_changed', agentId: ag(cmd.agent), disabled: cmd.disabled };
    case 'advance':
      return cmd.ms;
  }
}

interface Derived {
  state: ConversationState;
  department: string;
  assigneeId: string | null;
}

/** What the log alone says about a conversation: the timeline must match the state. */
function fold(prev: Derived | undefined, e: LogEntry): Derived {
  const p = prev ?? { state: 'queued', department: '', assigneeId: null };
  switch (e.kind) {
    case 'queued':
      return { state: 'queued', department: e.department, assigneeId: null };
    case 'message_left':
      return { state: 'pending', department: e.department, assigneeId: null };
    case 'assigned':
      return { ...p, state: 'assigned', assigneeId: e.agentId };
    case 'transferred':
      return e.toAgentId
        ? { ...p, department: e.toDepartment }
        : {
            state: p.state === 'pending' ? 'pending' : 'queued',
            department: e.toDepartment,
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
      holds(compareQueueOrder(served, q) < 0, 'FIFO within a priority class', {
        served: served.id,
        left: q.id,
      });
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
    timeline.set(d.conversationId, fold(timeline.get(d.conversationId), d.log));
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
          const next = () => `c${++n}`;
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
