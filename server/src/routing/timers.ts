/**
 * Everything routing does because time passed: grace periods ending and SLA moments.
 * route() applies what is due before it looks at any event, so the outcome does not
 * depend on whether the dispatcher's timer fired on time or a restart delayed it.
 */
import { requeueAll } from './agent-events.ts';
import type { Draft } from './draft.ts';
import { nextChange } from './hours.ts';
import type { RoutingState } from './model.ts';
import { dueSla, nextSlaMoment } from './sla.ts';

export function applyDue(d: Draft): void {
  for (const agent of d.agents.values()) {
    if (graceEnds(agent.disconnectedAt, agent.open, d.config.graceMs) <= d.now) {
      requeueAll(d, agent.id, 'agent_disconnected');
    }
  }
  for (const c of d.conversations.values()) {
    const next = nextSlaMoment(c);
    if (next === null || next > d.now) continue;
    for (const due of dueSla(c, d.now)) {
      const current = d.conversations.get(c.id) ?? c;
      if (due.kind === 'warning') d.slaWarning(current, due.dueAt);
      else d.slaBreach(current, due.target, due.dueAt);
    }
  }
}

/**
 * The next moment after `now` at which routing wants a `tick`: a grace period ending, an
 * SLA warning or breach, or a department opening or closing (routing changes nothing
 * then, but the edge refreshes what visitors are offered). Null if none.
 */
export function nextWake(state: RoutingState, now: number): number | null {
  let wake = Number.POSITIVE_INFINITY;
  const consider = (t: number | null) => {
    // Anything at or before now was applied by applyDue; never ask to be woken in the past.
    if (t !== null && t > now && t < wake) wake = t;
  };
  for (const agent of state.agents.values()) {
    const ends = graceEnds(agent.disconnectedAt, agent.open, state.config.graceMs);
    if (Number.isFinite(ends)) consider(ends);
  }
  for (const c of state.conversations.values()) consider(nextSlaMoment(c));
  for (const department of state.departments.values()) {
    if (department.enabled) consider(nextChange(department.hours, now));
  }
  return Number.isFinite(wake) ? wake : null;
}

/** When a disconnected agent's chats go back to the queue; never if they hold none. */
function graceEnds(disconnectedAt: number | null, open: number, graceMs: number): number {
  return disconnectedAt === null || open === 0
    ? Number.POSITIVE_INFINITY
    : disconnectedAt + graceMs;
}
