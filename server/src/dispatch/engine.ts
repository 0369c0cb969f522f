/**
 * Runs routing against the store: load the state an event needs, ask the pure
 * `route()`, write its outcome (rows and event log) in one transaction, and keep the
 * one timer armed for the next moment routing wants to be asked again. Outcomes are
 * applied one at a time, so each starts from the last one's state; with several hubs
 * one routing writer per department will hold a lease instead.
 */
import type { EventActor, Department as SharedDepartment } from '@switchboard/shared';
import { permits } from '../policy/policy.ts';
import {
  type Agent,
  type Availability,
  availability,
  DEFAULT_ROUTING_CONFIG,
  type Department,
  type LogEntry,
  type Conversation as Routed,
  type RouteResult,
  type RoutingConfig,
  type RoutingEvent,
  type RoutingState,
  route,
} from '../routing/index.ts';
import type { EventDraft } from '../store/events.ts';
import type { NewMessage } from '../store/messages.ts';
import type {
  NewConversation,
  RoutedRecord,
  RoutingAgentRecord,
  RoutingRecord,
  RoutingStore,
} from '../store/routing.ts';
import type { Presence } from './presence.ts';

/** Setting a timeout further out than this overflows it (Node fires it at once). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface EngineDeps {
  store: { routing: RoutingStore };
  presence: Presence;
  now: () => number;
  config?: Partial<RoutingConfig>;
  /**
   * What the timer's own run changed (a grace period over, an SLA moment): nobody
   * called for it, so this is the only way the people concerned hear of it.
   */
  onTimer: (outcome: Outcome) => Promise<void>;
  onError: (error: unknown) => void;
}

/**
 * What the caller adds to an event, written with its outcome unless routing refuses
 * it: a conversation it creates, a message it appends, a left message's sender.
 */
export interface RunOptions {
  created?: { conversation: NewConversation; message: Omit<NewMessage, 'conversationId'> };
  appended?: NewMessage;
  sender?: { name: string; email: string };
}

export interface Outcome {
  result: RouteResult;
  /** The changed conversations as clients see them, after the write. */
  written: Written;
  /** Whose each loaded conversation is: the visitor to tell about it. */
  visitorOf: ReadonlyMap<string, string>;
  /** Roles of the agents, for who keeps following a conversation handed on. */
  roleOf: ReadonlyMap<string, string>;
}

export function createRoutingEngine({
  store,
  presence,
  now,
  config,
  onTimer,
  onError,
}: EngineDeps) {
  const routingConfig: RoutingConfig = { ...DEFAULT_ROUTING_CONFIG, ...config };
  let last: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function arm(wakeAt: number | null): void {
    clearTimeout(timer);
    timer = undefined;
    if (wakeAt === null || closed) return;
    const delay = Math.min(MAX_TIMEOUT_MS, Math.max(0, wakeAt - now()));
    timer = setTimeout(() => void run({ type: 'tick' }).then(onTimer).catch(onError), delay);
    timer.unref?.();
  }

  /**
   * Routing's view of the store, kept between events: this engine is the one routing
   * writer, so what it wrote is what the store holds, and each outcome is patched in
   * rather than every open conversation and agent read again per event. It is read
   * afresh when it cannot know: at start, after an admin's change (agents and
   * departments are written outside routing), for an agent, department or
   * conversation it does not hold (a new agent, a resolved conversation written to
   * again), after a visitor gives their name, and after a failed write. With several
   * hubs, the routing lease-holder keeps it the same way.
   */
  let view: View | null = null;

  async function load(named: readonly string[]): Promise<View> {
    const record = await store.routing.load(named);
    return {
      departments: record.departments,
      agents: new Map(record.agents.map((a) => [a.profile.id, a])),
      conversations: new Map(record.conversations.map((c) => [c.conversation.id, c])),
    };
  }

  async function viewFor(event: RoutingEvent, options: RunOptions): Promise<View> {
    const created = options.created?.conversation.id;
    const ids = named(event).filter((id) => id !== created);
    const held = view;
    const fresh =
      held !== null &&
      !RELOADS.has(event.type) &&
      agentsNamed(event).every((id) => held.agents.has(id)) &&
      departmentsNamed(event).every((id) => held.departments.some((d) => d.id === id)) &&
      ids.every((id) => held.conversations.has(id));
    if (fresh) return held;
    view = await load(ids);
    return view;
  }

  /** Brings the view up to what an outcome wrote; resolved conversations leave it. */
  function patch(v: View, event: RoutingEvent, result: RouteResult, written: Written): void {
    for (const c of result.changed.conversations) {
      if (c.state === 'resolved') {
        v.conversations.delete(c.id);
        continue;
      }
      const known = v.conversations.get(c.id) ?? written.conversations.find((w) => w.id === c.id);
      if (!known) throw new Error(`routing wrote ${c.id} without its visitor`);
      v.conversations.set(c.id, {
        conversation: c,
        visitorId: known.visitorId,
        visitorName: known.visitorName,
      });
    }
    for (const a of result.changed.agents) {
      const known = v.agents.get(a.id);
      if (!known) continue;
      v.agents.set(a.id, { ...known, status: a.status, lastAssignedAt: a.lastAssignedAt });
    }
    // A resolved conversation loaded because the event named it goes again.
    for (const id of named(event)) {
      if (v.conversations.get(id)?.conversation.state === 'resolved') v.conversations.delete(id);
    }
  }

  async function runNow(event: RoutingEvent, options: RunOptions): Promise<Outcome> {
    const at = now();
    const record = await viewFor(event, options);
    const { state, names, visitors } = buildState(record, presence, routingConfig);
    const result = route(state, event, at);
    // A refused event changes nothing of its own, but what fell due still applies.
    const { created, appended } = result.refusal ? {} : options;
    const events = result.decisions.flatMap((d) =>
      'log' in d
        ? [{ conversationId: d.log.conversationId, event: draft(d.log, names, visitors, options) }]
        : [],
    );
    const agents = result.changed.agents.map((a) => ({
      id: a.id,
      status: a.status,
      lastAssignedAt: a.lastAssignedAt,
    }));
    const { conversations } = result.changed;
    let written: Written = { conversations: [], message: null };
    if (created || appended || events.length > 0 || conversations.length > 0 || agents.length > 0) {
      try {
        written = await store.routing.apply(
          { created, appended, conversations, agents, events },
          at,
        );
      } catch (error) {
        // Nothing was written: read afresh next time, and keep the timer going.
        view = null;
        arm(result.wakeAt);
        throw error;
      }
    }
    try {
      patch(record, event, result, written);
    } catch (error) {
      view = null;
      onError(error);
    }
    arm(result.wakeAt);
    const visitorOf = new Map([...visitors].map(([id, v]) => [id, v.id]));
    // The conversation being started was not in the store to load: its visitor must
    // still hear their position, or the offer to leave a message (also on a refusal).
    if (options.created) {
      visitorOf.set(options.created.conversation.id, options.created.conversation.visitorId);
    }
    const roleOf = new Map([...record.agents.values()].map((a) => [a.profile.id, a.profile.role]));
    return { result, written, visitorOf, roleOf };
  }

  /**
   * For reads that decide nothing. Only runs (serialized) set the view: a read racing
   * one must not put back a copy older than what that run writes.
   */
  async function current(): Promise<RoutingState> {
    return buildState(view ?? (await load([])), presence, routingConfig).state;
  }

  /** Applies one event after the ones before it have been written. */
  function run(event: RoutingEvent, options: RunOptions = {}): Promise<Outcome> {
    const outcome = last.then(() => runNow(event, options));
    last = outcome.catch(() => undefined);
    return outcome;
  }

  return {
    run,
    /** Chat, or leave-a-message, for a department now; null for an unknown one. */
    async availability(departmentId: string): Promise<Availability | null> {
      const state = await current();
      const department = state.departments.get(departmentId);
      return department ? availability(state, department, now()) : null;
    },
    /** Routing's state as the store holds it now, for a read that decides nothing. */
    current,
    /** Something routing decides by changed outside it (an admin's write): read afresh. */
    invalidate(): void {
      view = null;
    },
    /** Stops the timer; outcomes already asked for still complete. */
    async close(): Promise<void> {
      closed = true;
      clearTimeout(timer);
      await last;
    },
  };
}

export type RoutingEngine = ReturnType<typeof createRoutingEngine>;

/** What the engine keeps of the store between events (see `view`). */
interface View {
  departments: RoutingRecord['departments'];
  agents: Map<string, RoutingAgentRecord>;
  conversations: Map<string, RoutedRecord>;
}

type Written = Awaited<ReturnType<RoutingStore['apply']>>;

/** Events after which the view is read afresh: an admin changed what routing decides by. */
const RELOADS: ReadonlySet<RoutingEvent['type']> = new Set(['agent_changed', 'department_changed']);

/** The agents an event names, who must be in the view. */
function agentsNamed(event: RoutingEvent): string[] {
  const ids: string[] = [];
  if ('agentId' in event) ids.push(event.agentId);
  if ('actorId' in event) ids.push(event.actorId);
  if (event.type === 'transfer' && 'agentId' in event.to) ids.push(event.to.agentId);
  return ids;
}

/** The departments an event names, which must be in the view. */
function departmentsNamed(event: RoutingEvent): string[] {
  if (event.type === 'conversation_queued' || event.type === 'message_left') {
    return [event.department];
  }
  if (event.type === 'transfer' && event.to.department) return [event.to.department];
  return [];
}

/** The resolved conversation an event names must be loaded too (a reopen, a retry). */
function named(event: RoutingEvent): string[] {
  return 'conversationId' in event ? [event.conversationId] : [];
}

/** Routing decides by a department's settings; its names are for people. */
export function routingDepartment({ name: _, ...settings }: SharedDepartment): Department {
  return settings;
}

function buildState(record: View, presence: Presence, config: RoutingConfig) {
  const conversations = new Map<string, Routed>();
  const visitors = new Map<string, { id: string; name: string | null }>();
  const open = new Map<string, number>();
  for (const r of record.conversations.values()) {
    conversations.set(r.conversation.id, r.conversation);
    visitors.set(r.conversation.id, { id: r.visitorId, name: r.visitorName });
    const holder = r.conversation.state === 'assigned' ? r.conversation.assigneeId : null;
    if (holder) open.set(holder, (open.get(holder) ?? 0) + 1);
  }
  const agents = new Map<string, Agent>();
  const names = new Map<string, string>();
  for (const { profile, status, lastAssignedAt } of record.agents.values()) {
    names.set(profile.id, profile.name);
    agents.set(profile.id, {
      id: profile.id,
      status,
      departments: profile.departments,
      // Whether a role may hold chats at all (QA may not) is the policy's; routing
      // then never gives them one.
      capacity: permits(profile.role, 'conversation:hold') ? profile.capacity : 0,
      open: open.get(profile.id) ?? 0,
      lastAssignedAt,
      disconnectedAt: presence.disconnectedAt(profile.id),
      disabled: profile.disabled,
    });
  }
  const departments = new Map(record.departments.map((d) => [d.id, routingDepartment(d)]));
  const state: RoutingState = { config, departments, agents, conversations };
  return { state, names, visitors };
}

/** A routing log entry as the event log stores it, with the names routing cannot know. */
function draft(
  entry: LogEntry,
  names: ReadonlyMap<string, string>,
  visitors: ReadonlyMap<string, { id: string; name: string | null }>,
  options: RunOptions,
): EventDraft {
  const visitor = visitors.get(entry.conversationId) ??
    (options.created && { id: options.created.conversation.visitorId, name: null }) ?? {
      id: null,
      name: null,
    };
  const actor: EventActor =
    entry.actor.kind === 'system'
      ? { kind: 'system', id: null, name: null }
      : entry.actor.kind === 'visitor'
        ? { kind: 'visitor', id: visitor.id, name: visitor.name }
        : { kind: 'agent', id: entry.actor.id, name: names.get(entry.actor.id) ?? null };
  switch (entry.type) {
    case 'assigned':
      return {
        type: entry.type,
        actor,
        data: { ...entry.data, agentName: names.get(entry.data.agentId) ?? '' },
      };
    case 'message_left':
      return {
        type: entry.type,
        actor,
        data: { name: options.sender?.name ?? '', email: options.sender?.email ?? '' },
      };
    case 'queued':
      return { type: entry.type, actor, data: entry.data };
    case 'transferred':
      return { type: entry.type, actor, data: entry.data };
    case 'requeued':
      return { type: entry.type, actor, data: entry.data };
    case 'left_queue':
      return { type: entry.type, actor, data: entry.data };
    case 'sla_warning':
      return { type: entry.type, actor, data: entry.data };
    case 'sla_breached':
      return { type: entry.type, actor, data: entry.data };
    case 'resolved':
      return { type: entry.type, actor, data: entry.data };
    case 'reopened':
      return { type: entry.type, actor, data: entry.data };
  }
}
