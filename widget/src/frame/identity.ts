/**
 * Where the frame keeps the visitor's token. It never leaves the hub's origin, and it
 * must survive reconnects and reloads also where the browser treats the frame as the
 * third party it is on a customer's site:
 * - in memory, always, so a reconnect never needs storage at all;
 * - in localStorage where the browser gives the frame any (on the hub's own pages, or
 *   partitioned by top-level site);
 * - as a partitioned HttpOnly cookie the hub sets (server/src/auth/visitor-cookie.ts),
 *   which Chrome keeps even when it refuses the frame localStorage, and which the hub
 *   reads at the handshake. Scripts never see it.
 */
export interface TokenStore {
  get(siteKey: string): string | undefined;
  set(siteKey: string, token: string): void;
}

export const tokenKey = (siteKey: string) => `switchboard:token:${siteKey}`;

/**
 * The frame's localStorage, or null where reading the property itself throws
 * (third-party storage blocked) or storage refuses a write.
 */
export function frameStorage(): Storage | null {
  try {
    const storage = window.localStorage;
    storage.getItem(tokenKey(''));
    return storage;
  } catch {
    return null;
  }
}

/** Asks the hub to keep the token as the frame's partitioned cookie. */
export type RememberToken = (siteKey: string, token: string) => Promise<void>;

export const rememberWithHub: RememberToken = async (site, token) => {
  await fetch('/api/widget/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site, token }),
  });
};

export function createTokenStore(storage: Storage | null, remember: RememberToken): TokenStore {
  const held = new Map<string, string>();
  return {
    get(siteKey) {
      const token = held.get(siteKey);
      if (token) return token;
      try {
        return storage?.getItem(tokenKey(siteKey)) ?? undefined;
      } catch {
        return undefined;
      }
    },
    set(siteKey, token) {
      // The hub repeats the token on every connect; only a new one needs keeping.
      if (held.get(siteKey) === token) return;
      held.set(siteKey, token);
      try {
        storage?.setItem(tokenKey(siteKey), token);
      } catch {
        // Quota or a policy change: memory and the cookie still hold it.
      }
      // Best effort: without the cookie a reload falls back to localStorage or memory.
      remember(siteKey, token).catch(() => undefined);
    },
  };
}
