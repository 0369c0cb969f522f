import { describe, expect, it } from 'vitest';
import { type Caller, createRateLimits } from './rate-limits.ts';

const config = {
  rateLimit: { perSecond: 1, burst: 3 },
  readLimit: { perSecond: 1, burst: 5 },
  addressLimit: { perSecond: 1, burst: 8 },
};
const visitor = (id: string, address = '10.0.0.1'): Caller => ({ kind: 'visitor', id, address });

/** How many of `n` events the limits admit at one instant. */
function admitted(
  limits: ReturnType<typeof createRateLimits>,
  n: number,
  next: () => [Caller, 'read' | 'write'],
) {
  let count = 0;
  for (let i = 0; i < n; i += 1) if (limits.admit(...next())) count += 1;
  return count;
}

describe('rate limits', () => {
  it('counts a visitor, not a socket: writes and reads have budgets of their own', () => {
    const limits = createRateLimits(config, () => 0);
    expect(admitted(limits, 10, () => [visitor('v1'), 'write'])).toBe(3);
    expect(admitted(limits, 10, () => [visitor('v1', '10.0.0.2'), 'read'])).toBe(5);
  });

  it('counts everything the visitors at one address send together', () => {
    const limits = createRateLimits(config, () => 0);
    let i = 0;
    // Fresh visitors each time, as an attacker minting tokens would be.
    expect(admitted(limits, 20, () => [visitor(`v${i++}`), 'write'])).toBe(8);
    expect(limits.admit(visitor('other', '10.0.0.9'), 'write')).toBe(true);
  });

  it('counts agents per agent, with no address budget', () => {
    const limits = createRateLimits(config, () => 0);
    expect(admitted(limits, 10, () => [{ kind: 'agent', id: 'a1' }, 'write'])).toBe(3);
    expect(limits.admit({ kind: 'agent', id: 'a2' }, 'write')).toBe(true);
    expect(limits.admit({ kind: 'visitor', id: 'a1', address: 'x' }, 'write')).toBe(true);
  });

  it('refills with time', () => {
    let now = 0;
    const limits = createRateLimits(config, () => now);
    expect(admitted(limits, 10, () => [visitor('v1'), 'write'])).toBe(3);
    now = 2000;
    expect(admitted(limits, 10, () => [visitor('v1'), 'write'])).toBe(2);
  });
});
