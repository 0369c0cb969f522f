/**
 * Agents' status, connection and settings, and admins' department changes. Freed or
 * added capacity is picked up by the assignment pass that ends every route() call.
 */
import type { Draft } from './draft.ts';
import { isValidTimeZone } from './hours.ts';
import type { Agent, Refusal, RequeueReason, RoutingEvent } from './model.ts';
import { refuse } from './refusal.ts';

type Of<T extends RoutingEvent['type']> = Extract<RoutingEvent, { type: T }>;

export function agentStatus(d: Draft, e: Of<'agent_status'>): Refusal | null {
  const agent = d.agents.get(e.agentId);
  if (!agent) return refuse('not_found', 'no such agent');
  if (agent.status !== e.status) d.updateAgent(agent.id, { status: e.status });
  // Offline is signing out: nobody is coming back for these chats.
  if (e.status === 'offline') requeueAll(d, agent.id, 'agent_signed_out');
  return null;
}

export function agentConnected(d: Draft, e: Of<'agent_connected'>): Refusal | null {
  const agent = d.agents.get(e.agentId);
  if (!agent) return refuse('not_found', 'no such agent');
  if (agent.disconnectedAt !== null) d.updateAgent(agent.id, { disconnectedAt: null });
  // The caller's presence may already count the connection; the arrival is news anyway.
  d.announceAgent(agent.id);
  return null;
}

export function agentDisconnected(d: Draft, e: Of<'agent_disconnected'>): Refusal | null {
  const agent = d.agents.get(e.agentId);
  if (!agent) return refuse('not_found', 'no such agent');
  if (agent.disconnectedAt === null) d.updateAgent(agent.id, { disconnectedAt: d.now });
  d.announceAgent(agent.id);
  return null;
}

export function agentChanged(d: Draft, e: Of<'agent_changed'>): Refusal | null {
  const agent = d.agents.get(e.agentId);
  if (!agent) return refuse('not_found', 'no such agent');
  if (e.capacity !== undefined && !(Number.isInteger(e.capacity) && e.capacity >= 0)) {
    return refuse('invalid_payload', 'capacity must be a whole number, 0 or more');
  }
  const patch: Partial<Agent> = {};
  // Lowering capacity below what an agent holds takes nothing away; they just get no more.
  if (e.capacity !== undefined) patch.capacity = e.capacity;
  if (e.departments !== undefined) patch.departments = [...e.departments];
  if (e.disabled !== undefined) patch.disabled = e.disabled;
  if (e.disabled === true) patch.status = 'offline';
  d.updateAgent(agent.id, patch);
  if (e.disabled === true) requeueAll(d, agent.id, 'agent_disabled');
  return null;
}

export function departmentChanged(d: Draft, e: Of<'department_changed'>): Refusal | null {
  const { department } = e;
  if (department.hours && !isValidTimeZone(department.hours.timeZone)) {
    return refuse('invalid_payload', `unknown time zone ${department.hours.timeZone}`);
  }
  if (department.maxQueue !== null && !(department.maxQueue >= 0)) {
    return refuse('invalid_payload', 'maxQueue must be 0 or more');
  }
  d.setDepartment(department);
  return null;
}

/** Everything the agent holds goes to the head of its queue, oldest conversation first. */
export function requeueAll(d: Draft, agentId: string, reason: RequeueReason): void {
  const held = [...d.conversations.values()]
    .filter((c) => c.state === 'assigned' && c.assigneeId === agentId)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  for (const c of held) d.requeue(c, reason);
}
