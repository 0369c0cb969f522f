import { render } from 'preact';
import { createParentBridge } from './bridge.ts';
import { App } from './components/App.tsx';
import { Context, type FrameContext } from './context.ts';
import { timeFormatter, translator } from './i18n.ts';
import { createTokenStore, frameStorage, rememberWithHub } from './identity.ts';
import { createChatModel } from './models/chat.ts';
import { createLeaveMessageModel } from './models/leave-message.ts';
import { createPanelModel } from './models/panel.ts';
import { createQueueModel } from './models/queue.ts';
import { createSiteModel } from './models/site.ts';
import { readParams } from './params.ts';
import { connectVisitor } from './socket.ts';
import './styles.css';

const params = readParams(location.search, navigator.languages ?? []);
document.documentElement.lang = params.locale;

const t = translator(params.locale);
const bridge = createParentBridge(params.hostOrigin);
const panel = createPanelModel(bridge);
const site = createSiteModel(params.siteKey);
const tokens = createTokenStore(frameStorage(), rememberWithHub);
const socket = connectVisitor(params.siteKey, tokens);
const chat = createChatModel({
  socket,
  siteKey: params.siteKey,
  tokens,
  onAgentMessage: panel.agentMessage,
  // A first message refused because chat is closed or full becomes a left message.
  onStartRefused: ({ department, body, code }) => {
    if (!queue.refusedStart(department, code)) return false;
    leave.prefill(body);
    return true;
  },
});
const queue = createQueueModel({ socket, chat });
const leave = createLeaveMessageModel({ socket, adopt: chat.adopt });

const context: FrameContext = {
  locale: params.locale,
  t,
  time: timeFormatter(params.locale),
  site,
  chat,
  queue,
  leave,
  panel,
};

void site.load();
const root = document.getElementById('app');
if (root) {
  render(
    <Context.Provider value={context}>
      <App />
    </Context.Provider>,
    root,
  );
}
bridge.post({ source: 'switchboard', type: 'ready' });

window.addEventListener('pagehide', () => {
  queue.dispose();
  chat.dispose();
  panel.dispose();
});
