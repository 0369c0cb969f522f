import type { Department } from '@switchboard/shared';

export interface Site {
  id: string;
  /** The public key the embed snippet carries. */
  key: string;
  name: string;
  /** Origins that may frame the chat (CSP frame-ancestors) and talk to it. */
  allowedOrigins: string[];
}

/** Departments and sites: small, read-mostly configuration. */
export interface DirectoryStore {
  /** Every department, ordered by the position it was saved with, then by id. */
  departments(): Promise<Department[]>;
  /**
   * Creates the department if its id is new. Idempotent: an existing department keeps
   * its names and position (an admin may have renamed it since it was seeded).
   */
  ensureDepartment(department: Department, position: number): Promise<void>;
  /** Null if no site has this key. */
  siteByKey(key: string): Promise<Site | null>;
  /**
   * Creates the site, or, if its id exists, replaces its allowed origins (and nothing
   * else). Rejects if another site already has this key.
   */
  saveSite(site: Site, now: number): Promise<void>;
}
