import { useSignal } from '@preact/signals';
import type { JSX } from 'preact';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useApp, useT } from '../context.ts';

export function SignIn() {
  const { session } = useApp();
  const t = useT();
  const email = useSignal('');
  const password = useSignal('');
  const state = session.state.value;
  const busy = state.kind === 'signed-out' && state.busy;
  const error = state.kind === 'signed-out' ? state.error : null;

  const submit = (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!busy) void session.login(email.value.trim(), password.value);
  };

  return (
    <main class="signin">
      <form class="signin-card" onSubmit={submit}>
        <div class="signin-head">
          <span class="brand">{t('productName')}</span>
          <LanguageSwitch />
        </div>
        <h1>{t('signInTitle')}</h1>
        <label class="field">
          <span>{t('email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email.value}
            onInput={(e) => {
              email.value = e.currentTarget.value;
            }}
          />
        </label>
        <label class="field">
          <span>{t('password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password.value}
            onInput={(e) => {
              password.value = e.currentTarget.value;
            }}
          />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {t(
              error === 'bad-credentials'
                ? 'badCredentials'
                : error === 'disabled'
                  ? 'accountDisabled'
                  : 'signInFailed',
            )}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
