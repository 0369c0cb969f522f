import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a browser request comes from a page on the hub itself. The console and the
 * chat frame both live there, so their sockets must say so; anything else (a page on
 * another site riding a visitor's or agent's cookie) is refused.
 */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  // A reverse proxy must pass the browser's Host header through (README).
  const host = headers.host;
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** `https://a.example:8443` form, or null for anything that is not an http(s) origin. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
