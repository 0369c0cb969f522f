import { render } from 'preact';
import { createApp } from './app.ts';
import { AppContext } from './context.ts';
import './styles.css';
import { Root } from './views/Root.tsx';

const app = createApp();
render(
  <AppContext.Provider value={app}>
    <Root />
  </AppContext.Provider>,
  document.getElementById('app')!,
);
