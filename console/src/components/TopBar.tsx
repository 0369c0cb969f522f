import { useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useApp, useT } from '../context.ts';
import { areaOf, areaPath, areasFor } from '../routes.ts';
import type { Workspace } from '../workspace.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function TopBar({ ws }: { ws: Workspace }) {
  const { session } = useApp();
  const t = useT();
  const confirm = useRef<HTMLDialogElement>(null);
  // The hub starts everyone 'offline'; until they pick, the control reads Away.
  const value = ws.status.value === 'online' ? 'online' : 'away';
  const openChats = ws.groups.value.mine.length;
  // Signing out requeues the agent's open chats at once, so it asks first.
  const signOut = () => {
    if (openChats > 0) confirm.current?.showModal();
    else void session.logout();
  };
  return (
    <header class="topbar">
      <span class="brand">{t('productName')}</span>
      <AreaNav ws={ws} />
      <span class="spacer" />
      <span class="agent-name">{ws.agent.value.name}</span>
      <span class={`status-dot ${value}`} aria-hidden="true" />
      <select
        aria-label={t('status')}
        value={value}
        onChange={(e) => void ws.setStatus(e.currentTarget.value === 'online' ? 'online' : 'away')}
      >
        <option value="online">{t('online')}</option>
        <option value="away">{t('away')}</option>
      </select>
      <LanguageSwitch />
      <button type="button" class="ghost" onClick={signOut}>
        {t('signOut')}
      </button>
      <dialog ref={confirm} class="confirm" aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">{t('signOutTitle')}</h2>
        <p>{openChats === 1 ? t('signOutOneChat') : t('signOutOpenChats', { count: openChats })}</p>
        <form method="dialog" class="actions">
          <button type="submit" class="ghost" autofocus>
            {t('cancel')}
          </button>
          <button type="button" class="danger" onClick={() => void session.logout()}>
            {t('signOut')}
          </button>
        </form>
      </dialog>
    </header>
  );
}

/** Links to the areas this role works in; the current one is marked for screen readers. */
function AreaNav({ ws }: { ws: Workspace }) {
  const t = useT();
  const { path } = useLocation();
  const current = areaOf(path);
  return (
    <nav class="areas" aria-label={t('areas')}>
      {areasFor(ws.agent.value.role).map((area) => (
        <a key={area} href={areaPath(area)} aria-current={area === current ? 'page' : undefined}>
          {t(`area_${area}`)}
        </a>
      ))}
    </nav>
  );
}
