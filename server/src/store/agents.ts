import type { AgentProfile, DepartmentId, Role } from '@switchboard/shared';
import type { AuditStamp } from './audit.ts';

export interface NewAgent {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  departments: DepartmentId[];
  /** Default DEFAULT_CAPACITY. */
  capacity?: number;
  /** A temporary password (generated for them): they choose their own first. */
  mustChangePassword?: boolean;
}

/** A new password and what comes with it. */
export interface PasswordChange {
  passwordHash: string;
  /** Temporary (generated, or chosen by someone else): they must change it first. */
  mustChange: boolean;
  /** The session to keep (the agent's own, changing their password); all others end. */
  keepSession?: string;
  /**
   * Who did it: recorded as `agent.password_changed` when the actor is the agent,
   * `agent.password_reset` otherwise. Never the password or its hash.
   */
  audit?: AuditStamp;
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
   * department does not exist. Departments come back sorted by id. With `audit`, the
   * `agent.created` entry (every field but the password) is written in the same
   * transaction.
   */
  create(agent: NewAgent, now: number, audit?: AuditStamp): Promise<AgentProfile>;
  /**
   * Applies the patch atomically: the new departments replace the old ones whole, and
   * `disabled: true` deletes every session of the agent in the same transaction, so no
   * session outlives the change. Refuses, writing nothing, a change that would leave no
   * enabled admin, also when two such changes race. Rejects, writing nothing, if a
   * department does not exist. With `audit`, the entry is written in the same
   * transaction: `agent.disabled` or `agent.enabled` when the patch flips `disabled`,
   * else `agent.updated`, with the fields that changed before → after; a patch that
   * changes nothing records nothing.
   */
  update(id: string, patch: AgentPatch, audit?: AuditStamp): Promise<AgentUpdate>;
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
   * Replaces the agent's password hash and ends every session they had (but
   * `keepSession`), atomically: no other session opened with the old password survives
   * the change. False, writing nothing, if there is no such agent.
   */
  setPassword(agentId: string, change: PasswordChange): Promise<boolean>;
}
