/** The hub's cookie-session endpoints. The cookie is HttpOnly: we never see it. */
import type { AgentProfile, HttpErrorCode } from '@switchboard/shared';

/** What an auth route answers when it refuses: an ack code, or an account code. */
export interface AuthError {
  code: HttpErrorCode | 'network';
  message: string;
}

export type AuthResult = { ok: true; agent: AgentProfile } | { ok: false; error: AuthError };

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<AuthResult> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (err) {
    return { ok: false, error: { code: 'network', message: String(err) } };
  }
  const json = (await res.json().catch(() => null)) as
    | { ok: true; agent: AgentProfile }
    | { ok: false; error: AuthError }
    | null;
  if (json && typeof json === 'object' && 'ok' in json) return json;
  return { ok: false, error: { code: 'network', message: `HTTP ${res.status}` } };
}

export interface AuthApi {
  me(): Promise<AuthResult>;
  login(email: string, password: string): Promise<AuthResult>;
  /** changeOwnPassword: the one way on from a temporary password. */
  changePassword(currentPassword: string, newPassword: string): Promise<AuthResult>;
  logout(): Promise<void>;
}

/** Paths are relative to the origin, not to /console/: the API lives at the root. */
export const authApi: AuthApi = {
  me: () => call('GET', '/api/auth/me'),
  login: (email, password) => call('POST', '/api/auth/login', { email, password }),
  changePassword: (currentPassword, newPassword) =>
    call('POST', '/api/auth/password', { currentPassword, newPassword }),
  async logout() {
    // Fastify rejects an empty body declared as JSON, so send `{}`.
    await call('POST', '/api/auth/logout', {});
  },
};
