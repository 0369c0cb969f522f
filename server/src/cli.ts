/**
 * The operator's command line: `pnpm switchboard <command>` from the repository, or
 * `node --import tsx server/src/cli.ts <command>`. It works on the database under
 * DATA_DIR, also while the hub runs (SQLite takes the second writer in turn).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { hashPassword, newPassword } from './auth/password.ts';
import { ConfigError, configFromEnv } from './config.ts';
import { openSqliteStore } from './store/sqlite/open.ts';
import type { Store } from './store/store.ts';

/** A failure the operator can fix; printed without a stack trace. */
class UsageError extends Error {}

const MIN_PASSWORD = 8;

const COMMANDS: Record<
  string,
  { usage: string; run(args: string[], store: Store): Promise<string> }
> = {
  'reset-password': {
    usage: 'reset-password EMAIL [--password-stdin]',
    async run(args, store) {
      const email = args.find((a) => !a.startsWith('--'));
      if (!email) throw new UsageError("reset-password needs the agent's email");
      const agent = await store.agents.byEmail(email);
      if (!agent) throw new UsageError(`no agent with email ${email}`);
      const given = args.includes('--password-stdin')
        ? (await text(process.stdin)).replace(/\r?\n$/, '')
        : null;
      if (given !== null && given.length < MIN_PASSWORD) {
        throw new UsageError(`the password needs at least ${MIN_PASSWORD} characters`);
      }
      const password = given ?? newPassword();
      await store.agents.setPassword(agent.id, await hashPassword(password));
      const shown = given === null ? `\nNew password: ${password}   (shown once)` : '';
      return `Password of ${agent.email} reset; their console sessions were signed out.${shown}`;
    },
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  pnpm switchboard ${c.usage}`);
  return ['Usage:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command "${name}".\n${usage()}` : usage());
    return 2;
  }
  const config = configFromEnv(process.env);
  const filename = join(config.dataDir, 'switchboard.db');
  if (!existsSync(filename)) {
    throw new UsageError(`no database at ${filename}: start the hub once, or set DATA_DIR`);
  }
  const store = openSqliteStore({ filename, synchronous: config.synchronous });
  try {
    console.log(await command.run(args, store));
  } finally {
    await store.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      console.error(`switchboard: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
