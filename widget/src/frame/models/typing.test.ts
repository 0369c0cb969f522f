import { describe, expect, it } from 'vitest';
import { createTypingThrottle } from './typing.ts';

describe('typing throttle', () => {
  it('sends at most once per interval', () => {
    const t = createTypingThrottle(2000);
    expect(t.input(0)).toBe(true);
    expect(t.input(500)).toBe(false);
    expect(t.input(1999)).toBe(false);
    expect(t.input(2000)).toBe(true);
  });
  it('stops only after having started, and restarts at once', () => {
    const t = createTypingThrottle(2000);
    expect(t.stop()).toBe(false);
    t.input(0);
    expect(t.stop()).toBe(true);
    expect(t.stop()).toBe(false);
    expect(t.input(100)).toBe(true);
  });
});
