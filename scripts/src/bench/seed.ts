/**
 * Prepares the hub's data directory before the hub starts: departments, demo site and
 * admin (the hub's own bootstrap), plus `count` agents with a console session each,
 * dealt over `departments` in turn (agent i joins departments[i mod n]). Signing 1,000
 * agents in over /api/auth/login would cost 1,000 scrypt hashes; here one password hash
 * is computed once and shared, and each session row is written straight through the
 * store, exactly as the login route writes it.
 */
import { join } from 'node:path';
import { hashPassword } from '@switchboard/server/auth';
import { bootstrap } from '@switchboard/server/bootstrap';
import { openSqliteStore } from '@switchboard/server/store/sqlite';
import { hashToken, newToken } from '@switchboard/server/tokens';
import { nanoid } from 'nanoid';

export const ADMIN_EMAIL = 'bench-admin@switchboard.local';
export const ADMIN_PASSWORD = 'bench-admin-password';
export const BENCH_DEPARTMENT = 'pre_sales';
const SESSION_COOKIE = 'sb_session';
const SESSION_TTL_MS = 24 * 3600 * 1000;

export interface SeededAgent {
  id: string;
  department: string;
  /** `sb_session=<token>`, ready for a Cookie header. */
  cookie: string;
}

export async function seedHub(
  dataDir: string,
  count: number,
  capacity: number,
  departments: readonly string[] = [BENCH_DEPARTMENT],
): Promise<SeededAgent[]> {
  const store = openSqliteStore({ filename: join(dataDir, 'switchboard.db') });
  try {
    const now = Date.now();
    await bootstrap(
      store,
      { adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, demoSiteOrigins: [] },
      now,
    );
    const passwordHash = await hashPassword(nanoid());
    const agents: SeededAgent[] = [];
    for (let i = 0; i < count; i++) {
      const id = nanoid();
      const department = departments[i % departments.length] ?? BENCH_DEPARTMENT;
      await store.agents.create(
        {
          id,
          email: `bench-agent-${i}@switchboard.local`,
          name: `Agent ${i}`,
          role: 'agent',
          passwordHash,
          departments: [department],
          capacity,
        },
        now,
      );
      const token = newToken();
      await store.agents.createSession(hashToken(token), id, now, SESSION_TTL_MS);
      agents.push({ id, department, cookie: `${SESSION_COOKIE}=${token}` });
    }
    return agents;
  } finally {
    await store.close();
  }
}
