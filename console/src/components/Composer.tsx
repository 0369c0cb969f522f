import { LIMITS } from '@switchboard/shared';
import type { JSX } from 'preact';
import { useT } from '../context.ts';
import { enterAction } from '../models/composer.ts';
import type { Workspace } from '../workspace.ts';

export function Composer(props: {
  ws: Workspace;
  conversationId: string;
  /** Why the agent cannot write here; null when they can. */
  disabledHint: string | null;
}) {
  const { ws, conversationId, disabledHint } = props;
  const t = useT();
  const draft = ws.composer.draftOf(conversationId);
  const disabled = disabledHint !== null;
  const over = draft.text.length - LIMITS.messageBody;
  const canSend = !disabled && draft.text.trim() !== '' && over <= 0;

  const send = () => {
    if (!canSend) return;
    ws.send(conversationId, draft.text.trim(), draft.note ? 'note' : 'text');
    ws.composer.setDraft(conversationId, { text: '', note: draft.note });
  };
  const onKeyDown = (e: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (enterAction(e) !== 'send') return;
    e.preventDefault();
    send();
  };
  const onSubmit = (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    send();
  };

  return (
    <form class={`composer${draft.note ? ' note-mode' : ''}`} onSubmit={onSubmit}>
      {disabledHint && <p class="composer-hint">{disabledHint}</p>}
      <textarea
        aria-label={t('message')}
        rows={3}
        disabled={disabled}
        value={draft.text}
        onInput={(e) => {
          const text = e.currentTarget.value;
          ws.composer.setDraft(conversationId, { text, note: draft.note });
          // Notes are staff-only: the visitor must not see "typing…" for them.
          if (!draft.note && text !== '') ws.typed(conversationId);
        }}
        onKeyDown={onKeyDown}
      />
      <div class="composer-bar">
        <label class="check">
          <input
            type="checkbox"
            checked={draft.note}
            disabled={disabled}
            onChange={(e) => {
              const note = e.currentTarget.checked;
              if (note) ws.stopTyping();
              ws.composer.setDraft(conversationId, { text: draft.text, note });
            }}
          />
          {t('internalNote')}
        </label>
        <span class="composer-help">
          {over > 0 ? (
            <span class="form-error">{t('tooLong', { count: over })}</span>
          ) : (
            t('composerHelp')
          )}
        </span>
        <button type="submit" class="primary" disabled={!canSend}>
          {t('send')}
        </button>
      </div>
    </form>
  );
}
