/**
 * Business hours in a department's own IANA time zone. The wall clock comes from Intl
 * (the only source of time-zone rules here), the calendar from integer arithmetic, so
 * routing never reads the system clock or its zone. The types live in shared/, where
 * the admin API and the console validate them too.
 */
import {
  type BusinessHours,
  type Interval,
  isValidTimeZone,
  type Weekday,
} from '@switchboard/shared';

export type { BusinessHours, Interval, Weekday };
export { isValidTimeZone };

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Index 0 is 1970-01-01, a Thursday. */
const WEEKDAYS: readonly Weekday[] = ['thu', 'fri', 'sat', 'sun', 'mon', 'tue', 'wed'];

/** Whether the department's hours are open at `now`; null hours are always open. */
export function isOpen(hours: BusinessHours | null, now: number): boolean {
  if (!hours) return true;
  const wall = now + offsetAt(hours.timeZone, now);
  const day = Math.floor(wall / DAY);
  const msOfDay = wall - day * DAY;
  return intervalsOn(hours, day).some((i) => i.from * MINUTE <= msOfDay && msOfDay < i.to * MINUTE);
}

/**
 * The first moment after `now` at which isOpen changes (the next opening when closed,
 * the next closing when open), or null if it never changes within about a year.
 */
export function nextChange(hours: BusinessHours | null, now: number): number | null {
  if (!hours) return null;
  const key = JSON.stringify(hours);
  const cached = memo.get(key);
  if (cached && cached.from <= now && now < (cached.change ?? cached.from + DAY)) {
    return cached.change;
  }
  const open = isOpen(hours, now);
  const today = Math.floor((now + offsetAt(hours.timeZone, now)) / DAY);
  let change: number | null = null;
  // Short windows first: the answer is almost always within a few days. Windows overlap
  // by a day so a time-zone jump across midnight loses no edge.
  for (const [start, end] of [
    [-1, 9],
    [8, 40],
    [39, 400],
  ] as const) {
    change = firstChangeBetween(hours, now, open, today + start, today + end);
    if (change !== null) break;
  }
  if (memo.size >= 256) memo.clear();
  memo.set(key, { from: now, change });
  return change;
}

/**
 * Openness is constant until the next change, so an answer holds until it is reached.
 * Keyed by value: the dispatcher loads fresh objects for every event.
 */
const memo = new Map<string, { from: number; change: number | null }>();

function firstChangeBetween(
  hours: BusinessHours,
  now: number,
  open: boolean,
  firstDay: number,
  lastDay: number,
): number | null {
  // Openness is constant between interval edges and offset transitions, so the first
  // of those after `now` at which it differs is the change.
  const candidates: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    for (const i of intervalsOn(hours, day)) {
      candidates.push(...instantsOf(hours.timeZone, day * DAY + i.from * MINUTE));
      candidates.push(...instantsOf(hours.timeZone, day * DAY + i.to * MINUTE));
    }
  }
  candidates.push(...transitions(hours.timeZone, firstDay * DAY - DAY, lastDay * DAY + 2 * DAY));
  candidates.sort((a, b) => a - b);
  for (const t of candidates) {
    if (t > now && isOpen(hours, t) !== open) return t;
  }
  return null;
}

function intervalsOn(hours: BusinessHours, day: number): readonly Interval[] {
  return hours.exceptions[localDate(day)] ?? hours.weekly[weekdayOf(day)];
}

export function weekdayOf(day: number): Weekday {
  return WEEKDAYS[((day % 7) + 7) % 7] as Weekday;
}

/** 'YYYY-MM-DD' of a day count since 1970-01-01 (proleptic Gregorian). */
export function localDate(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Howard Hinnant's civil-from-days: exact for every date, no Date object needed.
function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const QUARTER_HOUR = 15 * MINUTE;
const offsets = new Map<string, number>();

/**
 * Local wall time minus UTC at instant t, in ms (e.g. +8 h in Asia/Shanghai). Read once
 * per zone and quarter hour: every offset change in today's zone rules falls on a quarter
 * hour of UTC, and Intl costs microseconds a call.
 */
export function offsetAt(timeZone: string, t: number): number {
  const start = Math.floor(t / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${start}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = readOffset(timeZone, start);
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function readOffset(timeZone: string, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(t)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wallSeconds =
    daysFromCivil(parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1) * 86_400 +
    (parts.hour ?? 0) * 3_600 +
    (parts.minute ?? 0) * 60 +
    (parts.second ?? 0);
  // t is a whole quarter hour, so whole seconds: the difference is the offset exactly.
  return wallSeconds * 1000 - t;
}

/**
 * The instants whose local wall time is `wall` (ms since 1970-01-01 local): one
 * normally, two in a fall-back overlap, none in a spring-forward gap (the transition
 * itself is a candidate then).
 */
function instantsOf(timeZone: string, wall: number): number[] {
  const offsets = new Set([
    offsetAt(timeZone, wall - DAY),
    offsetAt(timeZone, wall),
    offsetAt(timeZone, wall + DAY),
  ]);
  const found: number[] = [];
  for (const o of offsets) {
    const t = wall - o;
    if (offsetAt(timeZone, t) === o) found.push(t);
  }
  return found;
}

/** Instants in [from, to) where the zone's offset changes; assumes at most one a day. */
function transitions(timeZone: string, from: number, to: number): number[] {
  const found: number[] = [];
  let prev = offsetAt(timeZone, from);
  for (let t = from; t < to; t += DAY) {
    const next = offsetAt(timeZone, t + DAY);
    if (next !== prev) {
      let lo = t;
      let hi = t + DAY;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (offsetAt(timeZone, mid) === prev) lo = mid;
        else hi = mid;
      }
      found.push(hi);
    }
    prev = next;
  }
  return found;
}
