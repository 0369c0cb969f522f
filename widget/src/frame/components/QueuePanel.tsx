import { useFrame } from '../context.ts';
import { errorKey, sentences } from '../i18n.ts';

/** Where a queued visitor stands, live from queue:position, and their ways out. */
export function QueuePanel() {
  const { chat, queue, leave, locale, t } = useFrame();
  const view = queue.view.value;
  const c = chat.conversation.value;
  if (!view || !c) return null;
  const { position } = view;
  const failed = queue.leaveFailed.value;
  return (
    <section class="queue" aria-label={t('queue')}>
      <div class="queue-status" role="status">
        {view.requeued && <p class="queue-note">{t('requeued')}</p>}
        {position ? (
          <>
            <p class="queue-position">{t('queuePosition', { position: position.number })}</p>
            <p class="queue-wait">
              {position.minutes === null
                ? t('waitUnknown')
                : t('waitAbout', { minutes: position.minutes })}
            </p>
          </>
        ) : (
          <p class="queue-position">{t('waiting')}</p>
        )}
        {view.nobodyOnline && (
          <p class="queue-hint">{sentences(locale, t('noAgentOnline'), t('waitOrLeave'))}</p>
        )}
      </div>
      <div class="queue-actions">
        <button
          type="button"
          class="secondary"
          onClick={() => leave.open({ department: c.department, conversationId: c.id })}
        >
          {t('leaveMessage')}
        </button>
        <button
          type="button"
          class="ghost"
          disabled={queue.leaving.value}
          onClick={() => void queue.leave()}
        >
          {t('leaveQueue')}
        </button>
      </div>
      {failed && (
        <p class="form-error" role="alert">
          {t(errorKey(failed))}
        </p>
      )}
    </section>
  );
}
