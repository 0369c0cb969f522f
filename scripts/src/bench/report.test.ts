import { describe, expect, it } from 'vitest';
import { type RunResult, report, type Scenario, type ServerKind } from './report.ts';

const heavy: Scenario = {
  id: 'heavy',
  label: '1000 pairs, W=2',
  pairs: 1000,
  agents: 100,
  window: 2,
  thinkMs: 0,
};

function run(kind: ServerKind, msgPerSec: number, round = 1): RunResult {
  return {
    kind,
    scenario: heavy,
    round,
    drive: {
      delivered: msgPerSec * 6,
      seconds: 6,
      msgPerSec,
      latency: { count: msgPerSec * 6, p50: 80, p99: 170, max: 200 },
      minPerPair: 10,
      refused: {},
      unexpected: 0,
      lost: 0,
    },
    setupSeconds: 2,
    serverCpuPct: 95,
    serverLoopPct: { run: 90, wait: 8 },
    serverUsPerMsg: 40,
    serverRssMb: 170,
    generatorCpuPct: 90,
    generatorLoopPct: { run: 85, wait: 10 },
    machineBusyCores: 1.9,
    cores: 2,
    serverWarnings: {},
  };
}

describe('report', () => {
  it('judges the hub against bare and shows the floor beside it', () => {
    const { text, verdict } = report([
      run('bare', 20_000),
      run('floor', 14_000),
      run('hub', 10_000),
    ]);
    expect(verdict.throughputRatio).toBeCloseTo(0.5);
    expect(verdict.floorRatio).toBeCloseTo(0.7);
    expect(verdict.throughputMet).toBe(false);
    expect(text).toContain('14,000 (0.70×)');
    expect(text).toContain('0.71×'); // hub/floor
    expect(text).toContain('The floor reached 0.70× bare');
  });

  it('takes the median of rounds and says nothing of a floor above the target', () => {
    const { text, verdict } = report([
      run('bare', 20_000, 1),
      run('bare', 10_000, 2),
      run('bare', 21_000, 3),
      run('floor', 19_000),
      run('hub', 17_000),
    ]);
    expect(verdict.throughputRatio).toBeCloseTo(0.85);
    expect(verdict.throughputMet).toBe(true);
    expect(text).not.toContain('The floor reached');
  });

  it('leaves the floor out when it did not run', () => {
    const { text, verdict } = report([run('bare', 20_000), run('hub', 17_000)]);
    expect(Number.isNaN(verdict.floorRatio)).toBe(true);
    expect(text).not.toContain('The floor reached');
  });
});
