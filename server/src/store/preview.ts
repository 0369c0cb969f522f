/** UTF-16 units kept in a conversation's list preview. */
const PREVIEW_LENGTH = 140;

/**
 * A list's preview of a message: at most PREVIEW_LENGTH UTF-16 units, never ending in
 * half a surrogate pair. Runs for every conversation in a list, so it slices rather
 * than splitting the string into code points.
 */
export function preview(body: string): string {
  if (body.length <= PREVIEW_LENGTH) return body;
  const last = body.charCodeAt(PREVIEW_LENGTH - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? PREVIEW_LENGTH - 1 : PREVIEW_LENGTH;
  return `${body.slice(0, end)}…`;
}
