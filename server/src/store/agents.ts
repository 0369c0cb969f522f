import type { AgentProfile, DepartmentId, Role } from '@switchboard/shared';

export interface NewAgent {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  departments: DepartmentId[];
}

/** Staff accounts, their departments, and console sessions. */
export interface AgentStore {
  /** Emails compare case-insensitively (ASCII), as people type them. */
  byEmail(email: string): Promise<(AgentProfile & { passwordHash: string }) | null>;
  byId(id: string): Promise<AgentProfile | null>;
  count(): Promise<number>;
  /**
   * Creates the agent with their department memberships, all or nothing. Rejects if
   * the id or the email (case-insensitively) is taken, or a department does not exist.
   * Departments come back sorted by id.
   */
  create(agent: NewAgent, now: number): Promise<AgentProfile>;
  /**
   * Stores a session valid until now + ttlMs. Only the token's hash is stored. Also
   * drops sessions that expired by now, of any agent.
   */
  createSession(tokenHash: string, agentId: string, now: number, ttlMs: number): Promise<void>;
  /** The session's agent; null if there is no such session or it has expired by now. */
  agentForSession(tokenHash: string, now: number): Promise<AgentProfile | null>;
  /** Ends the session; a session that does not exist is no error. */
  deleteSession(tokenHash: string): Promise<void>;
  /**
   * Replaces the agent's password hash and ends every session they had, atomically: no
   * session opened with the old password survives the change.
   */
  setPassword(agentId: string, passwordHash: string): Promise<void>;
}
