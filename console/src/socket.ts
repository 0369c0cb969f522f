/** The typed /agent socket. The session cookie authenticates the handshake. */
import type { AgentClientEvents, AgentServerEvents, Connection } from '@switchboard/shared';
import { io, type Socket } from 'socket.io-client';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

export function connectAgentSocket(): AgentSocket {
  // WebSocket only: no long-polling fallback, so no sticky sessions when hubs scale out.
  return io('/agent', { transports: ['websocket'], withCredentials: true });
}

/** What every console model talks to the hub through (shared/src/client/connection.ts). */
export type AgentConnection = Connection<AgentServerEvents, AgentClientEvents>;
