import { describe, expect, it } from 'vitest';
import { enterSends, type KeyInput } from './keys.ts';

const key = (over: Partial<KeyInput>): KeyInput => ({
  key: 'Enter',
  shiftKey: false,
  isComposing: false,
  keyCode: 13,
  ...over,
});

describe('enterSends', () => {
  it('sends on a plain Enter', () => expect(enterSends(key({}))).toBe(true));
  it('keeps Shift+Enter as a newline', () =>
    expect(enterSends(key({ shiftKey: true }))).toBe(false));
  it('never sends while an IME is composing', () => {
    expect(enterSends(key({ isComposing: true }))).toBe(false);
    expect(enterSends(key({ keyCode: 229 }))).toBe(false);
  });
  it('ignores other keys', () => expect(enterSends(key({ key: 'a', keyCode: 65 }))).toBe(false));
});
