import type { AgentProfile, AgentStatus } from '@switchboard/shared';

/**
 * Which agents are connected and what status they chose. Lives in memory on purpose:
 * after a restart every agent is offline until their console reconnects.
 */
export function createPresence() {
  const agents = new Map<string, { profile: AgentProfile; status: AgentStatus; sockets: number }>();
  return {
    connected(profile: AgentProfile): AgentStatus {
      const entry = agents.get(profile.id) ?? { profile, status: 'offline', sockets: 0 };
      entry.profile = profile;
      entry.sockets += 1;
      agents.set(profile.id, entry);
      return entry.status;
    },
    /** Returns true when the agent's last socket left, which takes them offline. */
    disconnected(agentId: string): boolean {
      const entry = agents.get(agentId);
      if (!entry) return false;
      entry.sockets -= 1;
      if (entry.sockets > 0) return false;
      agents.delete(agentId);
      return true;
    },
    setStatus(agentId: string, status: AgentStatus): void {
      const entry = agents.get(agentId);
      if (entry) entry.status = status;
    },
    status(agentId: string): AgentStatus {
      return agents.get(agentId)?.status ?? 'offline';
    },
    /** Connected agents with their status, for routing. */
    connectedAgents(): { profile: AgentProfile; status: AgentStatus }[] {
      return [...agents.values()];
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
