import { testAgent } from '@switchboard/shared/testing';
import { describe, expect, it } from 'vitest';
import type { AuthApi, AuthResult } from '../auth-api.ts';
import { createSessionModel } from './session.ts';

const agent = (mustChangePassword: boolean) =>
  testAgent({ email: 'li@example.com', name: 'Li Wei', mustChangePassword });

/** A hub that answers each call from a script, and records what it was asked. */
function fakeApi(answers: Partial<Record<keyof AuthApi, AuthResult>>) {
  const calls: string[][] = [];
  const fine: AuthResult = { ok: true, agent: agent(false) };
  const answer = (name: keyof AuthApi, ...args: string[]): Promise<AuthResult> => {
    calls.push([name, ...args]);
    return Promise.resolve(answers[name] ?? fine);
  };
  const api: AuthApi = {
    me: () => answer('me'),
    login: (email, password) => answer('login', email, password),
    changePassword: (current, next) => answer('changePassword', current, next),
    logout: async () => {
      calls.push(['logout']);
    },
  };
  return { api, calls };
}

const refused = (code: 'unauthorized' | 'invalid_payload' | 'account_disabled'): AuthResult => ({
  ok: false,
  error: { code, message: code },
});

describe('session', () => {
  it('asks for a new password after a temporary one, reusing the one just typed', async () => {
    const { api, calls } = fakeApi({ login: { ok: true, agent: agent(true) } });
    const session = createSessionModel(api);
    await session.login('li@example.com', 'temporary-1');
    expect(session.state.value).toMatchObject({ kind: 'must-change', current: 'temporary-1' });
    await session.changePassword('temporary-1', 'my-own-password');
    expect(calls.at(-1)).toEqual(['changePassword', 'temporary-1', 'my-own-password']);
    expect(session.state.value).toMatchObject({
      kind: 'signed-in',
      agent: { mustChangePassword: false },
    });
  });

  it('asks for the temporary password again when the one kept is refused', async () => {
    const { api } = fakeApi({
      login: { ok: true, agent: agent(true) },
      changePassword: refused('unauthorized'),
    });
    const session = createSessionModel(api);
    await session.login('li@example.com', 'temporary-1');
    await session.changePassword('temporary-1', 'my-own-password');
    expect(session.state.value).toMatchObject({
      kind: 'must-change',
      current: null,
      error: 'bad-current',
    });
  });

  it('after a reload knows only that a new password is due', async () => {
    const { api } = fakeApi({ me: { ok: true, agent: agent(true) } });
    const session = createSessionModel(api);
    await session.check();
    expect(session.state.value).toMatchObject({ kind: 'must-change', current: null });
  });

  it('says a disabled account is disabled, and wrong credentials are wrong', async () => {
    for (const [code, error] of [
      ['account_disabled', 'disabled'],
      ['unauthorized', 'bad-credentials'],
    ] as const) {
      const session = createSessionModel(fakeApi({ login: refused(code) }).api);
      await session.login('li@example.com', 'x');
      expect(session.state.value).toEqual({ kind: 'signed-out', error, busy: false });
    }
  });
});
