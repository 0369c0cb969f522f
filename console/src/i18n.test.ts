import { ERROR_CODES, LOCALES } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, errorKey, type MessageKey, translate } from './i18n.ts';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogue', () => {
  const entries = Object.entries(CATALOGUE) as [MessageKey, Record<string, string>][];

  it('has a non-empty string for every key in every locale', () => {
    for (const [key, entry] of entries) {
      for (const locale of LOCALES) {
        expect(typeof entry[locale], `${key}.${locale}`).toBe('string');
        expect(entry[locale]?.trim(), `${key}.${locale}`).not.toBe('');
      }
    }
  });

  it('uses the same parameters in en and zh-CN', () => {
    for (const [key, entry] of entries) {
      expect(params(entry['zh-CN'] ?? ''), key).toEqual(params(entry.en ?? ''));
    }
  });

  it('explains every shared error code and a timeout', () => {
    for (const code of [...ERROR_CODES, 'timeout' as const]) {
      expect(CATALOGUE).toHaveProperty(errorKey(code));
    }
  });

  it('fills parameters and keeps the names people rely on', () => {
    expect(translate('en', 'unreadCount', { count: 3 })).toBe('3 unread');
    expect(translate('zh-CN', 'waitingFor', { duration: '3分钟' })).toBe('已等待 3分钟');
    expect(translate('en', 'message')).toBe('Message');
    expect(translate('en', 'send')).toBe('Send');
    expect(translate('en', 'online')).toBe('Online');
    expect(translate('en', 'away')).toBe('Away');
  });
});
