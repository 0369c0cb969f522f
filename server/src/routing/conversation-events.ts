/**
 * What visitors and agents do to a conversation. Each handler checks the state and
 * either changes it through the draft's transitions or refuses with a code. Who may do
 * what is the authorization policy's question, asked before routing is.
 */
import type { Draft } from './draft.ts';
import type { Actor, Conversation, Refusal, RoutingEvent } from './model.ts';
import { availability } from './queue.ts';
import { agentRefusal, refuse } from './refusal.ts';
import { refusalFor } from './select-agent.ts';

type Of<T extends RoutingEvent['type']> = Extract<RoutingEvent, { type: T }>;

const agentActor = (id: string): Actor => ({ kind: 'agent', id });

export function conversationQueued(d: Draft, e: Of<'conversation_queued'>): Refusal | null {
  // A retried start: the first attempt already queued it.
  if (d.conversations.has(e.conversationId)) return null;
  const department = d.departments.get(e.department);
  if (!department) return refuse('invalid_payload', `unknown department ${e.department}`);
  const av = availability(d.state(), department, d.now);
  switch (av.status) {
    case 'disabled':
      return refuse('department_disabled', 'department is disabled');
    case 'closed':
    case 'queue_full':
      // Not queued: a queue outside hours or past its limit only makes people wait in vain.
      if (av.leaveMessage) d.offerLeaveMessage(e.conversationId, department.id, av.status, false);
      return av.status === 'closed'
        ? refuse('department_closed', 'outside business hours')
        : refuse('queue_full', 'the queue is full');
    case 'unstaffed':
      d.enqueueNew(e.conversationId, department, e.vip);
      if (av.leaveMessage) {
        d.offerLeaveMessage(e.conversationId, department.id, 'no_agent_online', true);
      }
      return null;
    case 'open':
      d.enqueueNew(e.conversationId, department, e.vip);
      return null;
  }
}

export function messageLeft(d: Draft, e: Of<'message_left'>): Refusal | null {
  const existing = d.conversations.get(e.conversationId) ?? null;
  const departmentId = existing?.department ?? e.department;
  const department = d.departments.get(departmentId);
  if (!department) return refuse('invalid_payload', `unknown department ${departmentId}`);
  if (!department.enabled) return refuse('department_disabled', 'department is disabled');
  if (!department.leaveMessage) {
    return refuse('leave_message_disabled', 'this department does not take messages');
  }
  if (!existing) {
    d.leaveMessage(null, e.conversationId, department.id, e.vip);
    return null;
  }
  switch (existing.state) {
    case 'pending':
      return null;
    case 'queued':
      d.leaveMessage(existing, existing.id, department.id, existing.vip);
      return null;
    case 'assigned':
      return refuse('invalid_state', 'an agent is already with this visitor');
    case 'resolved':
      return refuse('conversation_closed', 'conversation is resolved');
  }
}

export function leftQueue(d: Draft, e: Of<'left_queue'>): Refusal | null {
  const c = d.conversations.get(e.conversationId);
  if (!c) return refuse('not_found', 'no such conversation');
  if (c.state === 'resolved') return null;
  if (c.state !== 'queued') return refuse('invalid_state', 'not waiting in a queue');
  d.leaveQueue(c);
  return null;
}

export function agentReplied(d: Draft, e: Of<'agent_replied'>): Refusal | null {
  const c = d.conversations.get(e.conversationId);
  if (!c) return refuse('not_found', 'no such conversation');
  if (c.firstResponseAt === null && c.state !== 'resolved') d.firstResponse(c, e.agentId);
  return null;
}

export function resolve(d: Draft, e: Of<'resolve'>): Refusal | null {
  const c = d.conversations.get(e.conversationId);
  if (!c) return refuse('not_found', 'no such conversation');
  if (c.state !== 'resolved') d.resolve(c, agentActor(e.actorId));
  return null;
}

/** Manual claim (or taking a left message): atomic because route() is one pure step. */
export function claim(d: Draft, e: Of<'claim'>): Refusal | null {
  const c = d.conversations.get(e.conversationId);
  if (!c) return refuse('not_found', 'no such conversation');
  const agent = d.agents.get(e.agentId);
  if (!agent) return refuse('not_found', 'no such agent');
  if (c.state === 'resolved') return refuse('conversation_closed', 'conversation is resolved');
  if (c.state === 'assigned') {
    return c.assigneeId === agent.id
      ? null
      : refuse('already_assigned', 'another agent has this conversation');
  }
  const why = refusalFor(agent, c.department);
  if (why) return agentRefusal(why, true);
  d.assign(c, agent, 'claim', agentActor(agent.id));
  return null;
}

export function transfer(d: Draft, e: Of<'transfer'>): Refusal | null {
  const c = d.conversations.get(e.conversationId);
  if (!c) return refuse('not_found', 'no such conversation');
  if (c.state === 'resolved') return refuse('conversation_closed', 'conversation is resolved');
  // The next agent reads the note first; a hand-off without one loses the context.
  if (e.note.trim() === '') return refuse('invalid_payload', 'a transfer needs a note');
  const actor = agentActor(e.actorId);
  const to = 'agentId' in e.to ? (e.to.department ?? c.department) : e.to.department;
  const department = d.departments.get(to);
  if (!department) return refuse('invalid_payload', `unknown department ${to}`);
  if (!department.enabled) return refuse('department_disabled', 'department is disabled');
  if (!('agentId' in e.to)) {
    d.transfer(c, to, null, actor, e.note);
    return null;
  }
  const refusal = checkTarget(d, c, e.to.agentId, to);
  if (refusal) return refusal;
  const agent = d.agents.get(e.to.agentId);
  if (agent) d.transfer(c, to, agent, actor, e.note);
  return null;
}

/** A supervisor or admin hands the conversation to a named agent of its department. */
export function reassign(d: Draft, e: Of<'reassign'>): Refusal | null {
  const c = d.conversations.get(e.conversationId);
  if (!c) return refuse('not_found', 'no such conversation');
  if (c.state === 'resolved') return refuse('conversation_closed', 'conversation is resolved');
  if (c.state === 'assigned' && c.assigneeId === e.agentId) return null;
  const refusal = checkTarget(d, c, e.agentId, c.department);
  if (refusal) return refusal;
  const agent = d.agents.get(e.agentId);
  if (!agent) return null;
  const actor = agentActor(e.actorId);
  // Taking a chat from one agent to give it to another is a hand-off: logged as one.
  if (c.state === 'assigned') d.transfer(c, c.department, agent, actor, e.note ?? '', 'supervisor');
  else d.assign(c, agent, 'supervisor', actor);
  return null;
}

function checkTarget(
  d: Draft,
  c: Conversation,
  agentId: string,
  department: string,
): Refusal | null {
  const agent = d.agents.get(agentId);
  if (!agent) return refuse('not_found', 'no such agent');
  if (c.state === 'assigned' && c.assigneeId === agentId) {
    return refuse('invalid_state', 'that agent already has this conversation');
  }
  const why = refusalFor(agent, department);
  return why ? agentRefusal(why, false) : null;
}
