import type { Visitor, VisitorStore } from '../visitors.ts';
import type { Db } from './db.ts';

export function createVisitorStore(db: Db): VisitorStore {
  const byToken = db.prepare<
    [string, string],
    { id: string; site_id: string; name: string | null }
  >('SELECT id, site_id, name FROM visitors WHERE token_hash = ? AND site_id = ?');
  const insert = db.prepare(
    `INSERT INTO visitors (id, site_id, token_hash, created_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const touch = db.prepare('UPDATE visitors SET last_seen_at = ? WHERE id = ?');
  const rename = db.prepare('UPDATE visitors SET name = ? WHERE id = ?');

  return {
    async byToken(siteId: string, tokenHash: string, now: number): Promise<Visitor | null> {
      const row = byToken.get(tokenHash, siteId);
      if (!row) return null;
      touch.run(now, row.id);
      return { id: row.id, siteId: row.site_id, name: row.name };
    },
    async create(id: string, siteId: string, tokenHash: string, now: number): Promise<Visitor> {
      insert.run(id, siteId, tokenHash, now, now);
      return { id, siteId, name: null };
    },
    async setName(id: string, name: string): Promise<void> {
      rename.run(name, id);
    },
  };
}
