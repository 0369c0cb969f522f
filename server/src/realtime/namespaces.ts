import type {
  AgentClientEvents,
  AgentProfile,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '@switchboard/shared';
import type { Namespace, Server } from 'socket.io';
import type { Visitor } from '../store/visitors.ts';

export interface VisitorData {
  visitor: Visitor;
  token: string;
  /** The client address the limits count this visitor against. */
  address: string;
}

export interface AgentData {
  agent: AgentProfile;
  /** Hash of the session token, so signing out can close this socket. */
  session: string;
}

export type VisitorNamespace = Namespace<
  VisitorClientEvents,
  VisitorServerEvents,
  Record<string, never>,
  VisitorData
>;

export type AgentNamespace = Namespace<
  AgentClientEvents,
  AgentServerEvents,
  Record<string, never>,
  AgentData
>;

export interface Namespaces {
  visitor: VisitorNamespace;
  agent: AgentNamespace;
}

/**
 * The hub's two namespaces, each typed with its own event maps. One Server carries
 * both, and Socket.IO types a server with a single pair of maps (`of()` returns the
 * server's), so this is the one place where each namespace is narrowed to its maps;
 * every handler and emit beyond it is checked against them.
 */
export function namespaces(io: Server): Namespaces {
  return {
    visitor: io.of('/visitor') as unknown as VisitorNamespace,
    agent: io.of('/agent') as unknown as AgentNamespace,
  };
}
