/**
 * Builders for routing's tests: small states in a line, and a simulator that feeds
 * events through route() the way the dispatcher will, keeping the state it returns.
 */
import { blankConversation } from './draft.ts';
import {
  type Agent,
  type Conversation,
  DEFAULT_ROUTING_CONFIG,
  type Decision,
  type Department,
  type LogEntry,
  type RouteResult,
  type RoutingConfig,
  type RoutingEvent,
  type RoutingState,
} from './model.ts';
import { route } from './route.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function department(id: string, over: Partial<Department> = {}): Department {
  return {
    id,
    enabled: true,
    mode: 'auto',
    sla: { firstResponseMs: 30 * MINUTE, resolutionMs: 2 * HOUR },
    hours: null,
    maxQueue: null,
    leaveMessage: true,
    ...over,
  };
}

export function agent(id: string, over: Partial<Agent> = {}): Agent {
  return {
    id,
    status: 'online',
    departments: ['pre_sales'],
    capacity: 5,
    open: 0,
    lastAssignedAt: null,
    disconnectedAt: null,
    disabled: false,
    ...over,
  };
}

export function conversation(id: string, over: Partial<Conversation> = {}): Conversation {
  return { ...blankConversation(id, 'pre_sales', false, 0), queuedAt: 0, ...over };
}

export function stateOf(parts: {
  departments?: Department[];
  agents?: Agent[];
  conversations?: Conversation[];
  config?: Partial<RoutingConfig>;
}): RoutingState {
  const departments = parts.departments ?? [department('pre_sales')];
  return {
    config: { ...DEFAULT_ROUTING_CONFIG, ...parts.config },
    departments: new Map(departments.map((d) => [d.id, d])),
    agents: new Map((parts.agents ?? []).map((a) => [a.id, a])),
    conversations: new Map((parts.conversations ?? []).map((c) => [c.id, c])),
  };
}

/** Feeds events through route() in time order, keeping state, decisions and the log. */
export class Sim {
  readonly decisions: Decision[] = [];
  readonly log: LogEntry[] = [];
  last: RouteResult | null = null;

  constructor(
    public state: RoutingState,
    public now = 0,
  ) {}

  /** Routes the event at the current time (or at `at`, which must not go back). */
  run(event: RoutingEvent, at = this.now): RouteResult {
    this.now = Math.max(this.now, at);
    const result = route(this.state, event, this.now);
    this.state = result.state;
    this.decisions.push(...result.decisions);
    for (const d of result.decisions) if ('log' in d) this.log.push(d.log);
    this.last = result;
    return result;
  }

  /** Advances the clock and ticks. */
  advance(ms: number): RouteResult {
    return this.run({ type: 'tick' }, this.now + ms);
  }

  queue(conversationId: string, dept = 'pre_sales', vip = false): RouteResult {
    return this.run({ type: 'conversation_queued', conversationId, department: dept, vip });
  }

  resolve(conversationId: string, actorId = 'supervisor'): RouteResult {
    return this.run({ type: 'resolve', conversationId, actorId });
  }

  conversation(id: string): Conversation {
    const c = this.state.conversations.get(id);
    if (!c) throw new Error(`no conversation ${id}`);
    return c;
  }

  agent(id: string): Agent {
    const a = this.state.agents.get(id);
    if (!a) throw new Error(`no agent ${id}`);
    return a;
  }

  /** Who got what, in order, from the decisions so far. */
  assignments(): { conversationId: string; agentId: string; by: string }[] {
    return this.decisions.flatMap((d) =>
      d.type === 'assign'
        ? [{ conversationId: d.conversationId, agentId: d.agentId, by: d.by }]
        : [],
    );
  }
}
