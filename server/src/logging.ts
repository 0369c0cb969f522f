import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/**
 * Whatever a log line carries, these never reach it: message text, passwords, tokens,
 * cookies and secrets, wherever they sit in the object logged (pino's redaction, by
 * path; a wildcard covers one level). Nothing the hub logs today holds them; this
 * keeps a future `log.info({ payload })` from leaking one.
 */
const SECRET_KEYS = ['body', 'password', 'token', 'secret', 'cookie', 'authorization'];
export const REDACT = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'err.data',
];

/** The hub's logger: pino JSON lines, or pino-pretty's for a terminal. */
export function loggerOptions(
  config: Pick<Config, 'logLevel' | 'logFormat'>,
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: config.logLevel,
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(config.logFormat === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
