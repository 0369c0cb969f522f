import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** What `pnpm start` runs before the hub: build the front ends only if they changed. */
const ensure = () =>
  run(process.execPath, ['--import', 'tsx', 'scripts/src/front-ends.ts', 'ensure'], {
    cwd: root,
    env: { ...process.env, SWITCHBOARD_BUILD: '' },
  });

describe('pnpm start', () => {
  it('rebuilds nothing when nothing changed since the last build', async () => {
    // The first may build (a checkout whose front ends were never built); the second,
    // with nothing changed in between, must not, and must leave dist/ untouched.
    await ensure();
    const bundle = (dir: string) => statSync(`${root}${dir}/dist/.sources`).mtimeMs;
    const before = [bundle('widget'), bundle('console')];
    const { stdout } = await ensure();
    expect(stdout).toContain('widget: up to date, not rebuilt');
    expect(stdout).toContain('console: up to date, not rebuilt');
    expect([bundle('widget'), bundle('console')]).toEqual(before);
  }, 180_000);
});
