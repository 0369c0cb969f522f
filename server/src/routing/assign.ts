/**
 * Which online agent gets which waiting conversation. Pure: the caller loads the
 * state from the store, applies the decisions in one transaction, then emits.
 *
 * The walking skeleton's rule: oldest waiting conversation first, to the online agent
 * of its department holding the fewest open conversations; ties go to the agent who
 * was given one least recently, then by id so the result is deterministic. Capacity,
 * priority and fairness rules replace this function later without touching callers.
 */
export interface RoutingAgent {
  id: string;
  status: 'online' | 'away' | 'offline';
  departments: readonly string[];
  /** Open (assigned, unresolved) conversations held now. */
  load: number;
  /** When this agent was last given a conversation (epoch ms), 0 if never. */
  lastAssignedAt: number;
}

export interface WaitingConversation {
  id: string;
  department: string;
  queuedAt: number;
}

export interface RoutingState {
  agents: readonly RoutingAgent[];
  waiting: readonly WaitingConversation[];
}

export interface Assignment {
  type: 'assign';
  conversationId: string;
  agentId: string;
}

export function planAssignments(state: RoutingState, now: number): Assignment[] {
  const agents = state.agents
    .filter((a) => a.status === 'online')
    .map((a) => ({ ...a, departments: new Set(a.departments) }));
  if (agents.length === 0) return [];

  const queue = [...state.waiting].sort(
    (a, b) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const decisions: Assignment[] = [];
  for (const conversation of queue) {
    let best: (typeof agents)[number] | undefined;
    for (const agent of agents) {
      if (!agent.departments.has(conversation.department)) continue;
      if (!best || isBetter(agent, best)) best = agent;
    }
    if (!best) continue;
    decisions.push({ type: 'assign', conversationId: conversation.id, agentId: best.id });
    best.load += 1;
    best.lastAssignedAt = now;
  }
  return decisions;
}

type Ranked = Pick<RoutingAgent, 'id' | 'load' | 'lastAssignedAt'>;

function isBetter(a: Ranked, b: Ranked): boolean {
  if (a.load !== b.load) return a.load < b.load;
  if (a.lastAssignedAt !== b.lastAssignedAt) return a.lastAssignedAt < b.lastAssignedAt;
  return a.id < b.id;
}
