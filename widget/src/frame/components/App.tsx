import { useFrame } from '../context.ts';
import { Composer } from './Composer.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { Header } from './Header.tsx';
import { LeaveMessageForm } from './LeaveMessageForm.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import { TopicPanel } from './TopicPanel.tsx';
import { TopicPicker } from './TopicPicker.tsx';
import { Transcript } from './Transcript.tsx';

function Body() {
  const { site, chat, leave, locale, t } = useFrame();
  if (site.failed.value) {
    return (
      <p class="notice" role="alert">
        {t('unavailable')}
      </p>
    );
  }
  if (!chat.loaded.value || !site.site.value) return <p class="notice">{t('loading')}</p>;
  const c = chat.conversation.value;
  const topic = chat.topic.value;
  if (!c) return topic ? <TopicPanel topic={topic} /> : <TopicPicker />;
  const chosen = leave.chosen.value;
  if (chosen && chosen.conversationId === c.id && c.status === 'queued') {
    return (
      <LeaveMessageForm
        target={chosen}
        reason="chosen"
        topicName={site.departmentName(c.department, locale)}
        cancel={{ label: 'keepWaiting', run: leave.close }}
      />
    );
  }
  return (
    <>
      <Transcript />
      <QueuePanel />
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
