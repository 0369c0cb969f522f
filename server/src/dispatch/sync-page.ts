import { Buffer } from 'node:buffer';
import { LIMITS, type Message } from '@switchboard/shared';

/** Ids, seq, author and time of one message as JSON, rounded up. */
const PER_MESSAGE_BYTES = 200;

/** What one message adds to a sync page, in bytes. */
export function pageBytes(message: Message): number {
  return Buffer.byteLength(message.body) + PER_MESSAGE_BYTES;
}

/**
 * Cuts messages read for a sync into one page: at most LIMITS.syncPage messages and
 * LIMITS.syncPageBytes bytes, but never empty when there is a message, so a client
 * asking again after its last seq always moves on. Pass up to one message more than
 * a page (LIMITS.syncPage + 1) so `more` is exact.
 */
export function syncPage(
  messages: readonly Message[],
  limits: { count: number; bytes: number } = {
    count: LIMITS.syncPage,
    bytes: LIMITS.syncPageBytes,
  },
): { messages: Message[]; more: boolean } {
  let bytes = 0;
  let end = 0;
  while (end < messages.length && end < limits.count) {
    const message = messages[end];
    if (!message) break;
    bytes += pageBytes(message);
    if (end > 0 && bytes > limits.bytes) break;
    end += 1;
  }
  return { messages: messages.slice(0, end), more: end < messages.length };
}
