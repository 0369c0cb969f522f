/** What the rest of the hub uses of routing/; everything here is pure. */
export type { BusinessHours, Interval, Weekday } from './hours.ts';
export { isOpen, isValidTimeZone, nextChange } from './hours.ts';
export * from './model.ts';
export type { Availability, QueueStats } from './queue.ts';
export {
  availability,
  compareQueueOrder,
  departmentQueue,
  estimateWait,
  MIN_HANDLE_SAMPLES,
  queuePosition,
  queueStats,
} from './queue.ts';
export { route } from './route.ts';
export { isEligible, refusalFor, selectAgent } from './select-agent.ts';
export { nextWake } from './timers.ts';
