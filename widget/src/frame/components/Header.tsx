import { useFrame } from '../context.ts';

export function Header() {
  const { site, panel, t } = useFrame();
  return (
    <header class="header">
      <h1 class="title">{site.site.value?.name ?? ''}</h1>
      <button type="button" class="icon-button" aria-label={t('minimize')} onClick={panel.minimize}>
        <svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20">
          <path d="M5 12h14" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
        </svg>
      </button>
    </header>
  );
}
