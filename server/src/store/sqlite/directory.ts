import type { Department } from '@switchboard/shared';
import type { DirectoryStore, Site } from '../directory.ts';
import type { Db } from './db.ts';

interface SiteRow {
  id: string;
  key: string;
  name: string;
  allowed_origins: string;
}

export function createDirectoryStore(db: Db): DirectoryStore {
  const listDepartments = db.prepare<[], { id: string; name_en: string; name_zh: string }>(
    'SELECT id, name_en, name_zh FROM departments ORDER BY position, id',
  );
  const upsertDepartment = db.prepare(
    `INSERT INTO departments (id, name_en, name_zh, position) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
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
      return listDepartments
        .all()
        .map((r) => ({ id: r.id, name: { en: r.name_en, 'zh-CN': r.name_zh } }));
    },
    async ensureDepartment(d: Department, position: number): Promise<void> {
      upsertDepartment.run(d.id, d.name.en, d.name['zh-CN'], position);
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
