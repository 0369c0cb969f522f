import type { AgentProfile, Role } from '@switchboard/shared';
import type { AgentStore, NewAgent } from '../agents.ts';
import type { Db } from './db.ts';

interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  departments: string | null;
}

const SELECT_AGENT = `
  SELECT a.id, a.email, a.name, a.role, a.password_hash,
         (SELECT group_concat(department_id) FROM agent_departments d WHERE d.agent_id = a.id)
           AS departments
  FROM agents a`;

export function createAgentStore(db: Db): AgentStore {
  const byEmail = db.prepare<[string], AgentRow>(`${SELECT_AGENT} WHERE a.email = ?`);
  const byId = db.prepare<[string], AgentRow>(`${SELECT_AGENT} WHERE a.id = ?`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM agents');
  const insertAgent = db.prepare(
    `INSERT INTO agents (id, email, name, role, password_hash, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertMembership = db.prepare(
    'INSERT OR IGNORE INTO agent_departments (agent_id, department_id) VALUES (?, ?)',
  );
  const insertSession = db.prepare(
    'INSERT INTO sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const sessionAgent = db.prepare<[string, number], AgentRow>(
    `${SELECT_AGENT} JOIN sessions s ON s.agent_id = a.id
     WHERE s.token_hash = ? AND s.expires_at > ?`,
  );
  const deleteSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const updatePassword = db.prepare('UPDATE agents SET password_hash = ? WHERE id = ?');
  const deleteSessionsOf = db.prepare('DELETE FROM sessions WHERE agent_id = ?');
  const setPassword = db.transaction((agentId: string, passwordHash: string) => {
    updatePassword.run(passwordHash, agentId);
    deleteSessionsOf.run(agentId);
  });

  const create = db.transaction((agent: NewAgent, now: number) => {
    insertAgent.run(agent.id, agent.email, agent.name, agent.role, agent.passwordHash, now);
    for (const d of agent.departments) insertMembership.run(agent.id, d);
  });

  return {
    async byEmail(email: string): Promise<(AgentProfile & { passwordHash: string }) | null> {
      const row = byEmail.get(email);
      return row ? { ...toProfile(row), passwordHash: row.password_hash } : null;
    },
    async byId(id: string): Promise<AgentProfile | null> {
      const row = byId.get(id);
      return row ? toProfile(row) : null;
    },
    async count(): Promise<number> {
      return count.get()?.n ?? 0;
    },
    async create(agent: NewAgent, now: number): Promise<AgentProfile> {
      create(agent, now);
      const { passwordHash: _, ...profile } = agent;
      return { ...profile, departments: [...new Set(agent.departments)].sort() };
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
    async setPassword(agentId: string, passwordHash: string): Promise<void> {
      setPassword(agentId, passwordHash);
    },
  };
}

function toProfile(row: AgentRow): AgentProfile {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    departments: row.departments ? row.departments.split(',').sort() : [],
  };
}
