/**
 * The visitor's token as a partitioned cookie (CHIPS) on the hub's origin, for the chat
 * frame on sites whose browsers refuse a third-party frame its storage.
 *
 * On a customer's site the frame is a cross-site iframe. Chrome with third-party
 * cookies blocked (the default from Chrome 156 on) denies it localStorage altogether,
 * and Safari and Firefox partition or clear it; a frame that kept the token only there
 * lost the visitor on every reconnect. A cookie marked `Partitioned` is still stored and
 * sent in that frame, keyed by the top-level site, so the same visitor on the same
 * customer site keeps their identity. It is HttpOnly: no script, the host page's or the
 * frame's, ever reads it; the hub reads it at the socket handshake. docs/embedding.md
 * weighs it against the other ways.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';

/** One cookie per site key; base64url keeps any key within cookie-name characters. */
export function visitorCookieName(siteKey: string): string {
  return `sb_v_${Buffer.from(siteKey).toString('base64url')}`;
}

/**
 * `Partitioned` needs `Secure`, and `SameSite=None` lets the cross-site frame send it.
 * Browsers accept Secure cookies from https and from loopback hosts; a hub on plain
 * http elsewhere cannot be embedded cross-site anyway (mixed content).
 */
export const VISITOR_COOKIE: CookieSerializeOptions = {
  path: '/',
  httpOnly: true,
  secure: true,
  sameSite: 'none',
  partitioned: true,
  // Browsers cap cookie lifetimes at 400 days.
  maxAge: 365 * 24 * 3600,
};
