import { LocationProvider } from 'preact-iso';
import { useApp, useT } from '../context.ts';
import { BASE } from '../routes.ts';
import { ChangePassword } from './ChangePassword.tsx';
import { Shell } from './Shell.tsx';
import { SignIn } from './SignIn.tsx';

/**
 * Signed out, any URL shows the sign-in form and keeps its path, so a pasted deep link
 * opens what it names once the agent has signed in.
 */
export function Root() {
  const app = useApp();
  const t = useT();
  const state = app.session.state.value;
  const workspace = app.workspace.value;
  if (state.kind === 'signed-out') return <SignIn />;
  if (state.kind === 'must-change') return <ChangePassword />;
  if (state.kind === 'signed-in' && workspace) {
    return (
      <LocationProvider scope={BASE}>
        <Shell ws={workspace} />
      </LocationProvider>
    );
  }
  return (
    <p class="splash" role="status">
      {t('loading')}
    </p>
  );
}
