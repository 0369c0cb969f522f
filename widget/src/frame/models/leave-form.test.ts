import { LIMITS } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { checkFields, cleanFields, NAME_MAX } from './leave-form.ts';

const ok = { name: '李雷', email: 'lilei@example.com', body: '我的订单还没有发货' };

describe('checkFields', () => {
  it('accepts what the hub accepts', () => {
    expect(checkFields(ok)).toEqual({});
    expect(checkFields({ ...ok, email: 'a@b' })).toEqual({});
  });
  it('says which fields are missing, blank counting as missing', () => {
    expect(checkFields({ name: ' ', email: '', body: '\n' })).toEqual({
      name: 'required',
      email: 'required',
      body: 'required',
    });
  });
  it('refuses an email the hub would refuse', () => {
    for (const email of ['lilei', 'li lei@example.com', 'a@b@c', '@example.com']) {
      expect(checkFields({ ...ok, email }).email, email).toBe('invalidEmail');
    }
  });
  it('refuses text over the hub’s limits', () => {
    expect(checkFields({ ...ok, name: '李'.repeat(NAME_MAX + 1) }).name).toBe('tooLong');
    expect(checkFields({ ...ok, body: 'x'.repeat(LIMITS.messageBody + 1) }).body).toBe('tooLong');
    expect(checkFields({ ...ok, email: `${'a'.repeat(250)}@b.cn` }).email).toBe('tooLong');
  });
  it('checks and sends the trimmed text', () => {
    expect(checkFields({ ...ok, name: `  ${'n'.repeat(NAME_MAX)}  ` })).toEqual({});
    expect(cleanFields({ name: ' 李雷 ', email: ' a@b ', body: ' hi\n' })).toEqual({
      name: '李雷',
      email: 'a@b',
      body: 'hi',
    });
  });
});
