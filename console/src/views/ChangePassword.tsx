/**
 * The first screen after signing in with a temporary password (an invite or a reset):
 * nothing else opens until the agent chooses their own.
 */
import { useSignal } from '@preact/signals';
import type { JSX } from 'preact';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useApp, useT } from '../context.ts';
import type { MessageKey } from '../i18n.ts';

const MIN_LENGTH = 8;

export function ChangePassword() {
  const { session } = useApp();
  const t = useT();
  const current = useSignal('');
  const next = useSignal('');
  const confirm = useSignal('');
  const mismatch = useSignal<MessageKey | null>(null);
  const state = session.state.value;
  if (state.kind !== 'must-change') return null;
  const known = state.current;

  const submit = (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (state.busy) return;
    if (next.value.length < MIN_LENGTH) mismatch.value = 'passwordTooShort';
    else if (next.value !== confirm.value) mismatch.value = 'passwordsDiffer';
    else {
      mismatch.value = null;
      void session.changePassword(known ?? current.value, next.value);
    }
  };
  const refusal: MessageKey | null =
    mismatch.value ??
    (state.error === 'bad-current'
      ? 'currentPasswordWrong'
      : state.error === 'too-weak'
        ? 'passwordRefused'
        : state.error === 'failed'
          ? 'signInFailed'
          : null);

  return (
    <main class="signin">
      <form class="signin-card" onSubmit={submit} noValidate>
        <div class="signin-head">
          <span class="brand">{t('productName')}</span>
          <LanguageSwitch />
        </div>
        <h1>{t('choosePasswordTitle')}</h1>
        <p>{t('choosePasswordIntro', { name: state.agent.name })}</p>
        {known === null && (
          <PasswordField
            label={t('currentPassword')}
            value={current}
            autoComplete="current-password"
          />
        )}
        <PasswordField label={t('newPassword')} value={next} autoComplete="new-password" />
        <PasswordField label={t('confirmPassword')} value={confirm} autoComplete="new-password" />
        <p class="hint">{t('passwordRule', { min: String(MIN_LENGTH) })}</p>
        {refusal && (
          <p class="form-error" role="alert">
            {t(refusal)}
          </p>
        )}
        <button type="submit" class="primary" disabled={state.busy}>
          {state.busy ? t('savingPassword') : t('savePassword')}
        </button>
        <button type="button" class="link" onClick={() => void session.logout()}>
          {t('signOut')}
        </button>
      </form>
    </main>
  );
}

function PasswordField(props: {
  label: string;
  value: { value: string };
  autoComplete: 'current-password' | 'new-password';
}) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        type="password"
        autoComplete={props.autoComplete}
        required
        value={props.value.value}
        onInput={(e) => {
          props.value.value = e.currentTarget.value;
        }}
      />
    </label>
  );
}
