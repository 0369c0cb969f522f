import { ERROR_CODES, LOCALES } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { errorKey, STRINGS, type StringKey, translate } from './i18n.ts';

describe('catalogue', () => {
  it('has every key in every locale, non-empty', () => {
    for (const [key, entry] of Object.entries(STRINGS)) {
      for (const locale of LOCALES) {
        expect(entry[locale], `${key} ${locale}`).toBeTruthy();
      }
    }
  });
  it('uses the same placeholders in every locale', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const entry of Object.values(STRINGS)) {
      expect(names(entry['zh-CN'])).toEqual(names(entry.en));
    }
  });
  it('keeps the accessible names tests and screen-reader users rely on', () => {
    expect(translate('en', 'message')).toBe('Message');
    expect(translate('en', 'send')).toBe('Send');
    expect(translate('zh-CN', 'message')).toBe('消息');
    expect(translate('zh-CN', 'send')).toBe('发送');
    // DESIGN.md, "Names people rely on": the queue and the leave-a-message form.
    const names: StringKey[] = [
      'leaveMessage',
      'leaveQueue',
      'name',
      'email',
      'yourMessage',
      'sendMessage',
    ];
    expect(names.map((key) => translate('en', key))).toEqual([
      'Leave a message',
      'Leave the queue',
      'Name',
      'Email',
      'Your message',
      'Send message',
    ]);
  });
  it('has a text for every error code', () => {
    for (const code of ERROR_CODES) expect(errorKey(code)).toBe(`err_${code}`);
    expect(errorKey('something_new')).toBe('err_unavailable');
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('en', 'joined', { name: 'Ada' })).toBe('Ada joined');
    expect(translate('zh-CN', 'joined', { name: '小王' })).toBe('小王 已加入');
  });
});
