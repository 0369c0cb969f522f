import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { ConfigError, configFromEnv } from './config.ts';
import { openSqliteStore } from './store/sqlite/open.ts';

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  mkdirSync(config.dataDir, { recursive: true });
  const store = openSqliteStore({
    filename: join(config.dataDir, 'switchboard.db'),
    synchronous: config.synchronous,
  });
  const app = await buildApp({ config, store, logger: { level: config.logLevel } });
  const boot = await bootstrap(store, config, Date.now());
  await app.listen({ port: config.port, host: config.host });

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

  let closing = false;
  const shutdown = async (signal: string) => {
    // A second signal while closing means "now": the WAL keeps what was committed.
    if (closing) process.exit(1);
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
    } finally {
      await store.close();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
