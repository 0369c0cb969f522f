/**
 * Which agents have a console connected, and since when one has not. The status an
 * agent chose lives in the store; this is only the connection, which a restart loses:
 * every agent then counts as disconnected since the hub started, so those who come
 * back within the grace period keep their chats. With several hubs this moves behind
 * the same interface into Redis.
 */
export interface Presence {
  /** Counts a socket; true when it is the agent's first (they came back). */
  connected(agentId: string): boolean;
  /** Counts a socket gone; true when it was the agent's last. */
  disconnected(agentId: string, now: number): boolean;
  /** null while connected, else when the last connection went. */
  disconnectedAt(agentId: string): number | null;
}

export function createPresence(startedAt: number): Presence {
  const sockets = new Map<string, number>();
  const since = new Map<string, number>();
  return {
    connected(agentId) {
      const n = (sockets.get(agentId) ?? 0) + 1;
      sockets.set(agentId, n);
      since.delete(agentId);
      return n === 1;
    },
    disconnected(agentId, now) {
      const n = (sockets.get(agentId) ?? 0) - 1;
      if (n > 0) {
        sockets.set(agentId, n);
        return false;
      }
      sockets.delete(agentId);
      since.set(agentId, now);
      return true;
    },
    disconnectedAt(agentId) {
      return sockets.has(agentId) ? null : (since.get(agentId) ?? startedAt);
    },
  };
}
