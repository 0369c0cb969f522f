import { describe, expect, it } from 'vitest';
import { preview } from './preview.ts';

describe('preview', () => {
  it('keeps short bodies and cuts long ones, never inside a surrogate pair', () => {
    expect(preview('hi')).toBe('hi');
    expect(preview('字'.repeat(140))).toBe('字'.repeat(140));
    expect(preview('字'.repeat(141))).toBe(`${'字'.repeat(140)}…`);
    // 139 units then a pair straddling the limit: the whole pair goes.
    expect(preview(`${'a'.repeat(139)}😀tail`)).toBe(`${'a'.repeat(139)}…`);
    const emoji = '😀'.repeat(200);
    expect(preview(emoji)).toBe(`${'😀'.repeat(70)}…`);
  });
});
