import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface OpenDbOptions {
  /**
   * NORMAL keeps every committed transaction across a process crash (kill -9); FULL
   * also across power loss, at one fsync per group commit.
   */
  synchronous?: 'normal' | 'full';
  /**
   * When false, SQLite checkpoints the WAL itself on the writing thread; the hub sets
   * it true and runs checkpoints in a worker instead (see checkpointer.ts).
   */
  externalCheckpoints?: boolean;
}

/** Opens (creating if needed) the database, sets pragmas and applies migrations. */
export function openDb(filename: string, options: OpenDbOptions = {}): Db {
  const db = connect(filename, options);
  migrate(db);
  return db;
}

/**
 * Opens the database with the hub's pragmas and nothing else. The benchmark's floor
 * relay uses it to pay for durability exactly as the hub does.
 */
export function connect(filename: string, options: OpenDbOptions = {}): Db {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Message inserts touch index pages all over the file (many conversations at once);
  // 64 MiB of page cache instead of SQLite's 2 MiB keeps those pages in memory.
  db.pragma('cache_size = -65536');
  if (options.externalCheckpoints) db.pragma('wal_autocheckpoint = 0');
  // After a checkpoint lets the WAL start over, cut the file back to this size.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return db;
}

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
}

/** The schema version this code migrates to: its newest migration's number. */
export function knownSchemaVersion(): number {
  return Math.max(0, ...migrationFiles().map((f) => Number(f.slice(0, 3))));
}

/** Migrations not yet applied to `db`, by file name. */
export function pendingMigrations(db: Db): string[] {
  const current = Number(db.pragma('user_version', { simple: true }));
  return migrationFiles().filter((f) => Number(f.slice(0, 3)) > current);
}

/**
 * A database migrated by a newer Switchboard than this one: running on it could
 * misread or damage what the newer version wrote, so the hub refuses to start.
 */
export class DatabaseTooNew extends Error {
  constructor(
    readonly version: number,
    readonly known: number,
  ) {
    super(
      `the database is at schema version ${version}, newer than this Switchboard knows ` +
        `(${known}); run the version that last used it, or restore a backup taken before the upgrade`,
    );
    this.name = 'DatabaseTooNew';
  }
}

/**
 * Applies numbered migrations (`NNN_name.sql`) not yet recorded in user_version, up to
 * `target` (tests stop at an older version to build the database a migration meets).
 */
export function migrate(db: Db, target = Number.POSITIVE_INFINITY): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const files = migrationFiles();
  const known = knownSchemaVersion();
  if (current > known) throw new DatabaseTooNew(current, known);
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (version <= current || version > target) continue;
    const sql = readFileSync(MIGRATIONS_DIR + file, 'utf8');
    // A migration that rebuilds a table others reference runs with foreign keys off
    // (they cannot change inside a transaction) and checks them before committing.
    const rebuilds = sql.startsWith('-- switchboard: foreign-keys-off');
    if (rebuilds) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(sql);
        const broken = rebuilds ? db.pragma('foreign_key_check') : [];
        if (Array.isArray(broken) && broken.length > 0) {
          throw new Error(`migration ${file} broke a foreign key`);
        }
        db.pragma(`user_version = ${version}`);
      })();
    } finally {
      if (rebuilds) db.pragma('foreign_keys = ON');
    }
  }
}
