import type { AgentProfile, DepartmentId, Role } from '@switchboard/shared';

export interface NewAgent {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  departments: DepartmentId[];
  /** Default DEFAULT_CAPACITY. */
  capacity?: number;
}

/** What an admin changes; a field left out keeps its value. */
export interface AgentPatch {
  name?: string;
  role?: Role;
  /** Replaces every membership. */
  departments?: DepartmentId[];
  capacity?: number;
  /** true signs the agent out everywhere, in the same transaction. */
  disabled?: boolean;
}

export type AgentUpdate =
  | { ok: true; agent: AgentProfile }
  /**
   * not_found: no such agent. invalid_state: the change would leave no enabled admin
   * (nobody could manage the hub any more).
   */
  | { ok: false; code: 'not_found' | 'invalid_state' };

/** Staff accounts, their departments, and console sessions. */
export interface AgentStore {
  /**
   * Emails compare case-insensitively (ASCII), as people type them. Disabled agents
   * are found too: sign-in tells them so.
   */
  byEmail(email: string): Promise<(AgentProfile & { passwordHash: string }) | null>;
  byId(id: string): Promise<AgentProfile | null>;
  /** Every agent, disabled ones too, by name, then id. */
  list(): Promise<AgentProfile[]>;
  count(): Promise<number>;
  /**
   * Creates the agent with their department memberships, all or nothing. Rejects with
   * StoreConflict if the id or the email (case-insensitively) is taken, and rejects if a
   * department does not exist. Departments come back sorted by id.
   */
  create(agent: NewAgent, now: number): Promise<AgentProfile>;
  /**
   * Applies the patch atomically: the new departments replace the old ones whole, and
   * `disabled: true` deletes every session of the agent in the same transaction, so no
   * session outlives the change. Refuses, writing nothing, a change that would leave no
   * enabled admin, also when two such changes race. Rejects, writing nothing, if a
   * department does not exist.
   */
  update(id: string, patch: AgentPatch): Promise<AgentUpdate>;
  /**
   * Stores a session valid until now + ttlMs. Only the token's hash is stored. Also
   * drops sessions that expired by now, of any agent.
   */
  createSession(tokenHash: string, agentId: string, now: number, ttlMs: number): Promise<void>;
  /**
   * The session's agent; null if there is no such session, it has expired by now, or
   * the agent is disabled.
   */
  agentForSession(tokenHash: string, now: number): Promise<AgentProfile | null>;
  /** Ends the session; a session that does not exist is no error. */
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of the agent. */
  deleteSessionsOf(agentId: string): Promise<void>;
  /**
   * Replaces the agent's password hash and ends every session they had, atomically: no
   * session opened with the old password survives the change.
   */
  setPassword(agentId: string, passwordHash: string): Promise<void>;
}
