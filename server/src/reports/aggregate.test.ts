import { describe, expect, it } from 'vitest';
import { localParts, percentile, report, spread } from './aggregate.ts';
import type { ConversationFacts } from './facts.ts';

const MIN = 60_000;

/** Facts with everything empty but what a test sets. */
function facts(over: Partial<ConversationFacts>): ConversationFacts {
  return {
    conversationId: 'c',
    department: 'pre_sales',
    startedAt: Date.UTC(2026, 11, 1, 2),
    agentId: null,
    frtMs: null,
    queued: true,
    waitMs: null,
    abandoned: false,
    handle: [],
    resolutionMs: null,
    resolvedAt: null,
    fcr: null,
    transferred: false,
    slaBreached: { firstResponse: false, resolution: false },
    leftMessage: false,
    leftMessageAnswerMs: null,
    ...over,
  };
}

const ALL = { from: 0, to: Number.MAX_SAFE_INTEGER, timeZone: 'Asia/Shanghai' };

describe('percentiles (nearest rank)', () => {
  it('are values that occurred', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([percentile(ten, 0.5), percentile(ten, 0.9)]).toEqual([5, 9]);
    expect([percentile([7], 0.5), percentile([7], 0.9)]).toEqual([7, 7]);
    expect(percentile([], 0.5)).toBeNull();
    expect(spread([30, null, 10, 20])).toEqual({ count: 3, p50: 20, p90: 30 });
  });
});

describe('local day and hour', () => {
  it('splits at midnight in the site’s time zone, not UTC', () => {
    // 23:59:59 and 00:00:00 in Shanghai (UTC+8) are 15:59:59 and 16:00 UTC.
    expect(localParts(Date.UTC(2026, 11, 1, 15, 59, 59), 'Asia/Shanghai')).toEqual({
      day: '2026-12-01',
      hour: '23',
    });
    expect(localParts(Date.UTC(2026, 11, 1, 16, 0, 0), 'Asia/Shanghai')).toEqual({
      day: '2026-12-02',
      hour: '00',
    });
  });

  it('follows daylight saving: a skipped hour and a repeated one', () => {
    const ny = 'America/New_York';
    // 8 March 2026, 02:00 EST becomes 03:00 EDT.
    expect(localParts(Date.UTC(2026, 2, 8, 6, 30), ny).hour).toBe('01');
    expect(localParts(Date.UTC(2026, 2, 8, 7, 30), ny).hour).toBe('03');
    // 1 November 2026, 02:00 EDT becomes 01:00 EST: 01:30 happens twice.
    expect(localParts(Date.UTC(2026, 10, 1, 5, 30), ny)).toEqual({ day: '2026-11-01', hour: '01' });
    expect(localParts(Date.UTC(2026, 10, 1, 6, 30), ny)).toEqual({ day: '2026-11-01', hour: '01' });
  });
});

describe('report rows', () => {
  const set = [
    facts({
      conversationId: 'a',
      department: 'pre_sales',
      agentId: 'ann',
      frtMs: MIN,
      waitMs: 10_000,
      handle: [{ agentId: 'ann', department: 'pre_sales', from: 0, to: 4 * MIN, resolved: true }],
      resolutionMs: 5 * MIN,
      resolvedAt: 1,
      fcr: true,
    }),
    facts({
      conversationId: 'b',
      department: 'pre_sales',
      agentId: 'bob',
      frtMs: 3 * MIN,
      waitMs: 30_000,
      transferred: true,
      handle: [
        { agentId: 'ann', department: 'pre_sales', from: 0, to: 2 * MIN, resolved: false },
        { agentId: 'bob', department: 'technical', from: 2 * MIN, to: 8 * MIN, resolved: true },
      ],
      resolutionMs: 9 * MIN,
      resolvedAt: 1,
      fcr: false,
      slaBreached: { firstResponse: true, resolution: false },
    }),
    facts({ conversationId: 'c', department: 'pre_sales', abandoned: true }),
    facts({
      conversationId: 'd',
      department: 'after_sales',
      queued: false,
      leftMessage: true,
      leftMessageAnswerMs: 2 * 3600_000,
      resolvedAt: 1,
      fcr: null, // resolved less than 72 h ago
    }),
  ];

  it('per department: volume, FRT, wait, abandonment, AHT, resolution, FCR, SLA, left messages', () => {
    const [after, pre] = report(set, { ...ALL, groupBy: 'department' });
    expect(pre).toEqual({
      key: 'pre_sales',
      volume: 3,
      frt: { count: 2, p50: MIN, p90: 3 * MIN },
      wait: { count: 2, p50: 10_000, p90: 30_000 },
      abandoned: 1,
      abandonedRate: 1 / 3,
      ahtMs: ((4 + 2 + 6) * MIN) / 3,
      resolution: { count: 2, p50: 5 * MIN, p90: 9 * MIN },
      fcrRate: 1 / 2,
      slaBreachRate: 1 / 3,
      leftMessages: 0,
      leftMessageAnswer: { count: 0, p50: null, p90: null },
    });
    expect(after).toMatchObject({
      key: 'after_sales',
      volume: 1,
      abandonedRate: null, // nothing of it was queued
      fcrRate: null, // not known for 72 h
      leftMessages: 1,
      leftMessageAnswer: { count: 1, p50: 2 * 3600_000 },
    });
  });

  it('per agent: conversations where they resolved or last held it; AHT over all their stretches', () => {
    const rows = report(set, { ...ALL, groupBy: 'agent' });
    expect(rows.map((r) => [r.key, r.volume, r.ahtMs])).toEqual([
      ['ann', 1, ((4 + 2) * MIN) / 2],
      ['bob', 1, 6 * MIN],
    ]);
  });

  it('per local day and hour, only conversations started in [from, to)', () => {
    const at = (iso: string, id: string) =>
      facts({ conversationId: id, startedAt: Date.parse(iso) });
    const days = [
      at('2026-12-01T15:59:59Z', 'late'), // 23:59:59 in Shanghai
      at('2026-12-01T16:00:00Z', 'midnight'), // 00:00 on the 2nd
      at('2026-12-02T01:00:00Z', 'morning'),
      at('2026-12-03T01:00:00Z', 'outside'),
    ];
    const range = {
      from: Date.parse('2026-11-30T16:00:00Z'),
      to: Date.parse('2026-12-02T16:00:00Z'),
    };
    expect(
      report(days, { ...ALL, ...range, groupBy: 'day' }).map((r) => [r.key, r.volume]),
    ).toEqual([
      ['2026-12-01', 1],
      ['2026-12-02', 2],
    ]);
    expect(
      report(days, { ...ALL, ...range, groupBy: 'hour' }).map((r) => [r.key, r.volume]),
    ).toEqual([
      ['00', 1],
      ['09', 1],
      ['23', 1],
    ]);
  });
});
