import { existsSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, backup, backupName, check, prune, restore } from './backup.ts';
import { openSqliteStore } from './open.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'backup-'));
  dirs.push(d);
  return d;
}

/** A real hub database with a department in it. */
async function database(at: string): Promise<string> {
  const file = join(at, 'switchboard.db');
  const store = openSqliteStore({ filename: file });
  await store.directory.createDepartment({
    id: 'billing',
    name: { en: 'Billing', 'zh-CN': '账务' },
  });
  await store.close();
  return file;
}

describe('backup', () => {
  it('names backups so that they sort by time', () => {
    expect(backupName(new Date('2026-12-02T13:45:01.123Z'))).toBe('switchboard-20261202-134501.db');
  });

  it('writes a checked copy, and refuses to overwrite one', async () => {
    const d = dir();
    const source = await database(d);
    const target = join(d, 'copy.db');
    const result = backup(source, target);
    expect(result.bytes).toBeGreaterThan(0);
    expect(() => check(target)).not.toThrow();
    expect(() => backup(source, target)).toThrow(/already exists/);
  });

  it('leaves nothing under the final name when interrupted, and clears what was left', async () => {
    const d = dir();
    const source = await database(d);
    // What a backup killed mid-copy leaves: only its partial file.
    writeFileSync(join(d, 'switchboard-20261201-000000.db.partial'), 'half a copy');
    expect(existsSync(join(d, 'switchboard-20261201-000000.db'))).toBe(false);
    backup(source, join(d, 'next.db'));
    expect(readdirSync(d).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('keeps the newest N', () => {
    const d = dir();
    const names = ['20261201-010000', '20261202-010000', '20261203-010000'].map(
      (t) => `switchboard-${t}.db`,
    );
    for (const n of [...names, 'notes.txt']) writeFileSync(join(d, n), '');
    expect(prune(d, 2)).toEqual([names[0]]);
    expect(readdirSync(d).sort()).toEqual(['notes.txt', ...names.slice(1)]);
  });
});

describe('restore', () => {
  it('refuses garbage, a truncated copy and a database of something else', async () => {
    const d = dir();
    const live = await database(d);
    const garbage = join(d, 'garbage.db');
    writeFileSync(garbage, 'not a database at all, just words');
    const truncated = join(d, 'truncated.db');
    backup(live, truncated);
    truncateSync(truncated, 4096);
    const other = join(d, 'other.db');
    const { default: Database } = await import('better-sqlite3');
    new Database(other).exec('CREATE TABLE t (x)');
    for (const file of [garbage, truncated, other, join(d, 'missing.db')]) {
      expect(() => restore(file, live, new Date())).toThrow(BackupError);
    }
    expect(() => check(live)).not.toThrow();
  });

  it('refuses while a hub runs on the database', async () => {
    const d = dir();
    const live = await database(d);
    const copy = join(d, 'copy.db');
    backup(live, copy);
    writeFileSync(`${live}.pid`, `${process.pid}\n`);
    expect(() => restore(copy, live, new Date())).toThrow(/is running/);
    // A pid file left by a hub that was killed does not block it.
    writeFileSync(`${live}.pid`, '999999999\n');
    expect(() => restore(copy, live, new Date())).not.toThrow();
  });

  it('puts the backup in place and keeps what it replaced', async () => {
    const d = dir();
    const live = await database(d);
    const copy = join(d, 'copy.db');
    backup(live, copy);
    // Changed after the backup: the restore takes it back, the kept file has it.
    const store = openSqliteStore({ filename: live });
    await store.directory.createDepartment({ id: 'later', name: { en: 'Later', 'zh-CN': '之后' } });
    await store.close();
    const { kept } = restore(copy, live, new Date('2026-12-02T13:00:00Z'));
    expect(kept).toBe(`${live}.before-restore-20261202-130000`);
    const ids = async (file: string) => {
      const s = openSqliteStore({ filename: file });
      try {
        return (await s.directory.departments()).map((x) => x.id);
      } finally {
        await s.close();
      }
    };
    expect(await ids(live)).toContain('billing');
    expect(await ids(live)).not.toContain('later');
    expect(await ids(kept ?? '')).toContain('later');
  });
});
