import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { ConfigError, configFromEnv } from './config.ts';
import { loggerOptions } from './logging.ts';
import { createMetrics } from './metrics/metrics.ts';
import { DatabaseTooNew } from './store/sqlite/db.ts';
import { openSqliteStore } from './store/sqlite/open.ts';

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  mkdirSync(config.dataDir, { recursive: true });
  const metrics = config.metricsToken ? createMetrics() : undefined;
  const database = join(config.dataDir, 'switchboard.db');
  const store = openSqliteStore({
    filename: database,
    synchronous: config.synchronous,
    onCommit: metrics?.committed,
  });
  const app = await buildApp({ config, store, metrics, logger: loggerOptions(config) });
  const boot = await bootstrap(store, config, Date.now());
  // The banner below says where the hub listens, in words; Fastify's own JSON line
  // about it would come first and read like noise.
  const level = app.log.level;
  app.log.level = 'warn';
  await app.listen({ port: config.port, host: config.host });
  app.log.level = level;

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const lines = [
    '',
    `  Switchboard is running (data in ${config.dataDir})`,
    `  Demo site:  ${base}/`,
    `  Console:    ${base}/console/`,
    `  API docs:   ${base}/api/docs`,
  ];
  if (config.metricsToken) lines.push(`  Metrics:    ${base}/metrics (bearer METRICS_TOKEN)`);
  if (boot.adminCreated) {
    lines.push(`  Admin:      ${config.adminEmail}`);
    if (boot.generatedPassword) {
      lines.push(
        `  Password:   ${boot.generatedPassword}   (shown once; set SWITCHBOARD_ADMIN_PASSWORD to choose it)`,
      );
    }
  }
  if (boot.warning) lines.push('', `  Note: ${boot.warning}`);
  console.log(`${lines.join('\n')}\n`);
  // `switchboard restore` refuses to replace the database while this file names a
  // live process.
  const pidFile = `${database}.pid`;
  writeFileSync(pidFile, `${process.pid}\n`);

  // One Ctrl-C reaches the hub twice under `pnpm start`: from the terminal and again
  // from pnpm, which forwards it. Only a signal a second or more after the first means
  // "stop now"; the WAL keeps whatever was committed.
  let closingAt: number | null = null;
  const shutdown = async () => {
    if (closingAt !== null) {
      if (Date.now() - closingAt < 1000) return;
      console.log('  Stopping at once.');
      process.exit(1);
    }
    closingAt = Date.now();
    console.log('\n  Switchboard is stopping: finishing writes, closing connections…');
    try {
      await app.close();
    } finally {
      await store.close();
      rmSync(pidFile, { force: true });
    }
    console.log('  Switchboard stopped. Everything acknowledged is on disk.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else if (error instanceof DatabaseTooNew) {
    console.error(`Cannot start: ${error.message}.`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
