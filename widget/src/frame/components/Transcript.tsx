import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useFrame } from '../context.ts';
import { errorKey } from '../i18n.ts';
import type { TranscriptItem } from '../models/transcript-items.ts';

function Row({ item }: { item: TranscriptItem }) {
  const { chat, t, time } = useFrame();
  if (item.kind === 'message') {
    const { message } = item;
    const mine = message.author === 'visitor';
    return (
      <li class={mine ? 'row mine' : 'row theirs'}>
        {!mine && <span class="author">{message.authorName ?? t('agent')}</span>}
        <div class="bubble">{message.body}</div>
        <time class="meta" dateTime={new Date(message.createdAt).toISOString()}>
          {time(message.createdAt)}
        </time>
      </li>
    );
  }
  const { pending } = item;
  return (
    <li class="row mine pending">
      <div class="bubble">{pending.body}</div>
      {pending.failed === null ? (
        <span class="meta">{t('sending')}</span>
      ) : (
        <span class="meta failed" role="alert">
          {t(errorKey(pending.failed))}{' '}
          <button type="button" class="link" onClick={() => chat.retry(pending.clientId)}>
            {t('retry')}
          </button>
        </span>
      )}
    </li>
  );
}

/** `intro` heads the transcript before the first message (the picked topic). */
export function Transcript({ intro }: { intro?: ComponentChildren }) {
  const { chat, t } = useFrame();
  const items = chat.items.value;
  const status = chat.status.value;
  const box = useRef<HTMLDivElement>(null);
  const count = items.length;
  const typing = chat.agentTyping.value;

  // Follow the newest line. Not scrollIntoView: that would also scroll the host page.
  useEffect(() => {
    const el = box.current;
    if (el && (count || typing || status)) el.scrollTop = el.scrollHeight;
  }, [count, typing, status]);

  // Who is (or is not yet) with the visitor describes the whole conversation, so it
  // heads the transcript; only "ended" follows the last message.
  const statusLine =
    status?.key === 'messageLeft' ? (
      <div class="status card" role="status">
        <strong>{t('messageLeftTitle')}</strong> {t('messageLeft')}
      </div>
    ) : (
      status && (
        <p class="status" role="status">
          {status.key === 'joined' ? t('joined', { name: status.name }) : t(status.key)}
        </p>
      )
    );
  // These follow the last message; who is with the visitor heads the transcript.
  const after = status?.key === 'ended' || status?.key === 'messageLeft';

  return (
    <div class="transcript" ref={box}>
      {intro}
      {!after && statusLine}
      <ol class="rows" role="log" aria-label={t('transcript')} aria-live="polite">
        {items.map((item) => (
          <Row key={item.key} item={item} />
        ))}
      </ol>
      {after && statusLine}
      {typing && (
        <p class="typing" aria-live="polite">
          {t('agentTyping')}
        </p>
      )}
    </div>
  );
}
