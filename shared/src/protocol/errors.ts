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
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
  code: ErrorCode;
  message: string;
}

/** HTTP status that goes with each code when the error crosses HTTP. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_payload: 400,
  too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conversation_closed: 409,
  rate_limited: 429,
  unavailable: 503,
};

export type Ack<T extends object = Record<never, never>> =
  | ({ ok: true } & T)
  | { ok: false; error: AckError };

export type AckCallback<T extends object = Record<never, never>> = (ack: Ack<T>) => void;
