import type { Conversation, Message, PendingMessage } from '@switchboard/shared';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useApp, useT } from '../context.ts';
import { errorKey } from '../i18n.ts';
import { visitorLabel } from '../models/conversations.ts';
import { formatMessageTime } from '../time-format.ts';

export function Transcript(props: {
  conversation: Conversation;
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  loading: boolean;
  now: number;
  onRetry(clientId: string): void;
}) {
  const { conversation, messages, pending, loading, now, onRetry } = props;
  const { locale } = useApp();
  const t = useT();
  const lang = locale.locale.value;
  const scroller = useRef<HTMLOListElement>(null);
  // Follow the newest message, as chat readers expect, whenever the list grows.
  const size = messages.length + pending.length;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && size >= 0) el.scrollTop = el.scrollHeight;
  }, [size, conversation.id]);

  return (
    <ol class="transcript" ref={scroller} aria-label={t('transcript')} aria-busy={loading}>
      {loading && messages.length === 0 && (
        <li class="transcript-note">{t('loadingTranscript')}</li>
      )}
      {messages.map((m) => (
        <li key={m.seq} class={`msg ${m.author}${m.kind === 'note' ? ' note' : ''}`}>
          <div class="msg-meta">
            {m.kind === 'note' && <strong class="note-label">{t('internalNote')}</strong>}
            <span>
              {m.author === 'visitor' ? visitorLabel(conversation, lang) : (m.authorName ?? '')}
            </span>
            <time dateTime={new Date(m.createdAt).toISOString()}>
              {formatMessageTime(lang, m.createdAt, now)}
            </time>
          </div>
          <p class="msg-body">{m.body}</p>
        </li>
      ))}
      {pending.map((p) => (
        <li key={p.clientId} class={`msg agent pending${p.kind === 'note' ? ' note' : ''}`}>
          <div class="msg-meta">
            {p.kind === 'note' && <strong class="note-label">{t('internalNote')}</strong>}
            <span>{t('you')}</span>
          </div>
          <p class="msg-body">{p.body}</p>
          {p.failed === null ? (
            <p class="msg-state">{t('sending')}</p>
          ) : (
            <p class="msg-state failed">
              <span role="alert">{t(errorKey(p.failed))}</span>{' '}
              <button type="button" class="link" onClick={() => onRetry(p.clientId)}>
                {t('retry')}
              </button>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
