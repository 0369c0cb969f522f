/**
 * The servers under test, each in its own child process (so the load generator and
 * the server each get a core), started through tsx's loader with plain `node` so the
 * child's pid is the server itself and /proc/<pid> reports its CPU and memory
 * (meter.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerChild {
  name: string;
  url: string;
  pid: number;
  /** Stops the child (SIGTERM, SIGKILL after 5 s); resolves once it has exited. */
  stop(): Promise<void>;
  /** Its warnings and errors (pino JSON lines at level ≥ 40), counted by message. */
  warnings(): Map<string, number>;
}

/** `socket handler failed: SQLITE_BUSY database is locked` from one pino line. */
function warningOf(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const entry = JSON.parse(line) as {
      level?: number;
      msg?: string;
      err?: { code?: string; message?: string };
    };
    if ((entry.level ?? 0) < 40) return null;
    const err = entry.err ? `: ${entry.err.code ?? ''} ${entry.err.message ?? ''}`.trimEnd() : '';
    return `${entry.msg ?? '(no message)'}${err}`;
  } catch {
    return null;
  }
}

const live = new Set<ChildProcess>();

/** Kills every child still running; safe to call from an 'exit' handler. */
export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

export interface StartOptions {
  name: string;
  /** Script path relative to the repo root. */
  script: string;
  env: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Matches the line that says the server is ready; group 1 is its base URL. */
  ready: RegExp;
  timeoutMs?: number;
}

/**
 * The V8 flags `pnpm start` runs the hub with (the root and server package.json). The bare relay
 * gets the same ones, so the two differ only in what the hub does per message.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

export function startServer(options: StartOptions): Promise<ServerChild> {
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), '--import', 'tsx', options.script],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  live.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });

  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8000);
  };
  child.stderr?.on('data', keep);
  const warnings = new Map<string, number>();
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = (lines.pop() ?? '').slice(-100_000);
    for (const line of lines) {
      const warning = warningOf(line);
      if (warning) warnings.set(warning, (warnings.get(warning) ?? 0) + 1);
    }
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<ServerChild>((resolve, reject) => {
    let buffered = '';
    let done = false;
    const fail = (why: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${options.name}: ${why}\n${tail}`)));
    };
    const timer = setTimeout(
      () => fail(`not ready within ${options.timeoutMs ?? 30_000} ms`),
      options.timeoutMs ?? 30_000,
    );
    child.once('exit', (code, signal) => fail(`exited early (${code ?? signal})`));
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (done) return;
      buffered = (buffered + chunk.toString('utf8')).slice(-8000);
      const match = options.ready.exec(buffered);
      if (!match?.[1] || child.pid === undefined) return;
      done = true;
      clearTimeout(timer);
      resolve({
        name: options.name,
        url: match[1],
        pid: child.pid,
        stop,
        warnings: () => warnings,
      });
    });
  });
}
