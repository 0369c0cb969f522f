import type { Conversation } from '@switchboard/shared';
import { pendingIn } from '@switchboard/shared';
import { useApp, useT } from '../context.ts';
import { isUnheld, visitorLabel } from '../models/conversations.ts';
import type { Workspace } from '../workspace.ts';
import { Composer } from './Composer.tsx';
import { Transcript } from './Transcript.tsx';

const STATUS_KEY = {
  queued: 'statusWaiting',
  pending: 'statusPending',
  assigned: 'statusAssigned',
  resolved: 'statusResolved',
} as const;

export function ConversationPane({
  ws,
  conversation: c,
}: {
  ws: Workspace;
  conversation: Conversation;
}) {
  const { locale } = useApp();
  const t = useT();
  const me = ws.agent.value.id;
  const mine = c.status === 'assigned' && c.assigneeId === me;
  const department =
    ws.departments.value.find((d) => d.id === c.department)?.name[locale.locale.value] ??
    c.department;
  const hint = mine
    ? null
    : isUnheld(c)
      ? t('composerHintClaim')
      : c.status === 'resolved'
        ? t('composerHintResolved')
        : t('composerHintOther');
  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conv-head">
        <div class="conv-title">
          <h1 id="conversation-title">{visitorLabel(c, locale.locale.value)}</h1>
          <p class="conv-meta">
            <span>{department}</span>
            <span class={`pill ${c.status}`}>{t(STATUS_KEY[c.status])}</span>
            <span>
              {c.assigneeName ? t('assignedTo', { name: c.assigneeName }) : t('unassigned')}
            </span>
          </p>
        </div>
        <div class="conv-actions">
          {isUnheld(c) && (
            <button type="button" class="primary" onClick={() => void ws.claim(c.id)}>
              {t('claim')}
            </button>
          )}
          {mine && (
            <button type="button" onClick={() => void ws.resolve(c.id)}>
              {t('resolve')}
            </button>
          )}
        </div>
      </header>
      <Transcript
        conversation={c}
        messages={ws.transcripts.of(c.id)}
        pending={pendingIn(ws.outbox.value, c.id)}
        loading={ws.loading.value.has(c.id)}
        now={ws.now.value}
        onRetry={(clientId) => ws.retry(clientId)}
      />
      <p class="typing" aria-live="polite">
        {ws.typing.typing.value.has(c.id) ? t('visitorTyping') : ''}
      </p>
      <Composer ws={ws} conversationId={c.id} disabledHint={hint} />
    </section>
  );
}
