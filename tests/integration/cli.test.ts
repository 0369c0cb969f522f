/**
 * The operator's command line against a real database: reset a password while the hub
 * runs, and fail with a clear message and a non-zero exit on every mistake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type Hub, startHub, tempDir } from '../harness.ts';
import { runCli, spawnHub } from '../hub-process.ts';

const cli = runCli;

const signIn = (hub: Hub, password: string) =>
  fetch(`${hub.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password }),
  }).then((r) => r.status);

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub.close();
});

describe('pnpm switchboard reset-password', () => {
  it('sets a password given on stdin while the hub runs, and signs out old sessions', async () => {
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const result = await cli(
      ['reset-password', ADMIN.email, '--password-stdin'],
      { DATA_DIR: hub.dataDir },
      'a-new-password\n',
    );
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`Password of ${ADMIN.email} reset`);
    expect(result.stdout).not.toContain('a-new-password');
    expect(await signIn(hub, ADMIN.password)).toBe(401);
    expect(await signIn(hub, 'a-new-password')).toBe(200);
    const me = await fetch(`${hub.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(401);
  });

  it('generates and prints a password when none is given', async () => {
    const result = await cli(['reset-password', ADMIN.email], { DATA_DIR: hub.dataDir });
    expect(result.code).toBe(0);
    const password = /New password: (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await signIn(hub, password)).toBe(200);
  });

  it('fails clearly on mistakes', async () => {
    const env = { DATA_DIR: hub.dataDir };
    expect(await cli(['reset-password', 'nobody@example.com'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no agent with email nobody@example.com'),
    });
    expect(await cli(['reset-password'], env)).toMatchObject({ code: 1 });
    expect(
      await cli(['reset-password', ADMIN.email, '--password-stdin'], env, 'short'),
    ).toMatchObject({ code: 1, stderr: expect.stringContaining('at least 8 characters') });
    expect(await cli(['frobnicate'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown command "frobnicate"'),
    });
    expect(await cli(['reset-password', ADMIN.email], { DATA_DIR: await tempDir() })).toMatchObject(
      { code: 1, stderr: expect.stringContaining('no database at') },
    );
  });
});

describe('SWITCHBOARD_ADMIN_PASSWORD on a later start', () => {
  it('is reported when it differs from the stored password', async () => {
    const dataDir = await tempDir();
    const env = {
      DATA_DIR: dataDir,
      SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
      SWITCHBOARD_ADMIN_PASSWORD: 'first-password',
    };
    const first = await spawnHub(env);
    expect(first.output()).not.toContain('Note:');
    await first.kill('SIGTERM');
    const second = await spawnHub({ ...env, SWITCHBOARD_ADMIN_PASSWORD: 'other-password' });
    await second.kill('SIGTERM');
    expect(second.output()).toContain('SWITCHBOARD_ADMIN_PASSWORD differs');
    expect(second.output()).toContain(`pnpm switchboard reset-password ${ADMIN.email}`);
  });
});
