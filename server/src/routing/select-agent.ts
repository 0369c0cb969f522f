/**
 * Which agent may take a conversation of a department, and which one should.
 */
import type { Agent } from './model.ts';

/** Connected, chose Online, not disabled. Away agents keep their chats but take no new ones. */
export function isAvailable(agent: Agent): boolean {
  return !agent.disabled && agent.status === 'online' && agent.disconnectedAt === null;
}

/** Eligible = available, member of the department, below capacity. */
export function isEligible(agent: Agent, department: string): boolean {
  return (
    isAvailable(agent) && agent.departments.includes(department) && agent.open < agent.capacity
  );
}

/**
 * Why this agent may not be handed a conversation of this department (a transfer, a
 * reassignment, a claim), or null if they may. Checked in the order a person would
 * want to hear it.
 */
export function refusalFor(
  agent: Agent,
  department: string,
): 'agent_offline' | 'agent_away' | 'agent_not_in_department' | 'agent_at_capacity' | null {
  if (agent.disabled || agent.status === 'offline' || agent.disconnectedAt !== null) {
    return 'agent_offline';
  }
  if (agent.status === 'away') return 'agent_away';
  if (!agent.departments.includes(department)) return 'agent_not_in_department';
  if (agent.open >= agent.capacity) return 'agent_at_capacity';
  return null;
}

/**
 * Lower is better: the lowest load (open ÷ capacity, compared exactly by
 * cross-multiplying), then the longest since their last assignment (never first), then
 * agent id — a stable order unrelated to when accounts were created (Rocket.Chat #6802).
 */
export function compareAgents(a: Agent, b: Agent): number {
  // Capacity 0 is unbounded load; cross-multiplying by 0 would make the order intransitive.
  const noRoom = (x: Agent) => x.capacity <= 0;
  if (noRoom(a) !== noRoom(b)) return noRoom(a) ? 1 : -1;
  const load = noRoom(a) ? 0 : a.open * b.capacity - b.open * a.capacity;
  if (load !== 0) return load;
  if (a.lastAssignedAt !== b.lastAssignedAt) {
    if (a.lastAssignedAt === null) return -1;
    if (b.lastAssignedAt === null) return 1;
    return a.lastAssignedAt - b.lastAssignedAt;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The eligible agent who should take the next conversation of the department, if any. */
export function selectAgent(
  agents: Iterable<Agent>,
  department: string,
  exclude: string | null = null,
): Agent | null {
  let best: Agent | null = null;
  for (const agent of agents) {
    if (agent.id === exclude || !isEligible(agent, department)) continue;
    if (!best || compareAgents(agent, best) < 0) best = agent;
  }
  return best;
}
