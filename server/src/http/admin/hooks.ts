import type { Department, DepartmentId, Role } from '@switchboard/shared';
import type { FastifyBaseLogger } from 'fastify';

/**
 * What an admin changed of an agent that routing or their open consoles depend on;
 * only the fields changed.
 */
export interface AgentChange {
  /** Their open consoles (and the messages they write) take the new name. */
  name?: string;
  capacity?: number;
  departments?: readonly DepartmentId[];
  /** true: signed out everywhere, their sockets already closed. */
  disabled?: boolean;
  /** Whether they may hold chats at all is the policy's question of their role. */
  role?: Role;
}

/**
 * How routing hears of admin changes. Each is called after the change has committed
 * (and, for a disabled agent, after their sockets were closed), and awaited; a hook
 * that throws is logged, the change stands and the admin is told it succeeded.
 */
export interface AdminHooks {
  onAgentChanged(agentId: string, change: AgentChange): void | Promise<void>;
  /** A department created or changed, as it is stored now. */
  onDepartmentChanged(department: Department): void | Promise<void>;
}

/** Runs a hook; its failure is logged, never the admin's. */
export async function tell(
  log: FastifyBaseLogger,
  what: string,
  hook: () => void | Promise<void>,
): Promise<void> {
  try {
    await hook();
  } catch (error) {
    log.error({ err: error }, `routing did not hear of ${what}`);
  }
}
