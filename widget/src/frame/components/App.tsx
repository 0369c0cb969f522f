import { useFrame } from '../context.ts';
import { Composer } from './Composer.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { Header } from './Header.tsx';
import { TopicPicker } from './TopicPicker.tsx';
import { Transcript } from './Transcript.tsx';

function Body() {
  const { site, chat, t } = useFrame();
  if (site.failed.value) {
    return (
      <p class="notice" role="alert">
        {t('unavailable')}
      </p>
    );
  }
  if (!chat.loaded.value || !site.site.value) return <p class="notice">{t('loading')}</p>;
  if (!chat.conversation.value && !chat.topic.value) return <TopicPicker />;
  return (
    <>
      <Transcript />
      {chat.canWrite.value ? (
        <Composer />
      ) : (
        <div class="ended">
          <button type="button" class="primary" onClick={chat.startNew}>
            {t('startNew')}
          </button>
        </div>
      )}
    </>
  );
}

export function App() {
  return (
    <div class="app">
      <Header />
      <ConnectionBanner />
      <main class="main">
        <Body />
      </main>
    </div>
  );
}
