import { describe, expect, it } from 'vitest';
import { applyCommand, frameUrl, parseCommand } from './commands.ts';

describe('parseCommand', () => {
  it('accepts the array form and a bare name', () => {
    expect(parseCommand(['open'])).toBe('open');
    expect(parseCommand('toggle')).toBe('toggle');
  });
  it('ignores anything else', () => {
    expect(parseCommand(['destroy'])).toBeNull();
    expect(parseCommand({ 0: 'open' })).toBeNull();
    expect(parseCommand([])).toBeNull();
    expect(parseCommand(null)).toBeNull();
  });
});

describe('applyCommand', () => {
  it('opens, closes and toggles', () => {
    expect(applyCommand(false, 'open')).toBe(true);
    expect(applyCommand(true, 'open')).toBe(true);
    expect(applyCommand(true, 'close')).toBe(false);
    expect(applyCommand(false, 'toggle')).toBe(true);
    expect(applyCommand(true, 'toggle')).toBe(false);
  });
});

describe('frameUrl', () => {
  it('encodes the host origin so it survives as one query parameter', () => {
    const url = new URL(
      frameUrl('https://hub.example', 'demo', 'https://shop.example:8443', 'zh-CN'),
    );
    expect(url.origin).toBe('https://hub.example');
    expect(url.pathname).toBe('/widget/frame');
    expect(url.searchParams.get('site')).toBe('demo');
    expect(url.searchParams.get('origin')).toBe('https://shop.example:8443');
    expect(url.searchParams.get('locale')).toBe('zh-CN');
  });
});
