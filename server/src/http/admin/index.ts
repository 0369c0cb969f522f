import type { FastifyInstance } from 'fastify';
import { agentAdminRoutes } from './agents.ts';
import { auditRoutes } from './audit.ts';
import { departmentAdminRoutes } from './departments.ts';
import type { AdminHooks } from './hooks.ts';

export type { AdminHooks, AgentChange } from './hooks.ts';

/**
 * The admin HTTP API: agents, departments, and the audit log of their changes. A signed-in admin's session cookie
 * authorizes it (policy `agents:manage`, `departments:manage`); routing hears of
 * each change through the hooks.
 */
export async function adminRoutes(app: FastifyInstance, hooks: AdminHooks): Promise<void> {
  await app.register(agentAdminRoutes, hooks);
  await app.register(departmentAdminRoutes, hooks);
  await app.register(auditRoutes);
}
