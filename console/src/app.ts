/**
 * The composition root: locale and session live for the page, a workspace (socket and
 * chat models) lives for one sign-in and is disposed on sign-out.
 */
import { effect, type Signal, signal } from '@preact/signals';
import { authApi } from './auth-api.ts';
import { createLocaleModel, type KeyValueStorage, type LocaleModel } from './models/locale.ts';
import { createSessionModel, type SessionModel } from './models/session.ts';
import { connectAgentSocket } from './socket.ts';
import { createWorkspace, type Workspace } from './workspace.ts';

export interface App {
  locale: LocaleModel;
  session: SessionModel;
  workspace: Signal<Workspace | null>;
  dispose(): void;
}

function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    // Access itself throws when storage is blocked.
    return null;
  }
}

export function createApp(): App {
  const storage = browserStorage();
  const locale = createLocaleModel(storage, navigator.languages ?? [navigator.language]);
  const session = createSessionModel(authApi);
  const workspace = signal<Workspace | null>(null);

  const disposeLang = effect(() => {
    document.documentElement.lang = locale.locale.value;
  });
  const disposeWorkspace = effect(() => {
    const state = session.state.value;
    const current = workspace.peek();
    if (state.kind === 'signed-in' && !current) {
      workspace.value = createWorkspace({
        agent: state.agent,
        socket: connectAgentSocket(),
        storage,
        onUnauthorized: () => session.expire(),
      });
    } else if (state.kind !== 'signed-in' && current) {
      current.dispose();
      workspace.value = null;
    }
  });

  void session.check();
  return {
    locale,
    session,
    workspace,
    dispose() {
      disposeLang();
      disposeWorkspace();
      workspace.peek()?.dispose();
    },
  };
}
