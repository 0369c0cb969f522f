/**
 * Online backup and restore through the operator's command line, against a hub that
 * serves a visitor streaming messages the whole time.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Message } from '@switchboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  connectVisitor,
  expectOk,
  nanoid,
  startConversation,
  syncAll,
  tempDir,
} from '../harness.ts';
import { type HubProcess, runCli, spawnHub } from '../hub-process.ts';

const cli = (args: string[], env: Record<string, string>) => runCli(args, env);

const running: HubProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const hub of running.splice(0)) await hub.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  return dir;
}

async function hubOn(dir: string): Promise<HubProcess> {
  const hub = await spawnHub({ DATA_DIR: dir, RATE_LIMIT_PER_SEC: '100000' });
  running.push(hub);
  return hub;
}

describe('pnpm switchboard backup', () => {
  it('takes a sound snapshot under load holding every message acked before it began', async () => {
    const live = await dataDir();
    const hub = await hubOn(live);
    const visitor = await connectVisitor(hub);
    const conversation = await startConversation(visitor.socket, 'technical');
    const acked: Message[] = [];
    let sending = true;
    const lanes = Array.from({ length: 20 }, async (_, lane) => {
      for (let i = 0; sending; i++) {
        const ack = await call<{ message: Message }>(visitor.socket, 'message:send', {
          conversationId: conversation.id,
          clientId: nanoid(),
          body: `lane ${lane} #${i} 备份中`,
        }).catch(() => null);
        if (!ack?.ok) return;
        acked.push(ack.message);
      }
    });
    while (acked.length < 200) await new Promise((r) => setTimeout(r, 10));

    const before = acked.length;
    const backups = await dataDir();
    const result = await cli(['backup'], { DATA_DIR: live, BACKUP_DIR: backups, BACKUP_KEEP: '2' });
    const during = acked.length;
    sending = false;
    await Promise.all(lanes);
    visitor.socket.close();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Backup written to .*switchboard-\d{8}-\d{6}\.db .* integrity check/,
    );
    const file = /Backup written to (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(during).toBeGreaterThan(before); // the hub kept acking while it ran

    // The backup boots a hub of its own and holds everything acked before it began.
    const restored = await dataDir();
    copyFileSync(file, join(restored, 'switchboard.db'));
    const second = await hubOn(restored);
    const stored = await syncAll(second, visitor.token, conversation.id);
    const bySeq = new Map(stored.map((m) => [m.seq, m]));
    for (const m of acked.slice(0, before)) expect(bySeq.get(m.seq)).toEqual(m);
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
  });
});

describe('pnpm switchboard restore', () => {
  it('refuses while the hub runs, refuses a corrupt file, then restores and boots', async () => {
    const live = await dataDir();
    const hub = await hubOn(live);
    const visitor = await connectVisitor(hub);
    const conversation = await startConversation(visitor.socket, 'technical');
    const env = { DATA_DIR: live };
    const backupFile = join(await dataDir(), 'before.db');
    expect((await cli(['backup', backupFile], env)).code).toBe(0);
    // Written after the backup: the restore takes the conversation back to one message.
    expectOk(
      await call(visitor.socket, 'message:send', {
        conversationId: conversation.id,
        clientId: nanoid(),
        body: 'after the backup',
      }),
    );
    visitor.socket.close();

    const refused = await cli(['restore', backupFile], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/a hub \(pid \d+\) is running on .*; stop it first/);

    expect(await hub.kill('SIGTERM')).toBe(0);
    const corrupt = join(await dataDir(), 'corrupt.db');
    writeFileSync(corrupt, 'SQLite format 3\0 but nothing after it');
    const bad = await cli(['restore', corrupt], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/corrupt\.db is not a readable SQLite database|integrity check/);

    const done = await cli(['restore', backupFile], env);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Restored .* kept as .*switchboard\.db\.before-restore-/);
    const again = await hubOn(live);
    const stored = await syncAll(again, visitor.token, conversation.id);
    expect(stored.map((m) => m.body)).not.toContain('after the backup');
    expect(stored).toHaveLength(1);
  });
});

describe('pnpm switchboard migrate --status and create-admin', () => {
  it('reports the schema, creates an admin who can sign in, and refuses a duplicate', async () => {
    const live = await dataDir();
    const env = { DATA_DIR: live };
    expect((await cli(['migrate', '--status'], env)).stderr).toMatch(/no database at/);
    const hub = await hubOn(live);
    const status = await cli(['migrate', '--status'], env);
    expect(status.stdout).toMatch(/^Schema version \d+: up to date\.$/m);

    const created = await cli(['create-admin', 'ops@example.com', 'Night', 'Ops'], env);
    expect(created.code).toBe(0);
    const password = /Password: (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(8);
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.com', password }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ agent: { role: 'admin', name: 'Night Ops' } });

    const twice = await cli(['create-admin', 'ops@example.com'], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/exists/);
  });
});
