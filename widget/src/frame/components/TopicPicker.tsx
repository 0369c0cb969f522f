import { useFrame } from '../context.ts';

export function TopicPicker() {
  const { site, chat, queue, locale, t } = useFrame();
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
            onClick={() => queue.chooseTopic(department.id)}
          >
            {department.name[locale]}
          </button>
        ))}
      </div>
      {chat.lastResolved.value && (
        <button type="button" class="link" onClick={chat.viewPrevious}>
          {t('viewPrevious')}
        </button>
      )}
    </section>
  );
}
