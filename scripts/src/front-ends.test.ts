import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FrontEnd, fingerprint, STAMP, staleness } from './front-ends.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const app: FrontEnd = { name: 'app', dir: 'app', inputs: ['app/src', 'app/package.json', 'lib'] };

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'front-ends-'));
  roots.push(root);
  for (const [path, text] of Object.entries({
    'app/src/main.ts': 'main',
    'app/src/view.tsx': 'view',
    'app/src/view.test.tsx': 'test',
    'app/package.json': '{}',
    'lib/shared.ts': 'shared',
    'elsewhere/other.ts': 'other',
  })) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function built(root: string): void {
  mkdirSync(join(root, 'app/dist'), { recursive: true });
  writeFileSync(join(root, 'app', STAMP), `${fingerprint(root, app.inputs)}\n`);
}

describe('front-end freshness', () => {
  it('builds what was never built', () => {
    expect(staleness(tree(), app)).toBe('not built yet');
  });

  it('skips a build whose sources are unchanged, whatever their times', () => {
    const root = tree();
    built(root);
    utimesSync(join(root, 'app/src/main.ts'), new Date(), new Date(2030, 0, 1));
    expect(staleness(root, app)).toBeNull();
  });

  it('rebuilds when a source, a shared input or a file name changes', () => {
    for (const change of [
      (root: string) => writeFileSync(join(root, 'app/src/main.ts'), 'main 2'),
      (root: string) => writeFileSync(join(root, 'lib/shared.ts'), 'shared 2'),
      (root: string) => writeFileSync(join(root, 'app/src/new.ts'), ''),
      (root: string) => rmSync(join(root, 'app/src/view.tsx')),
    ]) {
      const root = tree();
      built(root);
      change(root);
      expect(staleness(root, app)).toBe('sources changed');
    }
  });

  it('ignores tests, dist and files outside the inputs', () => {
    const root = tree();
    built(root);
    writeFileSync(join(root, 'app/src/view.test.tsx'), 'test 2');
    writeFileSync(join(root, 'app/dist/bundle.js'), 'output');
    writeFileSync(join(root, 'elsewhere/other.ts'), 'other 2');
    expect(staleness(root, app)).toBeNull();
  });
});
