import { describe, expect, it } from 'vitest';
import { readParams } from './params.ts';

describe('readParams', () => {
  it('reads site, origin and locale', () => {
    const p = readParams('?site=demo&origin=https%3A%2F%2Fshop.example&locale=zh-CN', ['en']);
    expect(p).toEqual({ siteKey: 'demo', hostOrigin: 'https://shop.example', locale: 'zh-CN' });
  });
  it('falls back to the browser languages', () => {
    expect(readParams('?site=demo', ['zh-TW']).locale).toBe('zh-CN');
    expect(readParams('?site=demo', []).locale).toBe('en');
  });
  it('drops an origin that is not exactly an origin', () => {
    expect(readParams('?origin=https%3A%2F%2Fshop.example%2Fpath', []).hostOrigin).toBeNull();
    expect(readParams('?origin=*', []).hostOrigin).toBeNull();
    expect(readParams('?origin=null', []).hostOrigin).toBeNull();
    expect(readParams('', []).hostOrigin).toBeNull();
  });
});
