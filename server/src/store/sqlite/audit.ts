import type { AuditAction, AuditChange, AuditEntry, Role } from '@switchboard/shared';
import type { Statement } from 'better-sqlite3';
import type { AuditDraft, AuditFilter, AuditPage, AuditStamp, AuditStore } from '../audit.ts';
import { StoreInvalidCursor } from '../errors.ts';
import type { Db } from './db.ts';

interface AuditRow {
  id: number;
  at: number;
  actor_kind: 'agent' | 'operator';
  actor_id: string | null;
  actor_name: string | null;
  actor_role: Role | null;
  action: AuditAction;
  target_kind: 'agent' | 'department';
  target_id: string;
  changes: string;
}

interface PageParams {
  before: number;
  actor: string | null;
  action: string | null;
  since: number | null;
  until: number | null;
  limit: number;
}

const FILTERS: readonly [keyof PageParams, string][] = [
  ['actor', 'actor_id = @actor'],
  ['action', 'action = @action'],
  ['since', 'at >= @since'],
  ['until', 'at < @until'],
];

export interface AuditLog {
  /** Writes one entry; call it inside the transaction of the change it records. */
  record(stamp: AuditStamp, draft: AuditDraft): void;
  store: AuditStore;
}

export function createAuditLog(db: Db): AuditLog {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, actor_role, action,
       target_kind, target_id, changes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // One statement per combination of the filters given, so each can use its index
  // ((actor_id, id), (action, id), at); the id bound keeps pages stable while newer
  // entries arrive.
  const statements = new Map<string, Statement<[PageParams], AuditRow>>();
  const page = (params: PageParams) => {
    const terms = FILTERS.filter(([key]) => params[key] !== null).map(([, term]) => term);
    const key = terms.join(' AND ');
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare<[PageParams], AuditRow>(
        `SELECT * FROM audit_log WHERE ${['id < @before', ...terms].join(' AND ')}
         ORDER BY id DESC LIMIT @limit`,
      );
      statements.set(key, statement);
    }
    return statement.all(params);
  };

  return {
    record({ actor, at }, { action, target, changes }) {
      insert.run(
        at,
        actor.kind,
        actor.id,
        actor.name,
        actor.role,
        action,
        target.kind,
        target.id,
        JSON.stringify(changes),
      );
    },
    store: {
      async list(filter: AuditFilter): Promise<AuditPage> {
        const before = filter.cursor === undefined ? Number.MAX_SAFE_INTEGER : parse(filter.cursor);
        // One more than asked tells whether another page follows.
        const rows = page({
          before,
          actor: filter.actorId ?? null,
          action: filter.action ?? null,
          since: filter.since ?? null,
          until: filter.until ?? null,
          limit: filter.limit + 1,
        });
        const entries = rows.slice(0, filter.limit).map(toEntry);
        const last = entries.at(-1);
        return { entries, next: rows.length > filter.limit && last ? last.id : null };
      },
    },
  };
}

function parse(cursor: string): number {
  if (!/^[1-9]\d{0,15}$/.test(cursor)) throw new StoreInvalidCursor();
  return Number(cursor);
}

function toEntry(row: AuditRow): AuditEntry {
  const changes: Record<string, AuditChange> = JSON.parse(row.changes);
  return {
    id: String(row.id),
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name, role: row.actor_role },
    action: row.action,
    target: { kind: row.target_kind, id: row.target_id },
    changes,
  };
}
