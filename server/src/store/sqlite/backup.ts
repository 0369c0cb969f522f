/**
 * Online backup and restore of the hub's SQLite file.
 *
 * A backup is `VACUUM INTO` a temporary file beside the target: one read transaction,
 * so it is a consistent snapshot of everything committed before it began, taken while
 * the hub goes on writing (WAL readers never block the writer). The copy is checked
 * with `PRAGMA integrity_check`, synced, and only then renamed to its name: a backup
 * that was interrupted or failed its check never leaves a file that looks good.
 *
 * A restore never touches the database of a running hub, checks the backup the same
 * way first, and keeps the database it replaces beside it.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { connect, knownSchemaVersion } from './db.ts';

/** Files being written; any left over is from an interrupted backup and is removed. */
const PARTIAL = '.partial';

export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

/** `switchboard-20261202-134501.db`, in UTC: sorts by time. */
export function backupName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `switchboard-${stamp}.db`;
}

/** Copies the live database at `source` to `target`, checked, atomically. */
export function backup(source: string, target: string): BackupResult {
  const started = performance.now();
  if (existsSync(target)) throw new BackupError(`${target} already exists`);
  removePartials(dirname(target));
  const partial = `${target}${PARTIAL}`;
  const db = connect(source);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`could not copy ${source}: ${String(error)}`);
  } finally {
    db.close();
  }
  try {
    check(partial);
    sync(partial);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { file: target, bytes: statSync(target).size, ms: performance.now() - started };
}

/** Deletes all but the newest `keep` backups in `dir` (by name: they sort by time). */
export function prune(dir: string, keep: number): string[] {
  const backups = readdirSync(dir)
    .filter((f) => /^switchboard-\d{8}-\d{6}\.db$/.test(f))
    .sort();
  const gone = backups.slice(0, Math.max(0, backups.length - keep));
  for (const f of gone) rmSync(join(dir, f));
  return gone;
}

/**
 * Throws a BackupError unless `file` is a whole, sound Switchboard database this
 * version can run: SQLite's integrity check passes and its schema version is known.
 */
export function check(file: string): void {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`${file} fails SQLite's integrity check: ${result}`);
    const version = Number(db.pragma('user_version', { simple: true }));
    const hasMessages = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'messages'")
      .get();
    if (version < 1 || !hasMessages) {
      throw new BackupError(`${file} is not a Switchboard database`);
    }
    if (version > knownSchemaVersion()) {
      throw new BackupError(
        `${file} is at schema version ${version}, newer than this Switchboard knows (${knownSchemaVersion()})`,
      );
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable SQLite database: ${String(error)}`);
  } finally {
    db?.close();
  }
}

/** The pid of the hub serving `database`, if one runs now. */
export function runningHub(database: string): number | null {
  const pidFile = `${database}.pid`;
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // left behind by a hub that was killed
  }
}

/**
 * Replaces `database` with the checked `backupFile`. Refused while a hub runs on it.
 * The database it replaces is kept beside it, with whatever its WAL held folded in,
 * under the returned name.
 */
export function restore(backupFile: string, database: string, now: Date): { kept: string | null } {
  const pid = runningHub(database);
  if (pid !== null) {
    throw new BackupError(`a hub (pid ${pid}) is running on ${database}; stop it first`);
  }
  check(backupFile);
  const incoming = `${database}.restoring${PARTIAL}`;
  rmSync(incoming, { force: true });
  // Through SQLite, not a file copy: a backup that is itself in WAL mode comes whole.
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(incoming);
  } finally {
    source.close();
  }
  sync(incoming);
  let kept: string | null = null;
  if (existsSync(database)) {
    // Fold the old WAL into the file, so moving the file moves everything.
    const old = new Database(database);
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    kept = `${database}.before-restore-${backupName(now).slice('switchboard-'.length, -3)}`;
    renameSync(database, kept);
    for (const suffix of ['-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  }
  renameSync(incoming, database);
  return { kept };
}

function removePartials(dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    if (f.endsWith(PARTIAL)) rmSync(join(dir, f), { force: true });
  }
}

function sync(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
