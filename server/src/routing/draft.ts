/**
 * The working copy one route() call changes. Every change to a conversation goes
 * through a transition here, and every transition records its decision with the log
 * entry that describes it, so no state change can happen without its event.
 */
import type {
  Actor,
  Agent,
  AssignedBy,
  Conversation,
  Decision,
  Department,
  LeaveMessageReason,
  LogEntry,
  RequeueReason,
  RouteResult,
  RoutingConfig,
  RoutingState,
  SlaTarget,
} from './model.ts';
import { slaTimes } from './sla.ts';

const SYSTEM: Actor = { kind: 'system' };
const VISITOR: Actor = { kind: 'visitor' };

type Distribute<T> = T extends unknown ? Omit<T, 'conversationId' | 'at' | 'actor'> : never;
type LogFields = Distribute<LogEntry>;

export class Draft {
  readonly config: RoutingConfig;
  readonly departments: Map<string, Department>;
  readonly agents: Map<string, Agent>;
  readonly conversations: Map<string, Conversation>;
  readonly decisions: Decision[] = [];
  private readonly touched = {
    conversations: new Set<string>(),
    agents: new Set<string>(),
    departments: new Set<string>(),
  };

  constructor(
    state: RoutingState,
    readonly now: number,
  ) {
    this.config = state.config;
    this.departments = new Map(state.departments);
    this.agents = new Map(state.agents);
    this.conversations = new Map(state.conversations);
  }

  state(): RoutingState {
    return {
      config: this.config,
      departments: this.departments,
      agents: this.agents,
      conversations: this.conversations,
    };
  }

  changed(): RouteResult['changed'] {
    const pick = <T>(ids: Set<string>, from: Map<string, T>): T[] =>
      [...ids].flatMap((id) => {
        const v = from.get(id);
        return v ? [v] : [];
      });
    return {
      conversations: pick(this.touched.conversations, this.conversations),
      agents: pick(this.touched.agents, this.agents),
      departments: pick(this.touched.departments, this.departments),
    };
  }

  // ——— agents and departments ———

  updateAgent(agentId: string, patch: Partial<Omit<Agent, 'id'>>, announce = true): Agent | null {
    const agent = this.agents.get(agentId);
    if (!agent) return null;
    const next = { ...agent, ...patch };
    this.agents.set(agentId, next);
    this.touched.agents.add(agentId);
    if (announce) this.announceAgent(agentId);
    return next;
  }

  /** Tells the agent's departments that what they can offer changed (once per event). */
  announceAgent(agentId: string): void {
    const already = this.decisions.some((d) => d.type === 'agent' && d.agentId === agentId);
    if (!already) this.decisions.push({ type: 'agent', agentId });
  }

  setDepartment(department: Department): void {
    this.departments.set(department.id, department);
    this.touched.departments.add(department.id);
    this.decisions.push({ type: 'department', departmentId: department.id });
  }

  offerLeaveMessage(
    conversationId: string,
    department: string,
    reason: LeaveMessageReason,
    queued: boolean,
  ): void {
    this.decisions.push({
      type: 'offer_leave_message',
      conversationId,
      department,
      reason,
      queued,
    });
  }

  // ——— conversation transitions ———

  /** A new conversation enters the tail of its department's queue. */
  enqueueNew(id: string, department: Department, vip: boolean): Conversation {
    const c = this.put({
      ...blankConversation(id, department.id, vip, this.now),
      state: 'queued',
      queuedAt: this.now,
      ...slaTimes(
        department,
        { firstResponseAt: null },
        this.now,
        this.now,
        this.config.slaWarningRatio,
      ),
    });
    this.decide(c, VISITOR, { type: 'queued', data: { department: department.id } }, (log) => ({
      type: 'queue',
      conversationId: id,
      department: department.id,
      atHead: false,
      log,
    }));
    return c;
  }

  /** Leave-a-message: a new conversation created pending, or a queued one turned pending. */
  leaveMessage(existing: Conversation | null, id: string, department: string, vip: boolean): void {
    const base = existing ?? blankConversation(id, department, vip, this.now);
    // A left message is answered when the team is back: no live SLA clocks (sla.ts).
    const c = this.put({
      ...base,
      state: 'pending',
      firstResponseWarnAt: null,
      firstResponseDueAt: null,
      resolutionDueAt: null,
    });
    this.decide(c, VISITOR, { type: 'message_left', data: {} }, (log) => ({
      type: 'message_left',
      conversationId: id,
      department,
      log,
    }));
  }

  assign(c: Conversation, agent: Agent, by: AssignedBy, actor: Actor): Conversation {
    const previous = c.state === 'assigned' ? c.assigneeId : null;
    if (previous) this.release(previous);
    const next = this.put({
      ...c,
      state: 'assigned',
      assigneeId: agent.id,
      assignedAt: this.now,
      lastAgentId: agent.id,
      transferredFrom: null,
    });
    this.updateAgent(agent.id, { open: agent.open + 1, lastAssignedAt: this.now }, false);
    this.decide(next, actor, { type: 'assigned', data: { agentId: agent.id, by } }, (log) => ({
      type: 'assign',
      conversationId: c.id,
      agentId: agent.id,
      by,
      previousAgentId: previous,
      log,
    }));
    return next;
  }

  /** Back to the head of its queue because its agent left. */
  requeue(c: Conversation, reason: RequeueReason): void {
    const from = c.assigneeId;
    if (c.state !== 'assigned' || from === null) return;
    this.release(from);
    const next = this.put({
      ...c,
      state: 'queued',
      assigneeId: null,
      queuedAt: this.now,
      atHead: true,
    });
    this.decide(next, SYSTEM, { type: 'requeued', data: { reason, fromAgentId: from } }, (log) => ({
      type: 'requeue',
      conversationId: c.id,
      reason,
      fromAgentId: from,
      log,
    }));
  }

  /**
   * Moves the conversation to another department (or hands it back to its own): to the
   * head of that queue, or still pending if it was a left message. SLA due times stay:
   * the visitor's clock does not restart because the team passed the chat on.
   */
  transfer(
    c: Conversation,
    to: string,
    toAgent: Agent | null,
    actor: Actor,
    note: string,
    by: AssignedBy = 'transfer',
  ): Conversation {
    const from = c.state === 'assigned' ? c.assigneeId : null;
    if (from && !toAgent) this.release(from);
    const toQueue = !toAgent && c.state !== 'pending';
    const next = this.put({
      ...c,
      department: to,
      ...(toQueue ? { state: 'queued' as const, queuedAt: this.now, atHead: true } : {}),
      ...(toAgent ? {} : { assigneeId: null }),
      transferredFrom: from,
    });
    this.decide(
      next,
      actor,
      {
        type: 'transferred',
        data: {
          fromDepartment: c.department,
          toDepartment: to,
          fromAgentId: from,
          toAgentId: toAgent?.id ?? null,
          note,
        },
      },
      (log) => ({
        type: 'transfer',
        conversationId: c.id,
        fromDepartment: c.department,
        toDepartment: to,
        fromAgentId: from,
        toAgentId: toAgent?.id ?? null,
        note,
        log,
      }),
    );
    return toAgent ? this.assign(next, toAgent, by, actor) : next;
  }

  /** The visitor gave up waiting: closed, counted as abandoned. */
  leaveQueue(c: Conversation): void {
    const next = this.put({ ...c, state: 'resolved', resolvedAt: this.now });
    this.decide(next, VISITOR, { type: 'left_queue', data: {} }, (log) => ({
      type: 'left_queue',
      conversationId: c.id,
      log,
    }));
  }

  resolve(c: Conversation, actor: Actor): void {
    const agentId = c.state === 'assigned' ? c.assigneeId : null;
    if (agentId) this.release(agentId);
    const next = this.put({ ...c, state: 'resolved', assigneeId: null, resolvedAt: this.now });
    this.decide(next, actor, { type: 'resolved', data: { assigneeId: agentId } }, (log) => ({
      type: 'resolve',
      conversationId: c.id,
      agentId,
      log,
    }));
  }

  /** Back to the head of its department's queue, with fresh SLA clocks for this round. */
  reopen(c: Conversation, department: Department): Conversation {
    const next = this.put({
      ...c,
      state: 'queued',
      queuedAt: this.now,
      atHead: true,
      resolvedAt: null,
      transferredFrom: null,
      ...slaTimes(department, c, this.now, this.now, this.config.slaWarningRatio),
      firstResponseWarned: false,
      firstResponseBreached: c.firstResponseAt === null ? false : c.firstResponseBreached,
      resolutionBreached: false,
    });
    this.decide(next, VISITOR, { type: 'reopened', data: {} }, (log) => ({
      type: 'reopen',
      conversationId: c.id,
      log,
    }));
    return next;
  }

  slaWarning(c: Conversation, dueAt: number): void {
    const next = this.put({ ...c, firstResponseWarned: true });
    this.decide(
      next,
      SYSTEM,
      { type: 'sla_warning', data: { target: 'first_response', dueAt } },
      (log) => ({
        type: 'sla_warning',
        conversationId: c.id,
        dueAt,
        log,
      }),
    );
  }

  slaBreach(c: Conversation, target: SlaTarget, dueAt: number): void {
    const flag = target === 'first_response' ? 'firstResponseBreached' : 'resolutionBreached';
    const next = this.put({ ...c, [flag]: true });
    this.decide(next, SYSTEM, { type: 'sla_breached', data: { target, dueAt } }, (log) => ({
      type: 'sla_breached',
      conversationId: c.id,
      target,
      dueAt,
      log,
    }));
  }

  firstResponse(c: Conversation, agentId: string): void {
    this.put({ ...c, firstResponseAt: this.now });
    this.decisions.push({ type: 'first_response', conversationId: c.id, agentId });
  }

  // ——— internals ———

  private release(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (agent) this.updateAgent(agentId, { open: Math.max(0, agent.open - 1) }, false);
  }

  private put(c: Conversation): Conversation {
    this.conversations.set(c.id, c);
    this.touched.conversations.add(c.id);
    return c;
  }

  private decide(
    c: Conversation,
    actor: Actor,
    fields: LogFields,
    make: (log: LogEntry) => Decision,
  ): void {
    const log: LogEntry = { conversationId: c.id, at: this.now, actor, ...fields };
    this.decisions.push(make(log));
  }
}

/** A conversation as it starts, before its first transition says where it is. */
export function blankConversation(
  id: string,
  department: string,
  vip: boolean,
  now: number,
): Conversation {
  return {
    id,
    department,
    state: 'queued',
    vip,
    createdAt: now,
    queuedAt: null,
    atHead: false,
    assigneeId: null,
    assignedAt: null,
    lastAgentId: null,
    transferredFrom: null,
    firstResponseAt: null,
    firstResponseWarnAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstResponseWarned: false,
    firstResponseBreached: false,
    resolutionBreached: false,
    resolvedAt: null,
  };
}
