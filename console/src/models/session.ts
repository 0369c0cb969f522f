/** Who is signed in, as far as the hub's cookie says. */
import { type Signal, signal } from '@preact/signals';
import type { AgentProfile } from '@switchboard/shared';
import type { AuthApi } from '../auth-api.ts';

export type SignInError = 'bad-credentials' | 'disabled' | 'failed';
export type PasswordError = 'bad-current' | 'too-weak' | 'failed';

export type SessionState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; error: SignInError | null; busy: boolean }
  /**
   * Signed in with a temporary password: nothing opens until they choose their own.
   * `current` is the password they just signed in with (memory only), so they need
   * not type it again; null after a reload.
   */
  | {
      kind: 'must-change';
      agent: AgentProfile;
      current: string | null;
      error: PasswordError | null;
      busy: boolean;
    }
  | { kind: 'signed-in'; agent: AgentProfile };

export interface SessionModel {
  state: Signal<SessionState>;
  /** Asks the hub whether the cookie still holds a session (skips the sign-in form). */
  check(): Promise<void>;
  login(email: string, password: string): Promise<void>;
  /** Replaces a temporary password; on success the console opens. */
  changePassword(current: string, next: string): Promise<void>;
  logout(): Promise<void>;
  /** The hub refused the socket handshake: the session is gone. */
  expire(): void;
}

export function createSessionModel(api: AuthApi): SessionModel {
  const state = signal<SessionState>({ kind: 'checking' });
  const signedOut = (error: SignInError | null): SessionState => ({
    kind: 'signed-out',
    error,
    busy: false,
  });
  const signedIn = (agent: AgentProfile, current: string | null): SessionState =>
    agent.mustChangePassword
      ? { kind: 'must-change', agent, current, error: null, busy: false }
      : { kind: 'signed-in', agent };
  return {
    state,
    async check() {
      const res = await api.me();
      state.value = res.ok ? signedIn(res.agent, null) : signedOut(null);
    },
    async login(email, password) {
      state.value = { kind: 'signed-out', error: null, busy: true };
      const res = await api.login(email, password);
      if (res.ok) state.value = signedIn(res.agent, password);
      else if (res.error.code === 'unauthorized' || res.error.code === 'invalid_payload') {
        state.value = signedOut('bad-credentials');
      } else if (res.error.code === 'account_disabled') state.value = signedOut('disabled');
      else state.value = signedOut('failed');
    },
    async changePassword(current, next) {
      const before = state.peek();
      if (before.kind !== 'must-change') return;
      state.value = { ...before, busy: true, error: null };
      const res = await api.changePassword(current, next);
      if (res.ok) {
        state.value = signedIn(res.agent, null);
        return;
      }
      const code = res.error.code;
      const error: PasswordError =
        code === 'unauthorized'
          ? 'bad-current'
          : code === 'invalid_payload'
            ? 'too-weak'
            : 'failed';
      // A wrong current password means the one kept from sign-in is no good: ask for it.
      state.value = {
        ...before,
        busy: false,
        error,
        current: error === 'bad-current' ? null : before.current,
      };
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
