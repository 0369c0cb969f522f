import { LIMITS } from '@switchboard/shared';
import { useEffect, useRef } from 'preact/hooks';
import { useFrame } from '../context.ts';
import { errorKey, REASON_KEY, type StringKey, sentences, type Translate } from '../i18n.ts';
import { EMAIL_MAX, type FieldProblem, type LeaveFields, NAME_MAX } from '../models/leave-form.ts';
import type { LeaveTarget } from '../models/leave-message.ts';
import type { ClosedReason } from '../models/queue-status.ts';

/** Why the form is shown: chat is closed, nobody is online, or the visitor chose it. */
export type LeaveReason = ClosedReason | 'no_agent_online' | 'chosen';

type Field = keyof LeaveFields;

/** In form order; the first with a problem takes the focus. */
const FIELDS: readonly { field: Field; label: StringKey; max: number; autocomplete?: string }[] = [
  { field: 'name', label: 'name', max: NAME_MAX, autocomplete: 'name' },
  { field: 'email', label: 'email', max: EMAIL_MAX, autocomplete: 'email' },
  { field: 'body', label: 'yourMessage', max: LIMITS.messageBody },
];

function problemText(t: Translate, field: Field, problem: FieldProblem, max: number): string {
  if (problem === 'tooLong') return t('problem_too_long', { max });
  if (problem === 'invalidEmail') return t('problem_email_invalid');
  return t(`problem_${field}_required`);
}

export function LeaveMessageForm(props: {
  target: LeaveTarget;
  reason: LeaveReason;
  topicName: string;
  cancel: { label: StringKey; run: () => void };
}) {
  const { target, reason, topicName, cancel } = props;
  const { leave, locale, t } = useFrame();
  const form = useRef<HTMLFormElement>(null);
  const values = leave.fields.value;
  const problems = leave.problems.value;
  const failed = leave.failed.value;

  const focus = (field: Field) => {
    const el = form.current?.elements.namedItem(field);
    // preventScroll: the frame is fixed on the host page, which must not move.
    if (el instanceof HTMLElement) el.focus({ preventScroll: true });
  };
  // Focus moves into the form when it opens, to the first field still to fill.
  useEffect(() => focus(FIELDS.find((f) => !values[f.field])?.field ?? 'name'), []);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const found = await leave.submit(target);
    const first = FIELDS.find((f) => found[f.field]);
    if (first) focus(first.field);
  };

  return (
    <form ref={form} class="leave" noValidate aria-labelledby="leave-title" onSubmit={onSubmit}>
      <div class="leave-head">
        <p class="eyebrow">{topicName}</p>
        <h2 id="leave-title" class="leave-title">
          {t('leaveMessage')}
        </h2>
        <p class="lead">
          {reason === 'chosen'
            ? t('leaveInstead')
            : sentences(locale, t(REASON_KEY[reason]), t('leaveInvite'))}
        </p>
      </div>
      {FIELDS.map(({ field, label, max, autocomplete }) => {
        const id = `leave-${field}`;
        const problem = problems[field];
        const control = {
          id,
          name: field,
          class: 'text-input',
          autocomplete,
          value: values[field],
          onInput: (event: Event) => {
            const el = event.currentTarget;
            if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
              leave.edit(field, el.value);
            }
          },
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': problem ? `${id}-problem` : undefined,
        };
        return (
          <div key={field} class="field">
            <label for={id}>{t(label)}</label>
            {field === 'body' ? (
              <textarea rows={4} {...control} />
            ) : (
              <input type={field === 'email' ? 'email' : 'text'} {...control} />
            )}
            {problem && (
              <p id={`${id}-problem`} class="field-problem">
                {problemText(t, field, problem, max)}
              </p>
            )}
          </div>
        );
      })}
      {failed && (
        <p class="form-error" role="alert">
          {t(failed === 'invalid_payload' ? 'leaveInvalid' : errorKey(failed))}
        </p>
      )}
      <div class="form-actions">
        <button type="button" class="ghost" onClick={cancel.run}>
          {t(cancel.label)}
        </button>
        <button type="submit" class="primary" disabled={leave.sending.value}>
          {t('sendMessage')}
        </button>
      </div>
    </form>
  );
}
