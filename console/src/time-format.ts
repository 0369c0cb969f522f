/** Durations and clock times through Intl, so each locale gets its own units and order. */
import type { Locale } from '@switchboard/shared';

/** "45 sec", "3 min", "2 hr" / "45秒", "3分钟", "2小时": the largest whole unit. */
export function formatDuration(locale: Locale, ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [value, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3600
        ? [Math.floor(seconds / 60), 'minute']
        : seconds < 86_400
          ? [Math.floor(seconds / 3600), 'hour']
          : [Math.floor(seconds / 86_400), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** Time of day for today's messages, date and time for older ones. */
export function formatMessageTime(locale: Locale, at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(
    locale,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(at);
}
