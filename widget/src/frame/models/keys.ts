/** The parts of a KeyboardEvent the composer decides on. */
export interface KeyInput {
  key: string;
  shiftKey: boolean;
  isComposing: boolean;
  keyCode: number;
}

/**
 * Enter sends, Shift+Enter is a newline. An Enter that confirms an IME candidate must
 * never send: browsers flag it with isComposing, and Safari (which clears isComposing
 * before keydown) reports keyCode 229 instead.
 */
export function enterSends(event: KeyInput): boolean {
  if (event.key !== 'Enter' || event.shiftKey) return false;
  if (event.isComposing || event.keyCode === 229) return false;
  return true;
}
