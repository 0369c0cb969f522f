/**
 * The script host pages embed. It draws a launcher in a Shadow DOM and, on first
 * open, the chat frame (on the hub's origin). It never sees messages or the visitor
 * token: those stay in the frame. The only global it touches is window.Switchboard.
 */
import {
  type FrameToLoader,
  isBridgeMessage,
  type LoaderToFrame,
  pickLocale,
} from '@switchboard/shared';
import { applyCommand, frameUrl, parseCommand } from './loader/commands.ts';
import { LOADER_STRINGS } from './loader/strings.ts';
import { CHAT_ICON, CLOSE_ICON, LOADER_CSS } from './loader/styles.ts';

type Queue = { push: (command: unknown) => void };
declare global {
  interface Window {
    Switchboard?: unknown[] | Queue;
  }
}

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.site) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]');
}

function start(script: HTMLScriptElement): void {
  const hubOrigin = new URL(script.src, location.href).origin;
  const siteKey = script.dataset.site ?? '';
  const locale = pickLocale(script.dataset.locale, navigator.languages ?? []);
  const strings = LOADER_STRINGS[locale];

  const host = document.createElement('div');
  host.setAttribute('data-switchboard', '');
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = LOADER_CSS;
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'l';
  const badge = document.createElement('span');
  badge.className = 'b';
  badge.id = 'b';
  badge.hidden = true;
  launcher.setAttribute('aria-describedby', 'b');
  const panel = document.createElement('div');
  panel.className = 'p';
  panel.hidden = true;
  root.append(style, panel, launcher);
  document.body.appendChild(host);

  let open = false;
  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  // Messages wait here until the frame says 'ready': posting earlier would be lost.
  let outbox: LoaderToFrame[] = [];

  const post = (type: LoaderToFrame['type']) => {
    const message = { source: 'switchboard', type } as LoaderToFrame;
    if (ready && frame?.contentWindow) frame.contentWindow.postMessage(message, hubOrigin);
    else outbox.push(message);
  };

  const render = () => {
    launcher.setAttribute('aria-label', open ? strings.close : strings.open);
    launcher.setAttribute('aria-expanded', String(open));
    launcher.innerHTML = open ? CLOSE_ICON : CHAT_ICON;
    launcher.appendChild(badge);
    panel.hidden = !open;
  };

  const setOpen = (next: boolean) => {
    if (next === open) return;
    open = next;
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.title = strings.title;
      frame.src = frameUrl(hubOrigin, siteKey, location.origin, locale);
      panel.appendChild(frame);
    }
    if (open) badge.hidden = true;
    post(open ? 'open' : 'closed');
    render();
    if (open) frame?.focus();
  };

  window.addEventListener('message', (event: MessageEvent) => {
    if (!frame || event.origin !== hubOrigin || event.source !== frame.contentWindow) return;
    if (!isBridgeMessage(event.data)) return;
    const message = event.data as FrameToLoader;
    if (message.type === 'ready') {
      ready = true;
      for (const queued of outbox) frame.contentWindow?.postMessage(queued, hubOrigin);
      outbox = [];
    } else if (message.type === 'close') {
      setOpen(false);
      launcher.focus();
    } else if (message.type === 'unread') {
      const count = Math.max(0, Math.floor(Number(message.count)) || 0);
      badge.textContent = count > 99 ? '99+' : String(count);
      badge.hidden = open || count === 0;
    }
  });

  launcher.addEventListener('click', () => setOpen(!open));
  render();

  const run = (raw: unknown) => {
    const command = parseCommand(raw);
    if (command) setOpen(applyCommand(open, command));
  };
  const queued = Array.isArray(window.Switchboard) ? window.Switchboard : [];
  window.Switchboard = { push: run };
  for (const command of queued) run(command);
}

const script = findScript();
if (script) {
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
}
