/**
 * A report's rows: conversation facts (facts.ts) summed per department, agent, hour or
 * day, in the site's time zone. Pure, so every figure is tested against hand-computed
 * fixtures.
 */
import type { ConversationFacts } from './facts.ts';

export type GroupBy = 'department' | 'agent' | 'hour' | 'day';

export interface ReportRow {
  /** The department id, agent id, `YYYY-MM-DD` or the hour of day `00`…`23`. */
  key: string;
  /** Conversations started. */
  volume: number;
  frt: Spread;
  wait: Spread;
  /** Conversations the visitor left while queued, and their share of those queued. */
  abandoned: number;
  abandonedRate: number | null;
  /** Mean handle time (assignment to it leaving the agent), over holding stretches. */
  ahtMs: number | null;
  resolution: Spread;
  /** Share of resolved conversations whose FCR is known that were resolved first time. */
  fcrRate: number | null;
  /** Share of conversations that breached either SLA target. */
  slaBreachRate: number | null;
  leftMessages: number;
  leftMessageAnswer: Spread;
}

/** Median and 90th percentile (nearest rank) of the durations that exist; ms. */
export interface Spread {
  count: number;
  p50: number | null;
  p90: number | null;
}

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function spread(values: readonly (number | null)[]): Spread {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return { count: present.length, p50: percentile(present, 0.5), p90: percentile(present, 0.9) };
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** The calendar day and hour of `at` in `timeZone` (Intl: daylight saving included). */
export function localParts(at: number, timeZone: string): { day: string; hour: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: get('hour') };
}

/**
 * Rows for the conversations started in [from, to), grouped. A conversation counts in
 * the group of its start (its department, the agent who resolved or last held it, its
 * local day or hour); AHT per agent counts each agent's own holding stretches.
 */
export function report(
  facts: readonly ConversationFacts[],
  options: { from: number; to: number; groupBy: GroupBy; timeZone: string },
): ReportRow[] {
  const inRange = facts.filter((f) => f.startedAt >= options.from && f.startedAt < options.to);
  const groups = new Map<string, ConversationFacts[]>();
  const keyOf = (f: ConversationFacts): string | null => {
    switch (options.groupBy) {
      case 'department':
        return f.department;
      case 'agent':
        return f.agentId;
      case 'day':
        return localParts(f.startedAt, options.timeZone).day;
      case 'hour':
        return localParts(f.startedAt, options.timeZone).hour;
    }
  };
  for (const f of inRange) {
    const key = keyOf(f);
    if (key === null) continue;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  // An agent's handle time is theirs wherever the conversation ended up counted.
  const segmentsOf = (key: string, group: readonly ConversationFacts[]) =>
    options.groupBy === 'agent'
      ? inRange.flatMap((f) => f.handle.filter((s) => s.agentId === key))
      : group.flatMap((f) => f.handle);

  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => {
      const queued = group.filter((f) => f.queued);
      const abandoned = group.filter((f) => f.abandoned).length;
      const segments = segmentsOf(key, group);
      const fcrKnown = group.filter((f) => f.fcr !== null);
      const left = group.filter((f) => f.leftMessage);
      return {
        key,
        volume: group.length,
        frt: spread(group.map((f) => f.frtMs)),
        wait: spread(group.map((f) => f.waitMs)),
        abandoned,
        abandonedRate: share(abandoned, queued.length),
        ahtMs:
          segments.length === 0
            ? null
            : segments.reduce((sum, s) => sum + (s.to - s.from), 0) / segments.length,
        resolution: spread(group.map((f) => f.resolutionMs)),
        fcrRate: share(fcrKnown.filter((f) => f.fcr).length, fcrKnown.length),
        slaBreachRate: share(
          group.filter((f) => f.slaBreached.firstResponse || f.slaBreached.resolution).length,
          group.length,
        ),
        leftMessages: left.length,
        leftMessageAnswer: spread(left.map((f) => f.leftMessageAnswerMs)),
      };
    });
}
