import type { Department, DepartmentSettings } from '@switchboard/shared';
import type { AuditStamp } from './audit.ts';

export interface Site {
  id: string;
  /** The public key the embed snippet carries. */
  key: string;
  name: string;
  /** Origins that may frame the chat (CSP frame-ancestors) and talk to it. */
  allowedOrigins: string[];
}

/** A department to create: settings left out take DEFAULT_DEPARTMENT_SETTINGS. */
export type NewDepartment = Pick<Department, 'id' | 'name'> & Partial<DepartmentSettings>;

/** What an update changes; a field left out keeps its value, `name` per locale. */
export interface DepartmentPatch extends Partial<DepartmentSettings> {
  name?: Partial<Department['name']>;
}

/**
 * Departments and sites: small, read-mostly configuration. Departments are never
 * deleted, only disabled: conversations and agents refer to them, so a department
 * that exists once exists for good, and callers may check an id before a write that
 * names it.
 */
export interface DirectoryStore {
  /** Every department with its settings, ordered by position, then by id. */
  departments(): Promise<Department[]>;
  /** Null if no department has this id. */
  department(id: string): Promise<Department | null>;
  /**
   * Creates the department if its id is new. Idempotent: an existing department keeps
   * its names, settings and position (an admin may have changed them since it was
   * seeded).
   */
  ensureDepartment(department: NewDepartment, position: number): Promise<void>;
  /**
   * Creates the department after every other one. Rejects with StoreConflict, writing
   * nothing, if the id is taken. With `audit`, the `department.created` entry is
   * written in the same transaction.
   */
  createDepartment(department: NewDepartment, audit?: AuditStamp): Promise<Department>;
  /**
   * Applies the patch atomically (two admins changing different fields of one
   * department both keep their change) and returns the department as it is now. Null,
   * writing nothing, if no department has this id. With `audit`, the
   * `department.updated` entry (the fields that changed, before → after) is written in
   * the same transaction; a patch that changes nothing records nothing.
   */
  updateDepartment(
    id: string,
    patch: DepartmentPatch,
    audit?: AuditStamp,
  ): Promise<Department | null>;
  /** Null if no site has this key. */
  siteByKey(key: string): Promise<Site | null>;
  /**
   * Creates the site, or, if its id exists, replaces its allowed origins (and nothing
   * else). Rejects if another site already has this key.
   */
  saveSite(site: Site, now: number): Promise<void>;
}
