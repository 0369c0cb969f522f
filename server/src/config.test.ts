import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, DEFAULT_CONFIG } from './config.ts';

describe('configFromEnv', () => {
  it('has safe defaults', () => {
    expect(configFromEnv({})).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.port).toBe(8080);
    expect(DEFAULT_CONFIG.host).toBe('127.0.0.1');
  });

  it('reads every documented variable', () => {
    const c = configFromEnv({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: 'var/db',
      INIT_CWD: '/srv/app',
      SWITCHBOARD_ADMIN_EMAIL: 'boss@example.com',
      SWITCHBOARD_ADMIN_PASSWORD: 'long enough',
      SQLITE_SYNCHRONOUS: 'FULL',
      RATE_LIMIT_PER_SEC: '5',
      DEMO_SITE_ORIGINS: 'https://a.example, http://b.example:8080/',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
      TRUST_PROXY: 'true',
      NEW_VISITORS_PER_SEC: '2',
      READ_LIMIT_PER_SEC: '7',
      ADDRESS_LIMIT_PER_SEC: '40',
      SOCKET_BACKLOG_BYTES: '2097152',
      METRICS_TOKEN: 'a-scraper-token-of-32-characters',
    });
    expect(c).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/srv/app/var/db',
      adminEmail: 'boss@example.com',
      adminPassword: 'long enough',
      synchronous: 'full',
      rateLimit: { perSecond: 5, burst: 15 },
      demoSiteOrigins: ['https://a.example', 'http://b.example:8080'],
      logLevel: 'debug',
      logFormat: 'pretty',
      trustProxy: true,
      newVisitorLimit: { perSecond: 2, burst: 120 },
      readLimit: { perSecond: 7, burst: 70 },
      addressLimit: { perSecond: 40, burst: 400 },
      socketBacklogBytes: 2097152,
      metricsToken: 'a-scraper-token-of-32-characters',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ SWITCHBOARD_ADMIN_PASSWORD: 'short' }, /at least 8/],
    [{ SQLITE_SYNCHRONOUS: 'off' }, /SQLITE_SYNCHRONOUS/],
    [{ RATE_LIMIT_PER_SEC: '0' }, /RATE_LIMIT_PER_SEC/],
    [{ DEMO_SITE_ORIGINS: 'ftp://x' }, /DEMO_SITE_ORIGINS/],
    [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY/],
    [{ READ_LIMIT_PER_SEC: '-1' }, /READ_LIMIT_PER_SEC/],
    [{ ADDRESS_LIMIT_PER_SEC: '1.5' }, /ADDRESS_LIMIT_PER_SEC/],
    // Below two sync pages, a client could never be sent its history.
    [{ SOCKET_BACKLOG_BYTES: '1000' }, /SOCKET_BACKLOG_BYTES/],
    [{ METRICS_TOKEN: 'guessable' }, /METRICS_TOKEN must have at least 16/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ LOG_FORMAT: 'xml' }, /LOG_FORMAT/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(message);
  });
});
