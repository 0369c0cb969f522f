import { LIMITS } from '@switchboard/shared';

/**
 * Cuts text to at most `limit` UTF-16 code units without splitting a surrogate pair
 * (an emoji or a rare CJK character would otherwise turn into a lone half, which the
 * hub would store as U+FFFD).
 */
export function clampBody(text: string, limit: number = LIMITS.messageBody): string {
  if (text.length <= limit) return text;
  let end = limit;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Code units left, shown only near the limit so it does not distract. */
export function remaining(text: string, limit: number = LIMITS.messageBody): number | null {
  const left = limit - text.length;
  return left <= limit * 0.1 ? left : null;
}

/** What actually goes to the hub: trimmed; null when there is nothing to send. */
export function outgoingBody(draft: string): string | null {
  const body = clampBody(draft.trim());
  return body.length > 0 ? body : null;
}
