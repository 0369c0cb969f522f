import { useApp, useT } from '../context.ts';
import type { Workspace } from '../workspace.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function TopBar({ ws }: { ws: Workspace }) {
  const { session } = useApp();
  const t = useT();
  // The hub starts everyone 'offline'; until they pick, the control reads Away.
  const value = ws.status.value === 'online' ? 'online' : 'away';
  return (
    <header class="topbar">
      <span class="brand">{t('productName')}</span>
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
      <button type="button" class="ghost" onClick={() => void session.logout()}>
        {t('signOut')}
      </button>
    </header>
  );
}
