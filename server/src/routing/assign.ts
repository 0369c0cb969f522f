/**
 * The assignment pass that ends every route() call (issue 11, part 1.4): the
 * highest-priority, longest-waiting conversation first, each to the eligible agent with
 * the lowest load (select-agent.ts). It runs after anything that may free capacity or
 * fill a queue, whatever the event, so a backlog drains oldest first the moment a slot
 * opens (Chatwoot #10376, #10583). Manual departments are never assigned here.
 */
import type { Draft } from './draft.ts';
import type { Conversation } from './model.ts';
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
