import type { AgentProfile } from '@switchboard/shared';
import type { AgentStore } from '../store/agents.ts';
import { hashToken, newToken } from './tokens.ts';

/** The console's session cookie; HttpOnly, so the console never sees the token. */
export const SESSION_COOKIE = 'sb_session';
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Console sessions, for HTTP routes and the /agent namespace alike. Only a token's
 * hash is stored. Whoever holds connections opened with a session (realtime/) asks to
 * hear when it ends, so this module knows nothing of sockets.
 */
export interface Sessions {
  /** The agent a session cookie's token belongs to, or null. */
  agentFor(token: string | undefined): Promise<AgentProfile | null>;
  /** Opens a session for the agent; returns the token to set as the cookie. */
  start(agentId: string): Promise<string>;
  /** Ends a session, then tells every listener the token's hash. */
  end(token: string): Promise<void>;
  /** Called with a session's token hash when it ends. */
  onEnd(listener: (tokenHash: string) => void): void;
  /**
   * Ends every session of the agent (disabled, password reset), then tells every
   * listener the agent's id. With `keep` (a session token), that session stays: the
   * agent changed their own password from it.
   */
  endAllFor(agentId: string, keep?: string): Promise<void>;
  /**
   * Called with an agent's id when all their sessions end at once, and the hash of
   * the one kept, if any.
   */
  onEndAll(listener: (agentId: string, keptHash?: string) => void): void;
}

export function createSessions(agents: AgentStore, clock: () => number): Sessions {
  const listeners: ((tokenHash: string) => void)[] = [];
  const allListeners: ((agentId: string, keptHash?: string) => void)[] = [];
  return {
    async agentFor(token) {
      return token ? agents.agentForSession(hashToken(token), clock()) : null;
    },
    async start(agentId) {
      const token = newToken();
      await agents.createSession(hashToken(token), agentId, clock(), SESSION_TTL_MS);
      return token;
    },
    async end(token) {
      const hash = hashToken(token);
      await agents.deleteSession(hash);
      for (const listener of listeners) listener(hash);
    },
    onEnd(listener) {
      listeners.push(listener);
    },
    async endAllFor(agentId, keep) {
      const kept = keep === undefined ? undefined : hashToken(keep);
      // The store has already ended them when the change that calls this committed;
      // this is for the listeners, and for sessions a racing sign-in opened since.
      if (kept === undefined) await agents.deleteSessionsOf(agentId);
      for (const listener of allListeners) listener(agentId, kept);
    },
    onEndAll(listener) {
      allListeners.push(listener);
    },
  };
}
