import { describe, expect, it } from 'vitest';
import {
  createComposerModel,
  enterAction,
  shouldEmitTyping,
  TYPING_INTERVAL_MS,
} from './composer.ts';

const key = (over: Partial<Parameters<typeof enterAction>[0]> = {}) => ({
  key: 'Enter',
  shiftKey: false,
  isComposing: false,
  keyCode: 13,
  ...over,
});

describe('enterAction', () => {
  it('sends on a plain Enter', () => {
    expect(enterAction(key())).toBe('send');
  });

  it('keeps Shift+Enter as a newline and other keys alone', () => {
    expect(enterAction(key({ shiftKey: true }))).toBe('default');
    expect(enterAction(key({ key: 'a', keyCode: 65 }))).toBe('default');
  });

  it('never sends while an IME is composing', () => {
    expect(enterAction(key({ isComposing: true }))).toBe('default');
    // Safari reports the candidate-confirming Enter as keyCode 229 with isComposing false.
    expect(enterAction(key({ keyCode: 229 }))).toBe('default');
  });
});

describe('shouldEmitTyping', () => {
  it('emits at most once per interval', () => {
    expect(shouldEmitTyping(null, 0)).toBe(true);
    expect(shouldEmitTyping(1000, 1000 + TYPING_INTERVAL_MS - 1)).toBe(false);
    expect(shouldEmitTyping(1000, 1000 + TYPING_INTERVAL_MS)).toBe(true);
  });
});

describe('composer drafts', () => {
  it('keeps one draft per conversation', () => {
    const m = createComposerModel();
    m.setDraft('a', { text: 'hello', note: false });
    m.setDraft('b', { text: '备注', note: true });
    expect(m.draftOf('a').text).toBe('hello');
    expect(m.draftOf('b')).toEqual({ text: '备注', note: true });
    m.setDraft('a', { text: '', note: false });
    expect(m.drafts.value.has('a')).toBe(false);
  });
});
