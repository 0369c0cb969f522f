/**
 * A visitor writing again within the reopen window (72 h) reopens the same conversation
 * (it then counts against first-contact resolution, PRODUCT.md). It goes back to its
 * last agent only if that agent could take a new chat right now — online, connected, in
 * the department, below capacity — else to the head of its queue (never to an offline
 * or away agent: Chatwoot #9587).
 */
import type { Draft } from './draft.ts';
import type { Refusal } from './model.ts';
import { availability } from './queue.ts';
import { refuse } from './refusal.ts';
import { isEligible } from './select-agent.ts';

export function visitorWrote(d: Draft, conversationId: string): Refusal | null {
  const c = d.conversations.get(conversationId);
  if (!c) return refuse('not_found', 'no such conversation');
  // Queued, assigned or pending: the message simply joins the conversation.
  if (c.state !== 'resolved') return null;
  if (c.resolvedAt === null || d.now - c.resolvedAt > d.config.reopenWindowMs) {
    return refuse('conversation_closed', 'resolved too long ago to reopen; start a new one');
  }
  const department = d.departments.get(c.department);
  if (!department) return refuse('not_found', 'no such department');
  if (!department.enabled) return refuse('department_disabled', 'department is disabled');

  const reopened = d.reopen(c, department);
  const last = c.lastAgentId === null ? undefined : d.agents.get(c.lastAgentId);
  if (last && isEligible(last, c.department)) {
    d.assign(reopened, last, 'reopen', { kind: 'system' });
    return null;
  }
  const av = availability(d.state(), department, d.now);
  if (av.status !== 'open' && av.status !== 'queue_full' && av.leaveMessage) {
    d.offerLeaveMessage(
      c.id,
      c.department,
      av.status === 'closed' ? 'closed' : 'no_agent_online',
      true,
    );
  }
  return null;
}
