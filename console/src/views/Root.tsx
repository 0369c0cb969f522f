import { useApp, useT } from '../context.ts';
import { SignIn } from './SignIn.tsx';
import { WorkspaceView } from './WorkspaceView.tsx';

export function Root() {
  const app = useApp();
  const t = useT();
  const state = app.session.state.value;
  const workspace = app.workspace.value;
  if (state.kind === 'signed-out') return <SignIn />;
  if (state.kind === 'signed-in' && workspace) return <WorkspaceView ws={workspace} />;
  return (
    <p class="splash" role="status">
      {t('loading')}
    </p>
  );
}
