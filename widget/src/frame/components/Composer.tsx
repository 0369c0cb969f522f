import { useSignal } from '@preact/signals';
import { useFrame } from '../context.ts';
import { clampBody, outgoingBody, remaining } from '../models/body.ts';
import { enterSends } from '../models/keys.ts';

export function Composer() {
  const { chat, t } = useFrame();
  const draft = useSignal('');

  const submit = () => {
    const body = outgoingBody(draft.value);
    if (body === null) return;
    chat.send(body);
    draft.value = '';
  };

  const onInput = (event: Event) => {
    const box = event.currentTarget as HTMLTextAreaElement;
    const clamped = clampBody(box.value);
    // Typing past the limit is dropped here rather than with maxlength, which some
    // browsers apply in the middle of a surrogate pair.
    if (clamped !== box.value) box.value = clamped;
    draft.value = clamped;
    if (clamped.trim()) chat.typed();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!enterSends(event)) return;
    event.preventDefault();
    submit();
  };

  const left = remaining(draft.value);
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        class="input"
        rows={2}
        aria-label={t('message')}
        value={draft.value}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onBlur={chat.stoppedTyping}
      />
      {left !== null && (
        <span class={left <= 0 ? 'counter over' : 'counter'} aria-live="polite">
          {t('remaining', { count: left })}
        </span>
      )}
      <button type="submit" class="send">
        {t('send')}
      </button>
    </form>
  );
}
