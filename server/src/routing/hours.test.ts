import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BusinessHours,
  daysFromCivil,
  type Interval,
  isOpen,
  isValidTimeZone,
  localDate,
  nextChange,
  offsetAt,
  type Weekday,
  weekdayOf,
} from './hours.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const hm = (from: string, to: string): Interval => {
  const min = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return { from: min(from), to: min(to) };
};
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const week = (pick: (d: Weekday) => Interval[]): BusinessHours['weekly'] => ({
  mon: pick('mon'),
  tue: pick('tue'),
  wed: pick('wed'),
  thu: pick('thu'),
  fri: pick('fri'),
  sat: pick('sat'),
  sun: pick('sun'),
});
const officeWeek = week((d) => (d === 'sat' || d === 'sun' ? [] : [hm('09:00', '18:00')]));

describe('calendar arithmetic', () => {
  it('agrees with Date for every day over four centuries', () => {
    for (let day = -73_000; day < 73_000; day += 97) {
      const date = new Date(day * 86_400_000);
      expect(localDate(day)).toBe(date.toISOString().slice(0, 10));
      expect(DAYS[(date.getUTCDay() + 6) % 7]).toBe(weekdayOf(day));
      expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(
        day,
      );
    }
  });

  it('reads offsets from the zone rules', () => {
    expect(offsetAt('Asia/Shanghai', at('2025-01-15T12:00:00Z'))).toBe(8 * 3_600_000);
    expect(offsetAt('America/New_York', at('2025-01-15T12:00:00Z'))).toBe(-5 * 3_600_000);
    expect(offsetAt('America/New_York', at('2025-07-15T12:00:00Z'))).toBe(-4 * 3_600_000);
    expect(offsetAt('Asia/Kolkata', at('2025-07-15T12:00:00.999Z'))).toBe(5.5 * 3_600_000);
  });

  it('validates time-zone names', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('isOpen / nextChange', () => {
  it('is always open without hours', () => {
    expect(isOpen(null, 0)).toBe(true);
    expect(nextChange(null, 0)).toBeNull();
  });

  it('never changes when never open', () => {
    const hours: BusinessHours = { timeZone: 'UTC', weekly: week(() => []), exceptions: {} };
    expect(isOpen(hours, at('2025-01-01T12:00:00Z'))).toBe(false);
    expect(nextChange(hours, at('2025-01-01T12:00:00Z'))).toBeNull();
  });

  it('keeps office hours in Asia/Shanghai, whatever the host zone', () => {
    const hours: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: officeWeek, exceptions: {} };
    // Monday 2025-03-03, 09:00 Shanghai is 01:00Z.
    expect(isOpen(hours, at('2025-03-03T00:59:59.999Z'))).toBe(false);
    expect(isOpen(hours, at('2025-03-03T01:00:00Z'))).toBe(true);
    expect(isOpen(hours, at('2025-03-03T09:59:59Z'))).toBe(true);
    expect(isOpen(hours, at('2025-03-03T10:00:00Z'))).toBe(false);
    expect(iso(nextChange(hours, at('2025-03-03T00:00:00Z')))).toBe('2025-03-03T01:00:00.000Z');
    expect(iso(nextChange(hours, at('2025-03-03T01:00:00Z')))).toBe('2025-03-03T10:00:00.000Z');
    // Friday evening → Monday morning.
    expect(iso(nextChange(hours, at('2025-03-07T10:00:00Z')))).toBe('2025-03-10T01:00:00.000Z');
  });

  it('stays open across midnight in Asia/Shanghai (overnight shift)', () => {
    const hours: BusinessHours = {
      timeZone: 'Asia/Shanghai',
      weekly: week((d) =>
        d === 'fri' ? [hm('22:00', '24:00')] : d === 'sat' ? [hm('00:00', '02:00')] : [],
      ),
      exceptions: {},
    };
    // Friday 2025-03-07 23:59 Shanghai = 15:59Z; Saturday 01:00 = Friday 17:00Z.
    expect(isOpen(hours, at('2025-03-07T15:59:00Z'))).toBe(true);
    expect(isOpen(hours, at('2025-03-07T16:00:00Z'))).toBe(true);
    expect(isOpen(hours, at('2025-03-07T17:00:00Z'))).toBe(true);
    // Midnight is no closing: the next change is Saturday 02:00 Shanghai.
    expect(iso(nextChange(hours, at('2025-03-07T15:00:00Z')))).toBe('2025-03-07T18:00:00.000Z');
    expect(iso(nextChange(hours, at('2025-03-07T18:00:00Z')))).toBe('2025-03-14T14:00:00.000Z');
  });

  it('closes over a public holiday and opens on a special working day (调休)', () => {
    const hours: BusinessHours = {
      timeZone: 'Asia/Shanghai',
      weekly: officeWeek,
      exceptions: {
        '2025-10-01': [],
        '2025-10-02': [],
        '2025-10-03': [],
        '2025-10-11': [hm('09:00', '18:00')],
      },
    };
    // Tuesday 2025-09-30 18:00 Shanghai closes until Monday 2025-10-06 09:00.
    expect(iso(nextChange(hours, at('2025-09-30T09:00:00Z')))).toBe('2025-09-30T10:00:00.000Z');
    expect(isOpen(hours, at('2025-10-01T03:00:00Z'))).toBe(false);
    expect(iso(nextChange(hours, at('2025-09-30T10:00:00Z')))).toBe('2025-10-06T01:00:00.000Z');
    // Saturday 2025-10-11 is worked; the Saturday before is not.
    expect(isOpen(hours, at('2025-10-04T03:00:00Z'))).toBe(false);
    expect(isOpen(hours, at('2025-10-11T03:00:00Z'))).toBe(true);
    expect(iso(nextChange(hours, at('2025-10-10T10:00:00Z')))).toBe('2025-10-11T01:00:00.000Z');
  });

  it('follows America/New_York across both DST changes', () => {
    const hours: BusinessHours = {
      timeZone: 'America/New_York',
      weekly: week(() => [hm('09:00', '17:00')]),
      exceptions: {},
    };
    // Spring forward on Sunday 2025-03-09: Saturday closes 17:00 EST (22:00Z), Sunday
    // opens 09:00 EDT (13:00Z), an hour earlier in UTC than the day before.
    expect(iso(nextChange(hours, at('2025-03-08T15:00:00Z')))).toBe('2025-03-08T22:00:00.000Z');
    expect(iso(nextChange(hours, at('2025-03-08T22:00:00Z')))).toBe('2025-03-09T13:00:00.000Z');
    expect(isOpen(hours, at('2025-03-09T13:30:00Z'))).toBe(true);
    // Fall back on Sunday 2025-11-02: Saturday closes 17:00 EDT (21:00Z), Sunday opens
    // 09:00 EST (14:00Z).
    expect(iso(nextChange(hours, at('2025-11-01T21:00:00Z')))).toBe('2025-11-02T14:00:00.000Z');
    expect(isOpen(hours, at('2025-11-02T13:30:00Z'))).toBe(false);
  });

  it('opens at the jump when the opening time falls in the spring-forward gap', () => {
    const hours: BusinessHours = {
      timeZone: 'America/New_York',
      weekly: week(() => []),
      exceptions: { '2025-03-09': [hm('02:30', '04:00')] },
    };
    // 02:30 never happens that night: the clock jumps from 02:00 EST (07:00Z) to 03:00.
    expect(iso(nextChange(hours, at('2025-03-09T05:00:00Z')))).toBe('2025-03-09T07:00:00.000Z');
    expect(iso(nextChange(hours, at('2025-03-09T07:00:00Z')))).toBe('2025-03-09T08:00:00.000Z');
  });

  it('follows the wall clock through the repeated hour when clocks fall back', () => {
    const hours: BusinessHours = {
      timeZone: 'America/New_York',
      weekly: week(() => []),
      exceptions: { '2025-11-02': [hm('00:00', '01:30')] },
    };
    // 01:30 happens twice: at 05:30Z (EDT) and 06:30Z (EST); 01:00 EST is 06:00Z.
    expect(iso(nextChange(hours, at('2025-11-02T05:00:00Z')))).toBe('2025-11-02T05:30:00.000Z');
    expect(iso(nextChange(hours, at('2025-11-02T05:30:00Z')))).toBe('2025-11-02T06:00:00.000Z');
    expect(iso(nextChange(hours, at('2025-11-02T06:00:00Z')))).toBe('2025-11-02T06:30:00.000Z');
    expect(nextChange(hours, at('2025-11-02T06:30:00Z'))).toBeNull();
  });

  it('property: nothing changes before nextChange, and it does change there', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'UTC'];
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
      .map(([a, b]) => (a < b ? { from: a, to: b } : { from: b - 1, to: a + 1 }));
    const hoursArb = fc.record({
      timeZone: fc.constantFrom(...zones),
      weekly: fc.record({
        mon: fc.array(interval, { maxLength: 2 }),
        tue: fc.array(interval, { maxLength: 2 }),
        wed: fc.array(interval, { maxLength: 2 }),
        thu: fc.array(interval, { maxLength: 2 }),
        fri: fc.array(interval, { maxLength: 2 }),
        sat: fc.array(interval, { maxLength: 2 }),
        sun: fc.array(interval, { maxLength: 2 }),
      }),
      exceptions: fc.dictionary(
        fc.integer({ min: 0, max: 40 }).map((d) => localDate(20_140 + d)),
        fc.array(interval, { maxLength: 2 }),
        { maxKeys: 4 },
      ),
    });
    // 2025-02-21 … 2025-04-02 covers northern and southern DST changes.
    const now = fc.integer({ min: 20_140 * 86_400_000, max: 20_180 * 86_400_000 });
    fc.assert(
      fc.property(
        hoursArb,
        now,
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        (h, t, u) => {
          const change = nextChange(h, t);
          const open = isOpen(h, t);
          if (change === null) return;
          expect(change).toBeGreaterThan(t);
          expect(isOpen(h, change)).not.toBe(open);
          expect(isOpen(h, change - 1)).toBe(open);
          for (const x of u) expect(isOpen(h, t + Math.floor(x * (change - t)))).toBe(open);
        },
      ),
      { numRuns: 150 },
    );
  });
});
