/** Tells the agent we are typing at most once per interval, and stops once. */
export interface TypingThrottle {
  /** The visitor typed; true when a `typing: true` should go out now. */
  input(now: number): boolean;
  /** Sent or left the box; true when a `typing: false` should go out now. */
  stop(): boolean;
}

export function createTypingThrottle(intervalMs = 2000): TypingThrottle {
  let lastSent: number | null = null;
  return {
    input(now) {
      if (lastSent !== null && now - lastSent < intervalMs) return false;
      lastSent = now;
      return true;
    },
    stop() {
      if (lastSent === null) return false;
      lastSent = null;
      return true;
    },
  };
}
