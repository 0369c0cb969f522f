import { type AgentProfile, DEFAULT_CAPACITY, type Role } from '@switchboard/shared';
import Database from 'better-sqlite3';
import type { AgentPatch, AgentStore, AgentUpdate, NewAgent, PasswordChange } from '../agents.ts';
import { type AuditStamp, created, diff } from '../audit.ts';
import { StoreConflict } from '../errors.ts';
import type { AuditLog } from './audit.ts';
import type { Db } from './db.ts';

interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  capacity: number;
  disabled: 0 | 1;
  must_change_password: 0 | 1;
  departments: string | null;
}

const SELECT_AGENT = `
  SELECT a.id, a.email, a.name, a.role, a.password_hash, a.capacity, a.disabled,
         a.must_change_password,
         (SELECT group_concat(department_id) FROM agent_departments d WHERE d.agent_id = a.id)
           AS departments
  FROM agents a`;

export function createAgentStore(db: Db, audit: AuditLog): AgentStore {
  const byEmail = db.prepare<[string], AgentRow>(`${SELECT_AGENT} WHERE a.email = ?`);
  const byId = db.prepare<[string], AgentRow>(`${SELECT_AGENT} WHERE a.id = ?`);
  const list = db.prepare<[], AgentRow>(`${SELECT_AGENT} ORDER BY a.name, a.id`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM agents');
  const insertAgent = db.prepare(
    `INSERT INTO agents (id, email, name, role, password_hash, capacity, must_change_password,
       created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMembership = db.prepare(
    'INSERT OR IGNORE INTO agent_departments (agent_id, department_id) VALUES (?, ?)',
  );
  const deleteMemberships = db.prepare('DELETE FROM agent_departments WHERE agent_id = ?');
  const updateAgent = db.prepare(
    'UPDATE agents SET name = ?, role = ?, capacity = ?, disabled = ? WHERE id = ?',
  );
  const otherActiveAdmins = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM agents WHERE role = 'admin' AND disabled = 0 AND id != ?`,
  );
  const insertSession = db.prepare(
    'INSERT INTO sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const sessionAgent = db.prepare<[string, number], AgentRow>(
    `${SELECT_AGENT} JOIN sessions s ON s.agent_id = a.id
     WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled = 0`,
  );
  const deleteSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const updatePassword = db.prepare(
    'UPDATE agents SET password_hash = ?, must_change_password = ? WHERE id = ?',
  );
  const deleteSessionsOf = db.prepare('DELETE FROM sessions WHERE agent_id = ?');
  const deleteOtherSessions = db.prepare(
    'DELETE FROM sessions WHERE agent_id = ? AND token_hash != ?',
  );
  const setPassword = db.transaction((agentId: string, change: PasswordChange): boolean => {
    const done = updatePassword.run(change.passwordHash, change.mustChange ? 1 : 0, agentId);
    if (done.changes === 0) return false;
    if (change.keepSession === undefined) deleteSessionsOf.run(agentId);
    else deleteOtherSessions.run(agentId, change.keepSession);
    if (change.audit) {
      const own = change.audit.actor.kind === 'agent' && change.audit.actor.id === agentId;
      audit.record(change.audit, {
        action: own ? 'agent.password_changed' : 'agent.password_reset',
        target: { kind: 'agent', id: agentId },
        changes: {},
      });
    }
    return true;
  });

  const create = db.transaction((agent: NewAgent, now: number, stamp?: AuditStamp) => {
    insertAgent.run(
      agent.id,
      agent.email,
      agent.name,
      agent.role,
      agent.passwordHash,
      agent.capacity ?? DEFAULT_CAPACITY,
      agent.mustChangePassword ? 1 : 0,
      now,
    );
    for (const d of agent.departments) insertMembership.run(agent.id, d);
    const row = byId.get(agent.id);
    if (!row) throw new Error(`agent ${agent.id} vanished inside its own create`);
    const profile = toProfile(row);
    if (stamp) {
      audit.record(stamp, {
        action: 'agent.created',
        target: { kind: 'agent', id: agent.id },
        changes: created(recorded(profile)),
      });
    }
    return profile;
  });

  const update = db.transaction(
    (id: string, patch: AgentPatch, stamp?: AuditStamp): AgentUpdate => {
      const row = byId.get(id);
      if (!row) return { ok: false, code: 'not_found' };
      const role = patch.role ?? row.role;
      const disabled = patch.disabled ?? row.disabled === 1;
      // SQLite runs one write transaction at a time, so the count cannot change under
      // it. A backend with concurrent writers must lock the enabled admins' rows (SELECT
      // … FOR UPDATE) before counting, or two admins disabling each other both succeed.
      const wasActiveAdmin = row.role === 'admin' && row.disabled === 0;
      if (wasActiveAdmin && (role !== 'admin' || disabled) && otherActiveAdmins.get(id)?.n === 0) {
        return { ok: false, code: 'invalid_state' };
      }
      updateAgent.run(
        patch.name ?? row.name,
        role,
        patch.capacity ?? row.capacity,
        disabled ? 1 : 0,
        id,
      );
      if (patch.departments) {
        deleteMemberships.run(id);
        for (const d of patch.departments) insertMembership.run(id, d);
      }
      if (patch.disabled) deleteSessionsOf.run(id);
      const updated = byId.get(id);
      if (!updated) throw new Error(`agent ${id} vanished inside its own update`);
      const agent = toProfile(updated);
      const changes = diff(recorded(toProfile(row)), recorded(agent));
      if (stamp && Object.keys(changes).length > 0) {
        const flipped = changes.disabled
          ? agent.disabled
            ? 'agent.disabled'
            : 'agent.enabled'
          : null;
        audit.record(stamp, {
          action: flipped ?? 'agent.updated',
          target: { kind: 'agent', id },
          changes,
        });
      }
      return { ok: true, agent };
    },
  );

  return {
    async byEmail(email: string): Promise<(AgentProfile & { passwordHash: string }) | null> {
      const row = byEmail.get(email);
      return row ? { ...toProfile(row), passwordHash: row.password_hash } : null;
    },
    async byId(id: string): Promise<AgentProfile | null> {
      const row = byId.get(id);
      return row ? toProfile(row) : null;
    },
    async list(): Promise<AgentProfile[]> {
      return list.all().map(toProfile);
    },
    async count(): Promise<number> {
      return count.get()?.n ?? 0;
    },
    async create(agent: NewAgent, now: number, stamp?: AuditStamp): Promise<AgentProfile> {
      try {
        return create.immediate(agent, now, stamp);
      } catch (error) {
        throw conflict(error) ?? error;
      }
    },
    async update(id: string, patch: AgentPatch, stamp?: AuditStamp): Promise<AgentUpdate> {
      return update.immediate(id, patch, stamp);
    },
    async createSession(tokenHash: string, agentId: string, now: number, ttlMs: number) {
      deleteExpired.run(now);
      insertSession.run(tokenHash, agentId, now, now + ttlMs);
    },
    async agentForSession(tokenHash: string, now: number): Promise<AgentProfile | null> {
      const row = sessionAgent.get(tokenHash, now);
      return row ? toProfile(row) : null;
    },
    async deleteSession(tokenHash: string): Promise<void> {
      deleteSession.run(tokenHash);
    },
    async deleteSessionsOf(agentId: string): Promise<void> {
      deleteSessionsOf.run(agentId);
    },
    async setPassword(agentId: string, change: PasswordChange): Promise<boolean> {
      return setPassword.immediate(agentId, change);
    },
  };
}

/** A taken email or id as StoreConflict; null for any other failure. */
function conflict(error: unknown): StoreConflict | null {
  if (!(error instanceof Database.SqliteError)) return null;
  if (error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('agents.email')) {
    return new StoreConflict('email', 'an agent already has this email');
  }
  if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new StoreConflict('id', 'an agent already has this id');
  }
  return null;
}

function toProfile(row: AgentRow): AgentProfile {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    departments: row.departments ? row.departments.split(',').sort() : [],
    capacity: row.capacity,
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
  };
}

/** What the audit log records of an agent: the profile, without its id. */
function recorded({ id: _, ...fields }: AgentProfile): Omit<AgentProfile, 'id'> {
  return fields;
}
