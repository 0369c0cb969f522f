import type { AckError, ErrorCode } from '@switchboard/shared';

/** A failure the client should hear about, with a stable code from shared/. */
export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }

  toAck(): { ok: false; error: AckError } {
    return { ok: false, error: { code: this.code, message: this.message } };
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new HubError(code, message);
}
