/**
 * The audit log: every admin change, who made it and when (docs/protocol.md#audit-log).
 * Written by the store in the same transaction as the change it records.
 */
import type { Role } from './model.ts';

/** Stable names; clients filter and translate by them. */
export const AUDIT_ACTIONS = [
  'agent.created',
  /** Name, role, departments or capacity; `changes` says which, before → after. */
  'agent.updated',
  /** Disabled (signed out everywhere), with whatever else the same change named. */
  'agent.disabled',
  'agent.enabled',
  /** An admin (or the command line) set a new password; never the password itself. */
  'agent.password_reset',
  /** The agent chose their own password. */
  'agent.password_changed',
  'department.created',
  'department.updated',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who made the change: a signed-in agent, or the operator's command line. */
export interface AuditActor {
  kind: 'agent' | 'operator';
  /** The agent's id; null for the command line. */
  id: string | null;
  /** Their name when they made the change. */
  name: string | null;
  role: Role | null;
}

/** One field's value before and after; null before a create. Never a password or hash. */
export interface AuditChange {
  from: unknown;
  to: unknown;
}

export interface AuditEntry {
  /** Opaque; newer entries of one hub compare greater. */
  id: string;
  /** Epoch ms. */
  at: number;
  actor: AuditActor;
  action: AuditAction;
  target: { kind: 'agent' | 'department'; id: string };
  /** By field name; empty for a password reset or change. */
  changes: Record<string, AuditChange>;
}
