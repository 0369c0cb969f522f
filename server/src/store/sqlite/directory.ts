import {
  type AssignmentMode,
  type BusinessHours,
  DEFAULT_DEPARTMENT_SETTINGS,
  type Department,
} from '@switchboard/shared';
import Database from 'better-sqlite3';
import { type AuditStamp, created, diff } from '../audit.ts';
import type { DepartmentPatch, DirectoryStore, NewDepartment, Site } from '../directory.ts';
import { StoreConflict } from '../errors.ts';
import type { AuditLog } from './audit.ts';
import type { Db } from './db.ts';

interface SiteRow {
  id: string;
  key: string;
  name: string;
  allowed_origins: string;
}

interface DepartmentRow {
  id: string;
  name_en: string;
  name_zh: string;
  enabled: 0 | 1;
  mode: AssignmentMode;
  sla_first_response_ms: number | null;
  sla_resolution_ms: number | null;
  hours: string | null;
  max_queue: number | null;
  leave_message: 0 | 1;
}

const DEPARTMENT_COLUMNS = `id, name_en, name_zh, enabled, mode, sla_first_response_ms,
  sla_resolution_ms, hours, max_queue, leave_message`;

/** A department's columns in DEPARTMENT_COLUMNS order, position aside. */
function toRow(d: Department): unknown[] {
  return [
    d.id,
    d.name.en,
    d.name['zh-CN'],
    d.enabled ? 1 : 0,
    d.mode,
    d.sla?.firstResponseMs ?? null,
    d.sla?.resolutionMs ?? null,
    d.hours ? JSON.stringify(d.hours) : null,
    d.maxQueue,
    d.leaveMessage ? 1 : 0,
  ];
}

function toDepartment(r: DepartmentRow): Department {
  return {
    id: r.id,
    name: { en: r.name_en, 'zh-CN': r.name_zh },
    enabled: r.enabled === 1,
    mode: r.mode,
    sla:
      r.sla_first_response_ms !== null && r.sla_resolution_ms !== null
        ? { firstResponseMs: r.sla_first_response_ms, resolutionMs: r.sla_resolution_ms }
        : null,
    hours: r.hours ? (JSON.parse(r.hours) as BusinessHours) : null,
    maxQueue: r.max_queue,
    leaveMessage: r.leave_message === 1,
  };
}

/** The department with the patch applied; a field the patch leaves undefined is kept. */
function applyPatch(current: Department, patch: DepartmentPatch): Department {
  return {
    id: current.id,
    name: {
      en: patch.name?.en ?? current.name.en,
      'zh-CN': patch.name?.['zh-CN'] ?? current.name['zh-CN'],
    },
    enabled: patch.enabled ?? current.enabled,
    mode: patch.mode ?? current.mode,
    // null is a value here (no SLA, no hours, no limit), so only undefined keeps.
    sla: patch.sla === undefined ? current.sla : patch.sla,
    hours: patch.hours === undefined ? current.hours : patch.hours,
    maxQueue: patch.maxQueue === undefined ? current.maxQueue : patch.maxQueue,
    leaveMessage: patch.leaveMessage ?? current.leaveMessage,
  };
}

const withDefaults = (d: NewDepartment): Department =>
  applyPatch({ ...DEFAULT_DEPARTMENT_SETTINGS, id: d.id, name: d.name }, d);

export function createDirectoryStore(db: Db, audit: AuditLog): DirectoryStore {
  const listDepartments = db.prepare<[], DepartmentRow>(
    `SELECT ${DEPARTMENT_COLUMNS} FROM departments ORDER BY position, id`,
  );
  const departmentById = db.prepare<[string], DepartmentRow>(
    `SELECT ${DEPARTMENT_COLUMNS} FROM departments WHERE id = ?`,
  );
  const ensureDepartment = db.prepare(
    `INSERT INTO departments (${DEPARTMENT_COLUMNS}, position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  // Last in the list: one statement, so no other write comes between reading the
  // highest position and taking the next.
  const appendDepartment = db.prepare(
    `INSERT INTO departments (${DEPARTMENT_COLUMNS}, position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
             (SELECT coalesce(max(position), -1) + 1 FROM departments))`,
  );
  const replaceDepartment = db.prepare(
    `UPDATE departments SET name_en = ?, name_zh = ?, enabled = ?, mode = ?,
       sla_first_response_ms = ?, sla_resolution_ms = ?, hours = ?, max_queue = ?,
       leave_message = ?
     WHERE id = ?`,
  );
  // Read, merge and write in one transaction, so a concurrent change to other fields
  // is kept. A backend with concurrent writers reads the row with SELECT … FOR UPDATE.
  const updateDepartment = db.transaction(
    (id: string, patch: DepartmentPatch, stamp?: AuditStamp): Department | null => {
      const row = departmentById.get(id);
      if (!row) return null;
      const before = toDepartment(row);
      const next = applyPatch(before, patch);
      const [, ...columns] = toRow(next);
      replaceDepartment.run(...columns, id);
      const changes = diff(before, next);
      if (stamp && Object.keys(changes).length > 0) {
        audit.record(stamp, {
          action: 'department.updated',
          target: { kind: 'department', id },
          changes,
        });
      }
      return next;
    },
  );
  const createDepartment = db.transaction((department: Department, stamp?: AuditStamp) => {
    appendDepartment.run(...toRow(department));
    if (stamp) {
      const { id, ...fields } = department;
      audit.record(stamp, {
        action: 'department.created',
        target: { kind: 'department', id },
        changes: created(fields),
      });
    }
  });
  const siteByKey = db.prepare<[string], SiteRow>('SELECT * FROM sites WHERE key = ?');
  const insertSite = db.prepare(
    `INSERT INTO sites (id, key, name, allowed_origins, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET allowed_origins = excluded.allowed_origins`,
  );

  const toSite = (row: SiteRow): Site => ({
    id: row.id,
    key: row.key,
    name: row.name,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
  });

  return {
    async departments(): Promise<Department[]> {
      return listDepartments.all().map(toDepartment);
    },
    async department(id: string): Promise<Department | null> {
      const row = departmentById.get(id);
      return row ? toDepartment(row) : null;
    },
    async ensureDepartment(d: NewDepartment, position: number): Promise<void> {
      ensureDepartment.run(...toRow(withDefaults(d)), position);
    },
    async createDepartment(d: NewDepartment, stamp?: AuditStamp): Promise<Department> {
      const department = withDefaults(d);
      try {
        createDepartment.immediate(department, stamp);
      } catch (error) {
        if (
          error instanceof Database.SqliteError &&
          error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
        ) {
          throw new StoreConflict('id', `a department already has the id ${d.id}`);
        }
        throw error;
      }
      return department;
    },
    async updateDepartment(
      id: string,
      patch: DepartmentPatch,
      stamp?: AuditStamp,
    ): Promise<Department | null> {
      return updateDepartment.immediate(id, patch, stamp);
    },
    async siteByKey(key: string): Promise<Site | null> {
      const row = siteByKey.get(key);
      return row ? toSite(row) : null;
    },
    async saveSite(site: Site, now: number): Promise<void> {
      insertSite.run(site.id, site.key, site.name, JSON.stringify(site.allowedOrigins), now);
    },
  };
}
