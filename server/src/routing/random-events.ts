/**
 * Random days at the service desk for route.property.test.ts: a starting team and a
 * stream of commands, turned into routing events against the current state (so they
 * name conversations that exist).
 */
import fc from 'fast-check';
import { agent, department, HOUR, MINUTE, stateOf } from './fixtures.ts';
import type { BusinessHours } from './hours.ts';
import type { Agent, AgentStatus, RoutingEvent, RoutingState } from './model.ts';

export const DEPTS = ['pre_sales', 'technical', 'post_sales'] as const;
export const AGENTS = ['a0', 'a1', 'a2', 'a3'] as const;
/** Monday 2025-03-03 00:00 Shanghai. */
export const START = 1_740_931_200_000; // 2025-03-02T16:00:00Z

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

export type Command =
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
export const command: fc.Arbitrary<Command> = fc.oneof(
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

export const arbStart: fc.Arbitrary<RoutingState> = fc
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

/** A command as an event, or a number of ms to advance the clock by (then a tick). */
export function toEvent(
  cmd: Command,
  state: RoutingState,
  next: () => string,
): RoutingEvent | number {
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
