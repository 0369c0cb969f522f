/**
 * The operator's command line: `pnpm switchboard <command>` from the repository, or
 * `node --import tsx server/src/cli.ts <command>`. It works on the database under
 * DATA_DIR, also while the hub runs (SQLite takes the second writer in turn), except
 * restore, which refuses while a hub serves the database.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import type { AuditActor } from '@switchboard/shared';
import Database from 'better-sqlite3';
import { nanoid } from 'nanoid';
import { hashPassword, newPassword } from './auth/password.ts';
import { type Config, ConfigError, configFromEnv } from './config.ts';
import { BackupError, backup, backupName, prune, restore } from './store/sqlite/backup.ts';
import { knownSchemaVersion, pendingMigrations } from './store/sqlite/db.ts';
import { openSqliteStore } from './store/sqlite/open.ts';
import type { Store } from './store/store.ts';

/** A failure the operator can fix; printed without a stack trace. */
class UsageError extends Error {}

const MIN_PASSWORD = 8;

/** Who the audit log names for what the command line does. */
const OPERATOR: AuditActor = { kind: 'operator', id: null, name: 'command line', role: null };

interface Context {
  config: Config;
  /** The live database file under DATA_DIR. */
  database: string;
  /** The store over it, opened on first use; refused when there is no database yet. */
  store(): Promise<Store>;
}

interface Command {
  usage: string;
  run(args: string[], ctx: Context): Promise<string>;
}

/** A password from stdin (--password-stdin), checked; null when none is given. */
async function givenPassword(args: string[]): Promise<string | null> {
  if (!args.includes('--password-stdin')) return null;
  const given = (await text(process.stdin)).replace(/\r?\n$/, '');
  if (given.length < MIN_PASSWORD) {
    throw new UsageError(`the password needs at least ${MIN_PASSWORD} characters`);
  }
  return given;
}

const positional = (args: string[]) => args.filter((a) => !a.startsWith('--'));

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const COMMANDS: Record<string, Command> = {
  'reset-password': {
    usage: 'reset-password EMAIL [--password-stdin]',
    async run(args, ctx) {
      const [email] = positional(args);
      if (!email) throw new UsageError("reset-password needs the agent's email");
      const store = await ctx.store();
      const agent = await store.agents.byEmail(email);
      if (!agent) throw new UsageError(`no agent with email ${email}`);
      const given = await givenPassword(args);
      const password = given ?? newPassword();
      await store.agents.setPassword(agent.id, {
        passwordHash: await hashPassword(password),
        // A generated password is temporary, as one an admin generates in the API.
        mustChange: given === null,
        audit: { actor: OPERATOR, at: Date.now() },
      });
      const shown =
        given === null
          ? `\nNew password: ${password}   (shown once; they choose their own at sign-in)`
          : '';
      return `Password of ${agent.email} reset; their console sessions were signed out.${shown}`;
    },
  },
  'create-admin': {
    usage: 'create-admin EMAIL [NAME] [--password-stdin]',
    async run(args, ctx) {
      const [email, ...name] = positional(args);
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
        throw new UsageError('create-admin needs an email address');
      }
      const store = await ctx.store();
      if (await store.agents.byEmail(email)) {
        throw new UsageError(`an agent with email ${email} exists; reset-password changes theirs`);
      }
      const given = await givenPassword(args);
      const password = given ?? newPassword();
      await store.agents.create(
        {
          id: nanoid(),
          email,
          name: name.join(' ') || 'Admin',
          role: 'admin',
          passwordHash: await hashPassword(password),
          departments: (await store.directory.departments()).map((d) => d.id),
          // A generated password is temporary: they choose their own at first sign-in.
          mustChangePassword: given === null,
        },
        Date.now(),
        { actor: OPERATOR, at: Date.now() },
      );
      const shown =
        given === null
          ? `\nPassword: ${password}   (shown once; they choose their own at sign-in)`
          : '';
      return `Admin ${email} created, in every department.${shown}`;
    },
  },
  backup: {
    usage: 'backup [FILE]   (default: BACKUP_DIR or DATA_DIR/backups; keeps BACKUP_KEEP)',
    async run(args, ctx) {
      requireDatabase(ctx.database);
      const [file] = positional(args);
      const dir = file ? dirname(resolve(file)) : ctx.config.backupDir;
      mkdirSync(dir, { recursive: true });
      const target = file ? resolve(file) : join(dir, backupName(new Date()));
      const done = guard(() => backup(ctx.database, target));
      const lines = [
        `Backup written to ${done.file} (${mb(done.bytes)} in ${(done.ms / 1000).toFixed(1)} s); it passed SQLite's integrity check.`,
      ];
      if (!file) {
        const gone = prune(dir, ctx.config.backupKeep);
        if (gone.length) lines.push(`Removed ${gone.length} older backup(s): ${gone.join(', ')}`);
      }
      return lines.join('\n');
    },
  },
  restore: {
    usage: 'restore FILE   (the hub must be stopped; the current database is kept beside it)',
    async run(args, ctx) {
      const [file] = positional(args);
      if (!file) throw new UsageError('restore needs the backup file to restore');
      const { kept } = guard(() => restore(resolve(file), ctx.database, new Date()));
      const before = kept ? ` The database it replaced is kept as ${kept}.` : '';
      return `Restored ${ctx.database} from ${resolve(file)}.${before} Start the hub to serve it.`;
    },
  },
  migrate: {
    usage: 'migrate --status',
    async run(args, ctx) {
      if (!args.includes('--status')) {
        throw new UsageError('migrations run when the hub starts; migrate --status shows them');
      }
      requireDatabase(ctx.database);
      const db = new Database(ctx.database, { readonly: true });
      try {
        const version = Number(db.pragma('user_version', { simple: true }));
        const known = knownSchemaVersion();
        if (version > known) {
          return `Schema version ${version}: newer than this Switchboard (${known}); it will refuse to start.`;
        }
        const pending = pendingMigrations(db);
        return pending.length === 0
          ? `Schema version ${version}: up to date.`
          : `Schema version ${version}; the next start applies: ${pending.join(', ')}`;
      } finally {
        db.close();
      }
    },
  },
};

function requireDatabase(database: string): void {
  if (!existsSync(database)) {
    throw new UsageError(`no database at ${database}: start the hub once, or set DATA_DIR`);
  }
}

/** Backup errors are the operator's to fix: shown as they are. */
function guard<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof BackupError) throw new UsageError(error.message);
    throw error;
  }
}

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
  const database = join(config.dataDir, 'switchboard.db');
  const opened: { store?: Store } = {};
  const ctx: Context = {
    config,
    database,
    async store() {
      requireDatabase(database);
      opened.store ??= openSqliteStore({ filename: database, synchronous: config.synchronous });
      return opened.store;
    },
  };
  try {
    console.log(await command.run(args, ctx));
  } finally {
    await opened.store?.close();
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
