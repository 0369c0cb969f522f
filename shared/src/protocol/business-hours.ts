/**
 * What makes business hours valid beyond their JSON shape (the schema in admin.ts
 * checks that): a time zone Intl knows, intervals that open before they close, in
 * order without overlap, and exceptions on dates that exist. The hub checks it before
 * storing; the console may check it before sending.
 */
import type { BusinessHours, Interval } from './model.ts';

const MINUTES_PER_DAY = 1440;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether Intl knows this time zone (IANA names such as 'Asia/Shanghai', or 'UTC'). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first problem with these hours, as a sentence that starts with the field's path
 * under `path` (e.g. "body/hours/weekly/mon/1 must start …"), or null if they are valid.
 */
export function businessHoursProblem(hours: BusinessHours, path: string): string | null {
  if (!isValidTimeZone(hours.timeZone)) {
    return `${path}/timeZone "${hours.timeZone}" is not a time zone (an IANA name, e.g. Asia/Shanghai)`;
  }
  for (const [day, intervals] of Object.entries(hours.weekly)) {
    const problem = intervalsProblem(intervals, `${path}/weekly/${day}`);
    if (problem) return problem;
  }
  for (const [date, intervals] of Object.entries(hours.exceptions)) {
    if (!isCalendarDate(date)) {
      return `${path}/exceptions/${date} is not a date (YYYY-MM-DD)`;
    }
    const problem = intervalsProblem(intervals, `${path}/exceptions/${date}`);
    if (problem) return problem;
  }
  return null;
}

function intervalsProblem(intervals: readonly Interval[], path: string): string | null {
  let end = 0;
  for (const [i, { from, to }] of intervals.entries()) {
    const at = `${path}/${i}`;
    if (!Number.isInteger(from) || !Number.isInteger(to)) {
      return `${at} must be whole minutes`;
    }
    if (from < 0 || to > MINUTES_PER_DAY || from >= to) {
      return `${at} must have 0 <= from < to <= ${MINUTES_PER_DAY} (minutes since local midnight)`;
    }
    // Touching is fine ([540, 720) then [720, 1080)); overlapping is a mistake.
    if (from < end) {
      return `${at} must start at or after the end of the interval before it (in order, no overlap)`;
    }
    end = to;
  }
  return null;
}

function isCalendarDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}
