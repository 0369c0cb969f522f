import { describe, expect, it } from 'vitest';
import { businessHoursProblem, isValidTimeZone } from './business-hours.ts';
import type { BusinessHours, Interval } from './model.ts';

const office: Interval[] = [{ from: 540, to: 1080 }];
const hours = (over: Partial<BusinessHours> = {}): BusinessHours => ({
  timeZone: 'Asia/Shanghai',
  weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  exceptions: {},
  ...over,
});
const monday = (mon: Interval[]) => hours({ weekly: { ...hours().weekly, mon } });
const problem = (h: BusinessHours) => businessHoursProblem(h, 'body/hours');

describe('business hours', () => {
  it('accepts office hours, a lunch break, a day open to midnight, holidays and 调休', () => {
    expect(problem(hours())).toBeNull();
    expect(
      problem(
        monday([
          { from: 540, to: 720 },
          { from: 720, to: 1080 },
        ]),
      ),
    ).toBeNull();
    expect(problem(monday([{ from: 0, to: 1440 }]))).toBeNull();
    expect(
      problem(hours({ exceptions: { '2025-10-01': [], '2025-09-28': office, '2024-02-29': [] } })),
    ).toBeNull();
  });

  it('knows IANA time zones through Intl', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('names the field of the first problem', () => {
    expect(problem(hours({ timeZone: 'Asia/Atlantis' }))).toMatch(/^body\/hours\/timeZone /);
    expect(problem(monday([{ from: 600, to: 600 }]))).toMatch(/^body\/hours\/weekly\/mon\/0 /);
    expect(problem(monday([{ from: 900, to: 600 }]))).toMatch(/^body\/hours\/weekly\/mon\/0 /);
    expect(problem(monday([{ from: 0, to: 1441 }]))).toMatch(/^body\/hours\/weekly\/mon\/0 /);
    expect(problem(monday([{ from: -1, to: 60 }]))).toMatch(/^body\/hours\/weekly\/mon\/0 /);
    expect(problem(monday([{ from: 0.5, to: 60 }]))).toMatch(/whole minutes/);
    // Overlapping, and out of order.
    expect(
      problem(
        monday([
          { from: 540, to: 800 },
          { from: 780, to: 1080 },
        ]),
      ),
    ).toMatch(/^body\/hours\/weekly\/mon\/1 .*no overlap/);
    expect(
      problem(
        monday([
          { from: 780, to: 1080 },
          { from: 540, to: 720 },
        ]),
      ),
    ).toMatch(/^body\/hours\/weekly\/mon\/1 /);
    expect(problem(hours({ exceptions: { '2025-10-01': [{ from: 60, to: 30 }] } }))).toMatch(
      /^body\/hours\/exceptions\/2025-10-01\/0 /,
    );
  });

  it('refuses exceptions on dates that do not exist', () => {
    for (const date of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-4-1']) {
      expect(problem(hours({ exceptions: { [date]: [] } }))).toBe(
        `body/hours/exceptions/${date} is not a date (YYYY-MM-DD)`,
      );
    }
    expect(problem(hours({ exceptions: { '2000-02-29': [] } }))).toBeNull();
    expect(problem(hours({ exceptions: { '1900-02-29': [] } }))).not.toBeNull();
  });
});
