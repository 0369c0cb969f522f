import { useT } from '../context.ts';

export function ConnectionBanner({ connected }: { connected: boolean }) {
  const t = useT();
  if (connected) return null;
  return (
    <div class="banner" role="status">
      {t('reconnecting')}
    </div>
  );
}
