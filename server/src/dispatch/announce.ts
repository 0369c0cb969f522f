/**
 * Tells everyone concerned what a routing outcome changed: the conversations'
 * participants, the agents who now follow or no longer follow them, visitors still
 * queued (their position and wait), staff boards (queue lengths), and supervisors (SLA).
 */
import type { QueuePosition } from '@switchboard/shared';
import { estimateWait, queuePosition, queueStats, type RoutingState } from '../routing/index.ts';
import type { Store } from '../store/store.ts';
import type { Broadcast } from './dispatcher.ts';
import type { Outcome } from './engine.ts';

/** Handle times the wait estimate looks back over. */
const HANDLE_SAMPLES = 20;

/** Roles that keep following a conversation they handed on. */
const OVERSEERS = new Set(['supervisor', 'admin']);

export interface AnnounceDeps {
  store: Pick<Store, 'routing'>;
  broadcast: Broadcast;
  now: () => number;
  /**
   * The last position and estimate each queued visitor was told, so an outcome tells
   * only those whose place changed: a new arrival at the back moves nobody, and a long
   * queue is not re-sent in full on every event. Visitors who reconnect ask again
   * (see `positionOf`).
   */
  told: Map<string, string>;
}

/** Where a queued conversation stands: its place and estimated wait; null if not queued. */
export async function positionOf(
  store: Pick<Store, 'routing'>,
  state: RoutingState,
  conversationId: string,
): Promise<QueuePosition | null> {
  const c = state.conversations.get(conversationId);
  if (!c) return null;
  const handleTimes = await store.routing.recentHandleTimes(c.department, HANDLE_SAMPLES);
  return placeIn(state, conversationId, handleTimes);
}

function placeIn(
  state: RoutingState,
  conversationId: string,
  handleTimes: readonly number[],
): QueuePosition | null {
  const position = queuePosition(state, conversationId);
  if (position === null) return null;
  return {
    conversationId,
    position,
    estimatedWaitMs: estimateWait(state, conversationId, handleTimes),
  };
}

export async function announce({ store, broadcast, now, told }: AnnounceDeps, outcome: Outcome) {
  const { result, written, visitorOf, roleOf } = outcome;
  const departments = new Set<string>();
  for (const d of result.decisions) {
    switch (d.type) {
      case 'assign':
        broadcast.follow(d.agentId, d.conversationId);
        if (d.previousAgentId) unfollow(d.previousAgentId, d.conversationId);
        break;
      case 'requeue':
        unfollow(d.fromAgentId, d.conversationId);
        break;
      case 'transfer':
        if (d.fromAgentId) unfollow(d.fromAgentId, d.conversationId);
        departments.add(d.fromDepartment);
        break;
      case 'offer_leave_message': {
        const visitorId = visitorOf.get(d.conversationId);
        // The offer as the protocol declares it, not the decision it came from.
        const { conversationId, department, reason, queued } = d;
        if (visitorId) {
          broadcast.offerLeaveMessage(visitorId, { conversationId, department, reason, queued });
        }
        break;
      }
      case 'sla_warning':
      case 'sla_breached': {
        const c = result.state.conversations.get(d.conversationId);
        broadcast.sla({
          conversationId: d.conversationId,
          department: c?.department ?? '',
          kind: d.type === 'sla_warning' ? 'warning' : 'breach',
          target: d.type === 'sla_warning' ? 'first_response' : d.target,
          dueAt: d.dueAt,
        });
        break;
      }
      case 'agent':
        // Freed or added capacity changes every estimate of the agent's departments.
        for (const dep of result.state.agents.get(d.agentId)?.departments ?? []) {
          departments.add(dep);
        }
        break;
      default:
        break;
    }
  }
  for (const c of written.conversations) {
    broadcast.conversation(c);
    departments.add(c.department);
    if (c.status !== 'queued') told.delete(c.id);
  }
  for (const department of departments) {
    const stats = queueStats(result.state, department, now());
    broadcast.queueStats({ department, ...stats });
    const queued = [...result.state.conversations.values()].filter(
      (c) => c.state === 'queued' && c.department === department,
    );
    if (queued.length === 0) continue;
    const handleTimes = await store.routing.recentHandleTimes(department, HANDLE_SAMPLES);
    for (const c of queued) {
      const visitorId = visitorOf.get(c.id);
      const place = placeIn(result.state, c.id, handleTimes);
      if (!visitorId || !place) continue;
      const key = `${place.position}:${place.estimatedWaitMs}`;
      if (told.get(c.id) === key) continue;
      told.set(c.id, key);
      broadcast.queuePosition(visitorId, place);
    }
  }

  function unfollow(agentId: string, conversationId: string): void {
    if (!OVERSEERS.has(roleOf.get(agentId) ?? '')) broadcast.unfollow(agentId, conversationId);
  }
}
