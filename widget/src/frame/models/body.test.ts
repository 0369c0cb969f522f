import { describe, expect, it } from 'vitest';
import { clampBody, outgoingBody, remaining } from './body.ts';

describe('clampBody', () => {
  it('keeps short text', () => expect(clampBody('你好', 5)).toBe('你好'));
  it('cuts long text at the limit', () => expect(clampBody('abcdef', 4)).toBe('abcd'));
  it('never splits a surrogate pair', () => {
    const text = 'ab😀cd'; // 😀 is two code units at index 2 and 3
    expect(clampBody(text, 3)).toBe('ab');
    expect(clampBody(text, 4)).toBe('ab😀');
    const cut = clampBody('😀'.repeat(10), 7);
    expect(cut).toBe('😀'.repeat(3));
    expect(cut.length).toBe(6);
  });
});

describe('remaining', () => {
  it('is hidden far from the limit and counts down near it', () => {
    expect(remaining('a'.repeat(10), 100)).toBeNull();
    expect(remaining('a'.repeat(95), 100)).toBe(5);
  });
});

describe('outgoingBody', () => {
  it('trims and refuses empty text', () => {
    expect(outgoingBody('  hi \n')).toBe('hi');
    expect(outgoingBody(' \n\t ')).toBeNull();
  });
});
