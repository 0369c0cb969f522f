import { useFrame } from '../context.ts';

export function ConnectionBanner() {
  const { chat, t } = useFrame();
  const state = chat.connection.value;
  if (state === 'connected') return null;
  return (
    <div class="banner" role="status">
      {t(state === 'connecting' ? 'connecting' : 'reconnecting')}
    </div>
  );
}
