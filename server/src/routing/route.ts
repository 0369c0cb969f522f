/**
 * Routing's one entry point: `route(state, event, now)`. Pure — no I/O, no timers, no
 * clock but `now` — so the dispatcher can load, decide, apply in one transaction, emit,
 * and arm its one timer for `wakeAt`. Each call runs three steps:
 *   1. apply what fell due by `now` (grace periods, SLA moments; timers.ts),
 *   2. apply the event, or refuse it with a code,
 *   3. the assignment pass (assign.ts).
 */
import {
  agentChanged,
  agentConnected,
  agentDisconnected,
  agentStatus,
  departmentChanged,
} from './agent-events.ts';
import { assignQueued } from './assign.ts';
import {
  agentReplied,
  claim,
  conversationQueued,
  leftQueue,
  messageLeft,
  reassign,
  resolve,
  transfer,
} from './conversation-events.ts';
import { Draft } from './draft.ts';
import type { Refusal, RouteResult, RoutingEvent, RoutingState } from './model.ts';
import { visitorWrote } from './reopen.ts';
import { applyDue, nextWake } from './timers.ts';

export function route(state: RoutingState, event: RoutingEvent, now: number): RouteResult {
  const draft = new Draft(state, now);
  applyDue(draft);
  const refusal = handle(draft, event);
  assignQueued(draft);
  const after = draft.state();
  return {
    decisions: draft.decisions,
    refusal,
    wakeAt: nextWake(after, now),
    state: after,
    changed: draft.changed(),
  };
}

function handle(d: Draft, e: RoutingEvent): Refusal | null {
  switch (e.type) {
    case 'conversation_queued':
      return conversationQueued(d, e);
    case 'message_left':
      return messageLeft(d, e);
    case 'left_queue':
      return leftQueue(d, e);
    case 'visitor_wrote':
      return visitorWrote(d, e.conversationId);
    case 'agent_replied':
      return agentReplied(d, e);
    case 'resolve':
      return resolve(d, e);
    case 'claim':
      return claim(d, e);
    case 'transfer':
      return transfer(d, e);
    case 'reassign':
      return reassign(d, e);
    case 'agent_status':
      return agentStatus(d, e);
    case 'agent_connected':
      return agentConnected(d, e);
    case 'agent_disconnected':
      return agentDisconnected(d, e);
    case 'agent_changed':
      return agentChanged(d, e);
    case 'department_changed':
      return departmentChanged(d, e);
    case 'tick':
      return null;
  }
}
