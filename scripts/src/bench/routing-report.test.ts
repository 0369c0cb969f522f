import { describe, expect, it } from 'vitest';
import { type RoutingRunResult, type RoutingScenario, routingReport } from './routing-report.ts';
import type { LatencySummary } from './stats.ts';

const scenario: RoutingScenario = {
  label: '1,000 visitors over 10 s',
  visitors: 1000,
  arrivalSeconds: 10,
  agents: 30,
  capacity: 5,
  holdMs: { min: 500, max: 3000 },
  seed: 1,
};

const latency = (p50: number, p99: number, count = 500): LatencySummary => ({
  count,
  p50,
  p99,
  max: p99 + 1,
});

function run(round: number, p50: number, usPerDecision: number): RoutingRunResult {
  return {
    scenario,
    round,
    figures: {
      conversations: 1000,
      assigned: 1000,
      resolved: 1000,
      toAgent: latency(p50, 3000, 1000),
      atOnce: latency(4, 50, 250),
      inQueue: latency(1200, 2900, 750),
      freedToTaken: latency(130, 2100, 740),
      drainedMs: 13_000,
      doneMs: 15_600,
    },
    seconds: 15.6,
    setupSeconds: 6,
    serverUsPerDecision: usPerDecision,
    refused: {},
    overCapacity: 0,
    unexpected: 0,
    serverCpuPct: 60,
    serverLoopPct: { run: 52, wait: 12 },
    serverRssMb: 150,
    generatorCpuPct: 22,
    generatorLoopPct: { run: 20, wait: 2 },
    machineBusyCores: 1.2,
    cores: 2,
    serverWarnings: {},
  };
}

const medianRow = (text: string) =>
  text.split('\n').find((l) => l.trimStart().startsWith('median'));

describe('routingReport', () => {
  it('shows each round and the median of the rounds', () => {
    const text = routingReport([run(1, 1500, 12_000), run(2, 900, 9000), run(3, 700, 8000)]);
    expect(text).toContain('Routing: 1,000 visitors over 10 s.');
    const median = medianRow(text);
    expect(median).toContain('900.0 / 3000.0 / 3001.0');
    expect(median).toContain('250, 4.00 / 50.0');
    expect(median).toContain('750, 1200.0 / 2900.0');
    expect(median).toContain('130.0 / 2100.0');
    expect(median).toContain('13.0 s');
    expect(median).toContain('9000');
    expect(text).not.toContain('!');
  });

  it('has no median row for one round, and says what went wrong in a run', () => {
    const bad = run(1, 900, 9000);
    bad.figures.assigned = 990;
    bad.refused = { 'start: rate_limited': 10 };
    bad.overCapacity = 2;
    bad.serverWarnings = { 'routing run failed': 1 };
    const text = routingReport([bad]);
    expect(medianRow(text)).toBeUndefined();
    expect(text).toContain(
      '! 1. routing: refused: 10× start: rate_limited; 10 conversations never assigned; ' +
        '2 assignments over an agent\'s capacity; logged 1× "routing run failed"',
    );
  });
});
