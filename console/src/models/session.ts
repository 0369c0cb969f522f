/** Who is signed in, as far as the hub's cookie says. */
import { type Signal, signal } from '@preact/signals';
import type { AgentProfile } from '@switchboard/shared';
import type { AuthApi } from '../auth-api.ts';

export type SessionState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; error: 'bad-credentials' | 'failed' | null; busy: boolean }
  | { kind: 'signed-in'; agent: AgentProfile };

export interface SessionModel {
  state: Signal<SessionState>;
  /** Asks the hub whether the cookie still holds a session (skips the sign-in form). */
  check(): Promise<void>;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** The hub refused the socket handshake: the session is gone. */
  expire(): void;
}

export function createSessionModel(api: AuthApi): SessionModel {
  const state = signal<SessionState>({ kind: 'checking' });
  const signedOut = (error: 'bad-credentials' | 'failed' | null): SessionState => ({
    kind: 'signed-out',
    error,
    busy: false,
  });
  return {
    state,
    async check() {
      const res = await api.me();
      state.value = res.ok ? { kind: 'signed-in', agent: res.agent } : signedOut(null);
    },
    async login(email, password) {
      state.value = { kind: 'signed-out', error: null, busy: true };
      const res = await api.login(email, password);
      if (res.ok) state.value = { kind: 'signed-in', agent: res.agent };
      else
        state.value = signedOut(
          res.error.code === 'unauthorized' || res.error.code === 'invalid_payload'
            ? 'bad-credentials'
            : 'failed',
        );
    },
    async logout() {
      await api.logout();
      state.value = signedOut(null);
    },
    expire() {
      state.value = signedOut(null);
    },
  };
}
