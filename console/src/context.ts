import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { App } from './app.ts';

export const AppContext = createContext<App | null>(null);

export function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp() outside <AppContext.Provider>');
  return app;
}

/** The current translate function; reading it subscribes the component to the locale. */
export function useT() {
  return useApp().locale.t.value;
}
