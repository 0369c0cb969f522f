/**
 * The one catalogue of error codes. Every socket ack and every HTTP error body uses
 * these; clients branch on `code`, people read `message`.
 */
export const ERROR_CODES = [
  'invalid_payload',
  'too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'conversation_closed',
  'rate_limited',
  'unavailable',
  // A value that must be unique is taken: an agent's email, a department's id.
  'already_exists',
  // Routing refusals (server/src/routing): the state does not allow it right now.
  'invalid_state',
  'already_assigned',
  'agent_offline',
  'agent_away',
  'agent_at_capacity',
  'agent_not_in_department',
  'department_disabled',
  'department_closed',
  'queue_full',
  'leave_message_disabled',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Refusals of an account itself. Only the HTTP API (sign-in, every signed-in route)
 * and the /agent handshake answer them, never a socket ack, so acks keep to
 * ErrorCode. Their words for people are in error-messages.ts.
 */
export const ACCOUNT_ERROR_CODES = [
  // Sign-in of an agent an admin disabled.
  'account_disabled',
  // Signed in with a temporary password: only changing it (and reading the session) is open.
  'password_change_required',
] as const;

export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

/** Every code an HTTP error body may carry. */
export type HttpErrorCode = ErrorCode | AccountErrorCode;

export const HTTP_ERROR_CODES: readonly HttpErrorCode[] = [...ERROR_CODES, ...ACCOUNT_ERROR_CODES];

/** Whether a string from the wire is one of the hub's codes. */
export function isHttpErrorCode(code: string): code is HttpErrorCode {
  return HTTP_ERROR_CODES.some((c) => c === code);
}

/** Whether a code may travel in a socket ack. */
export function isAckErrorCode(code: HttpErrorCode): code is ErrorCode {
  return ERROR_CODES.some((c) => c === code);
}

export interface AckError {
  code: ErrorCode;
  message: string;
}

/** HTTP status that goes with each code when the error crosses HTTP. */
export const HTTP_STATUS: Record<HttpErrorCode, number> = {
  invalid_payload: 400,
  too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conversation_closed: 409,
  rate_limited: 429,
  unavailable: 503,
  already_exists: 409,
  invalid_state: 409,
  already_assigned: 409,
  agent_offline: 409,
  agent_away: 409,
  agent_at_capacity: 409,
  agent_not_in_department: 409,
  department_disabled: 409,
  department_closed: 409,
  queue_full: 409,
  leave_message_disabled: 409,
  account_disabled: 403,
  password_change_required: 403,
};

export type Ack<T extends object = Record<never, never>> =
  | ({ ok: true } & T)
  | { ok: false; error: AckError };

export type AckCallback<T extends object = Record<never, never>> = (ack: Ack<T>) => void;
