import { useFrame } from '../context.ts';

export function TopicPicker() {
  const { site, chat, locale, t } = useFrame();
  const busy = chat.starting.value !== null || chat.connection.value !== 'connected';
  return (
    <section class="picker" aria-labelledby="pick-topic">
      <h2 id="pick-topic" class="picker-title">
        {t('pickTopic')}
      </h2>
      <div class="topics">
        {site.departments.value.map((department) => (
          <button
            key={department.id}
            type="button"
            class="topic"
            disabled={busy}
            aria-busy={chat.starting.value === department.id}
            onClick={() => void chat.start(department.id)}
          >
            {department.name[locale]}
          </button>
        ))}
      </div>
      {chat.startFailed.value && (
        <p class="error" role="alert">
          {chat.startFailed.value}
        </p>
      )}
      {chat.lastResolved.value && (
        <button type="button" class="link" onClick={chat.viewPrevious}>
          {t('viewPrevious')}
        </button>
      )}
    </section>
  );
}
