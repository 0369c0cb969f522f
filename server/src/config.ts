import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '@switchboard/shared';
import type { RateLimit } from './limits/bucket.ts';
import { normalizeOrigin } from './origin.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  adminEmail: string;
  /** Null: generate one on first start and print it once. */
  adminPassword: string | null;
  logLevel: string;
  /** JSON lines (for a log collector), or pretty lines for a terminal. */
  logFormat: 'json' | 'pretty';
  synchronous: 'normal' | 'full';
  /** Writes (messages, starts, claims, status) per visitor or agent, all sockets together. */
  rateLimit: RateLimit;
  /** Reads (conversation lists and syncs) per visitor or agent. */
  readLimit: RateLimit;
  /** Everything the visitors at one client address send (a whole office can share one). */
  addressLimit: RateLimit;
  /** New visitors per client address. */
  newVisitorLimit: RateLimit;
  /** A socket holding more unsent output than this is dropped: its client is not reading. */
  socketBacklogBytes: number;
  /** How long a disconnected agent keeps their chats before they are requeued. */
  agentGraceMs: number;
  /** Origins besides the hub's own that may embed the demo site's widget. */
  demoSiteOrigins: string[];
  widgetDist: string;
  consoleDist: string;
  /** Behind a reverse proxy: believe its X-Forwarded-For/-Proto/-Host headers. */
  trustProxy: boolean;
  /** The bearer token GET /metrics asks for; null: no metrics are kept or served. */
  metricsToken: string | null;
  /** Where `switchboard backup` writes when given no file. */
  backupDir: string;
  /** How many backups `switchboard backup` keeps there. */
  backupKeep: number;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const DEFAULT_CONFIG: Config = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: resolve(repoRoot, 'data'),
  adminEmail: 'admin@switchboard.local',
  adminPassword: null,
  logLevel: 'info',
  logFormat: 'json',
  synchronous: 'normal',
  rateLimit: { perSecond: 10, burst: 30 },
  // A console reconnecting syncs every transcript it holds at once.
  readLimit: { perSecond: 20, burst: 200 },
  addressLimit: { perSecond: 100, burst: 1000 },
  newVisitorLimit: { perSecond: 10, burst: 600 },
  // Several sync pages (LIMITS.syncPageBytes) and a long conversation list fit.
  socketBacklogBytes: 4 * 1024 * 1024,
  agentGraceMs: 60_000,
  demoSiteOrigins: [],
  widgetDist: resolve(repoRoot, 'widget/dist'),
  consoleDist: resolve(repoRoot, 'console/dist'),
  trustProxy: false,
  metricsToken: null,
  backupDir: resolve(repoRoot, 'data', 'backups'),
  backupKeep: 7,
};

export class ConfigError extends Error {}

/** Reads the documented environment variables; anything malformed stops the start. */
export function configFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const config = { ...DEFAULT_CONFIG };
  if (env.PORT !== undefined) config.port = integer('PORT', env.PORT, 0, 65535);
  if (env.HOST) config.host = env.HOST;
  // Relative to where the command was typed (pnpm runs scripts from the package dir).
  if (env.DATA_DIR) {
    config.dataDir = isAbsolute(env.DATA_DIR)
      ? env.DATA_DIR
      : resolve(env.INIT_CWD ?? cwd, env.DATA_DIR);
  }
  // Follows DATA_DIR unless set itself.
  config.backupDir = join(config.dataDir, 'backups');
  if (env.BACKUP_DIR) {
    config.backupDir = isAbsolute(env.BACKUP_DIR)
      ? env.BACKUP_DIR
      : resolve(env.INIT_CWD ?? cwd, env.BACKUP_DIR);
  }
  if (env.BACKUP_KEEP) config.backupKeep = integer('BACKUP_KEEP', env.BACKUP_KEEP, 1, 10_000);
  if (env.SWITCHBOARD_ADMIN_EMAIL) config.adminEmail = env.SWITCHBOARD_ADMIN_EMAIL;
  if (env.SWITCHBOARD_ADMIN_PASSWORD) {
    if (env.SWITCHBOARD_ADMIN_PASSWORD.length < 8) {
      throw new ConfigError('SWITCHBOARD_ADMIN_PASSWORD must have at least 8 characters');
    }
    config.adminPassword = env.SWITCHBOARD_ADMIN_PASSWORD;
  }
  if (env.LOG_LEVEL) {
    const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
    if (!levels.includes(env.LOG_LEVEL)) {
      throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(', ')}`);
    }
    config.logLevel = env.LOG_LEVEL;
  }
  if (env.LOG_FORMAT) {
    if (env.LOG_FORMAT !== 'json' && env.LOG_FORMAT !== 'pretty') {
      throw new ConfigError('LOG_FORMAT must be "json" or "pretty"');
    }
    config.logFormat = env.LOG_FORMAT;
  }
  if (env.SQLITE_SYNCHRONOUS) {
    const value = env.SQLITE_SYNCHRONOUS.toLowerCase();
    if (value !== 'normal' && value !== 'full') {
      throw new ConfigError('SQLITE_SYNCHRONOUS must be "normal" or "full"');
    }
    config.synchronous = value;
  }
  if (env.RATE_LIMIT_PER_SEC) {
    const perSecond = integer('RATE_LIMIT_PER_SEC', env.RATE_LIMIT_PER_SEC, 1, 1_000_000);
    config.rateLimit = { perSecond, burst: perSecond * 3 };
  }
  if (env.READ_LIMIT_PER_SEC) {
    const perSecond = integer('READ_LIMIT_PER_SEC', env.READ_LIMIT_PER_SEC, 1, 1_000_000);
    config.readLimit = { perSecond, burst: perSecond * 10 };
  }
  if (env.ADDRESS_LIMIT_PER_SEC) {
    const perSecond = integer('ADDRESS_LIMIT_PER_SEC', env.ADDRESS_LIMIT_PER_SEC, 1, 1_000_000);
    config.addressLimit = { perSecond, burst: perSecond * 10 };
  }
  if (env.AGENT_GRACE_SECONDS) {
    config.agentGraceMs = integer('AGENT_GRACE_SECONDS', env.AGENT_GRACE_SECONDS, 0, 86_400) * 1000;
  }
  if (env.SOCKET_BACKLOG_BYTES) {
    config.socketBacklogBytes = integer(
      'SOCKET_BACKLOG_BYTES',
      env.SOCKET_BACKLOG_BYTES,
      LIMITS.syncPageBytes * 2,
      1024 * 1024 * 1024,
    );
  }
  if (env.NEW_VISITORS_PER_SEC) {
    const perSecond = integer('NEW_VISITORS_PER_SEC', env.NEW_VISITORS_PER_SEC, 1, 1_000_000);
    config.newVisitorLimit = { perSecond, burst: perSecond * 60 };
  }
  if (env.TRUST_PROXY) {
    const value = env.TRUST_PROXY.toLowerCase();
    if (!['1', 'true', '0', 'false'].includes(value)) {
      throw new ConfigError('TRUST_PROXY must be "true" or "false"');
    }
    config.trustProxy = value === '1' || value === 'true';
  }
  if (env.METRICS_TOKEN) {
    if (env.METRICS_TOKEN.length < 16) {
      throw new ConfigError('METRICS_TOKEN must have at least 16 characters');
    }
    config.metricsToken = env.METRICS_TOKEN;
  }
  if (env.DEMO_SITE_ORIGINS) {
    config.demoSiteOrigins = env.DEMO_SITE_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const origin = normalizeOrigin(s);
        if (!origin) throw new ConfigError(`DEMO_SITE_ORIGINS: "${s}" is not an http(s) origin`);
        return origin;
      });
  }
  return config;
}

function integer(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return n;
}
