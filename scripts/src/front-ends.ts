/**
 * Builds the widget and the console, or only what changed since the last build.
 *
 *   tsx scripts/src/front-ends.ts build    build both, always (`pnpm build`)
 *   tsx scripts/src/front-ends.ts ensure   build only those whose sources changed
 *                                          (`pnpm start`; SWITCHBOARD_BUILD=always forces)
 *
 * A build leaves a fingerprint of everything it was made from in its dist/ folder; a
 * start compares it with the sources now. The fingerprint is a hash of file contents,
 * not times, so a checkout, a copy or a touch that changes nothing builds nothing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface FrontEnd {
  /** The workspace package, for `pnpm --filter`. */
  name: string;
  /** Its folder, relative to the repository root. */
  dir: string;
  /** What its build reads, relative to the repository root: files or folders. */
  inputs: readonly string[];
}

const SHARED = ['shared/src', 'shared/package.json', 'tsconfig.base.json', 'pnpm-lock.yaml'];

export const FRONT_ENDS: readonly FrontEnd[] = [
  {
    name: '@switchboard/widget',
    dir: 'widget',
    inputs: [
      'widget/src',
      'widget/package.json',
      'widget/tsconfig.json',
      'widget/vite.config.ts',
      'widget/vite.loader.config.ts',
      ...SHARED,
    ],
  },
  {
    name: '@switchboard/console',
    dir: 'console',
    inputs: [
      'console/src',
      'console/index.html',
      'console/package.json',
      'console/tsconfig.json',
      'console/vite.config.ts',
      ...SHARED,
    ],
  },
];

/** Where a build leaves the fingerprint of its sources. */
export const STAMP = 'dist/.sources';

/** Tests are not part of a build: changing one rebuilds nothing. */
const isTest = (path: string) => /\.test\.tsx?$/.test(path);

/** Every file under the inputs, sorted, as paths relative to root. */
function files(root: string, inputs: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (entry !== 'node_modules' && entry !== 'dist') walk(join(path, entry));
      }
    } else if (!isTest(path)) {
      found.push(relative(root, path));
    }
  };
  for (const input of inputs) walk(join(root, input));
  return found.sort();
}

/** A hash of the inputs' paths and contents. */
export function fingerprint(root: string, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files(root, inputs)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Why the front end needs a build, or null when its dist/ was built from these sources. */
export function staleness(root: string, frontEnd: FrontEnd): string | null {
  const stamp = join(root, frontEnd.dir, STAMP);
  if (!existsSync(stamp)) return 'not built yet';
  const built = readFileSync(stamp, 'utf8').trim();
  return built === fingerprint(root, frontEnd.inputs) ? null : 'sources changed';
}

function build(root: string, frontEnd: FrontEnd): void {
  const result = spawnSync('pnpm', ['--filter', frontEnd.name, 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`\nBuilding ${frontEnd.dir} failed; see the output above.`);
    process.exit(result.status ?? 1);
  }
  // Computed after the build: a source edited while it ran is caught next time.
  writeFileSync(join(root, frontEnd.dir, STAMP), `${fingerprint(root, frontEnd.inputs)}\n`);
}

function main(mode: string | undefined): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const always = mode === 'build' || process.env.SWITCHBOARD_BUILD === 'always';
  if (mode !== 'build' && mode !== 'ensure') {
    console.error('usage: front-ends.ts build|ensure');
    process.exit(2);
  }
  for (const frontEnd of FRONT_ENDS) {
    const why = always ? 'asked to' : staleness(root, frontEnd);
    if (why === null) {
      console.log(`${frontEnd.dir}: up to date, not rebuilt`);
      continue;
    }
    console.log(`${frontEnd.dir}: building (${why})`);
    build(root, frontEnd);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv[2]);
}
