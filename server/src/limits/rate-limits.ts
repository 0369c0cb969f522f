import type { RateLimit } from './bucket.ts';
import { createKeyedLimiter } from './keyed.ts';

/** How an event is counted against its sender's limits. */
export type Budget = 'read' | 'write' | 'typing';

export interface RateLimitConfig {
  /** Writes (messages, starts, claims, status changes) per visitor or agent. */
  rateLimit: RateLimit;
  /** Reads (list, sync) per visitor or agent. */
  readLimit: RateLimit;
  /** Everything the visitors at one client address send, together. */
  addressLimit: RateLimit;
}

/**
 * Who sends an event. Visitors are counted per visitor (all their sockets share one
 * budget) and per client address, since anyone can mint new visitors; agents, whom
 * an admin created, per agent.
 */
export type Caller =
  | { kind: 'visitor'; id: string; address: string }
  | { kind: 'agent'; id: string };

/** Typing indicators: a few a second is plenty; the rest are dropped without a word. */
const TYPING: RateLimit = { perSecond: 2, burst: 5 };

export interface RateLimits {
  /** Spends one event of `budget` for the caller; false: refuse it. */
  admit(caller: Caller, budget: Budget): boolean;
}

export function createRateLimits(config: RateLimitConfig, clock: () => number): RateLimits {
  const own = {
    read: createKeyedLimiter(config.readLimit, clock),
    write: createKeyedLimiter(config.rateLimit, clock),
    typing: createKeyedLimiter(TYPING, clock),
  };
  const addresses = createKeyedLimiter(config.addressLimit, clock);
  return {
    admit(caller, budget) {
      if (!own[budget].take(`${caller.kind}:${caller.id}`)) return false;
      return caller.kind === 'agent' || addresses.take(caller.address);
    },
  };
}
