import { type AckError, type HttpErrorCode, isAckErrorCode } from '@switchboard/shared';

/** A failure the client should hear about, with a stable code from shared/. */
export class HubError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }

  toAck(): { ok: false; error: AckError } {
    // Account codes answer HTTP and the handshake only; no socket event throws one.
    const code = isAckErrorCode(this.code) ? this.code : 'forbidden';
    return { ok: false, error: { code, message: this.message } };
  }
}

export function fail(code: HttpErrorCode, message: string): never {
  throw new HubError(code, message);
}
