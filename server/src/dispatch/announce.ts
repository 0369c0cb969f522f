/**
 * Tells everyone concerned what a routing outcome changed: the conversations'
 * participants, the agents who now follow or no longer follow them, visitors still
 * queued (their position and wait), staff boards (queue lengths), and supervisors (SLA).
 */
import { estimateWait, queuePosition, queueStats } from '../routing/index.ts';
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
}

export async function announce({ store, broadcast, now }: AnnounceDeps, outcome: Outcome) {
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
      const position = queuePosition(result.state, c.id);
      if (!visitorId || position === null) continue;
      broadcast.queuePosition(visitorId, {
        conversationId: c.id,
        position,
        estimatedWaitMs: estimateWait(result.state, c.id, handleTimes),
      });
    }
  }

  function unfollow(agentId: string, conversationId: string): void {
    if (!OVERSEERS.has(roleOf.get(agentId) ?? '')) broadcast.unfollow(agentId, conversationId);
  }
}
