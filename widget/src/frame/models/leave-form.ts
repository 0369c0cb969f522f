/**
 * The leave-a-message form's checks, the same the hub makes (shared LeaveMessage
 * schema), so a visitor hears what to fix before anything is sent.
 */
import { LIMITS } from '@switchboard/shared';

export interface LeaveFields {
  name: string;
  email: string;
  body: string;
}

export type FieldProblem = 'required' | 'tooLong' | 'invalidEmail';

export type FieldProblems = Partial<Record<keyof LeaveFields, FieldProblem>>;

export const NAME_MAX = 100;
export const EMAIL_MAX = 254;
/** The hub's pattern: something, one @, something, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** What the hub is sent: trimmed fields. */
export function cleanFields(fields: LeaveFields): LeaveFields {
  return { name: fields.name.trim(), email: fields.email.trim(), body: fields.body.trim() };
}

/** Problems by field, in form order; empty when the fields may be sent. */
export function checkFields(fields: LeaveFields): FieldProblems {
  const { name, email, body } = cleanFields(fields);
  const problems: FieldProblems = {};
  if (!name) problems.name = 'required';
  else if (name.length > NAME_MAX) problems.name = 'tooLong';
  if (!email) problems.email = 'required';
  else if (email.length > EMAIL_MAX) problems.email = 'tooLong';
  else if (!EMAIL.test(email)) problems.email = 'invalidEmail';
  if (!body) problems.body = 'required';
  else if (body.length > LIMITS.messageBody) problems.body = 'tooLong';
  return problems;
}
