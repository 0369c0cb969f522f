/**
 * The assignment pass that ends every route() call (issue 11, part 1.4): the
 * highest-priority, longest-waiting conversation first, each to the eligible agent with
 * the lowest load (select-agent.ts). It runs after anything that may free capacity or
 * fill a queue, whatever the event, so a backlog drains oldest first the moment a slot
 * opens (Chatwoot #10376, #10583). Manual departments are never assigned here.
 */
import { blankConversation, Draft } from './draft.ts';
import { type Agent, type Conversation, DEFAULT_ROUTING_CONFIG, type Department } from './model.ts';
import { compareQueueOrder } from './queue.ts';
import { isAvailable, selectAgent } from './select-agent.ts';

export function assignQueued(d: Draft): void {
  // Most events find every agent busy: then there is nothing to sort.
  const staffed = new Set<string>();
  for (const agent of d.agents.values()) {
    if (agent.open >= agent.capacity || !isAvailable(agent)) continue;
    for (const department of agent.departments) {
      if (d.departments.get(department)?.mode === 'auto') staffed.add(department);
    }
  }
  if (staffed.size === 0) return;
  const queued: Conversation[] = [];
  for (const c of d.conversations.values()) {
    if (c.state === 'queued' && staffed.has(c.department)) queued.push(c);
  }
  queued.sort(compareQueueOrder);
  // Eligibility only shrinks during the pass: once a department has nobody left, skip it.
  const exhausted = new Set<string>();
  for (const c of queued) {
    if (exhausted.has(c.department)) continue;
    // Whoever transferred it away is not handed it back.
    const agent = selectAgent(d.agents.values(), c.department, c.transferredFrom);
    if (agent) d.assign(c, agent, 'auto', { kind: 'system' });
    else if (!selectAgent(d.agents.values(), c.department)) exhausted.add(c.department);
  }
}

/** The walking skeleton's agent: no capacity yet, `load` = open conversations. */
export interface SkeletonAgent {
  id: string;
  status: 'online' | 'away' | 'offline';
  departments: readonly string[];
  load: number;
  /** Epoch ms; 0 if never. */
  lastAssignedAt: number;
}

export interface SkeletonSnapshot {
  agents: readonly SkeletonAgent[];
  waiting: readonly { id: string; department: string; queuedAt: number }[];
}

/**
 * The dispatcher's entry point until it routes every event through route(): the same
 * pass over a skeleton snapshot, every department automatic and no capacity limit (all
 * agents get one capacity larger than anything the pass can fill, so load compares
 * open conversations exactly as before).
 */
export function planAssignments(
  snapshot: SkeletonSnapshot,
  now: number,
): { type: 'assign'; conversationId: string; agentId: string }[] {
  const unbounded =
    snapshot.waiting.length + Math.max(0, ...snapshot.agents.map((a) => a.load)) + 1;
  const departments = new Map<string, Department>();
  for (const w of snapshot.waiting) {
    departments.set(w.department, {
      id: w.department,
      enabled: true,
      mode: 'auto',
      sla: null,
      hours: null,
      maxQueue: null,
      leaveMessage: false,
    });
  }
  const agents = new Map<string, Agent>(
    snapshot.agents.map((a) => [
      a.id,
      {
        id: a.id,
        status: a.status,
        departments: a.departments,
        capacity: unbounded,
        open: a.load,
        lastAssignedAt: a.lastAssignedAt === 0 ? null : a.lastAssignedAt,
        disconnectedAt: null,
        disabled: false,
      },
    ]),
  );
  const conversations = new Map<string, Conversation>(
    snapshot.waiting.map((w) => [
      w.id,
      { ...blankConversation(w.id, w.department, false, w.queuedAt), queuedAt: w.queuedAt },
    ]),
  );
  const draft = new Draft(
    { config: DEFAULT_ROUTING_CONFIG, departments, agents, conversations },
    now,
  );
  assignQueued(draft);
  return draft.decisions.flatMap((d) =>
    d.type === 'assign'
      ? [{ type: 'assign' as const, conversationId: d.conversationId, agentId: d.agentId }]
      : [],
  );
}
