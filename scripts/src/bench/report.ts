/** Turns run results into the printed tables and the verdict on the two targets. */
import type { DriveResult } from './load.ts';

/** bare: the plain relay; floor: it plus the hub's durable write (bare-relay.ts). */
export type ServerKind = 'bare' | 'floor' | 'hub';

export interface Scenario {
  id: 'light' | 'heavy';
  label: string;
  pairs: number;
  agents: number;
  window: number;
  thinkMs: number;
}

/** What the meter read over a measured interval (meter.ts), in the report's units. */
export interface Usage {
  /** CPU of the server process over the measured interval, % of one core. */
  serverCpuPct: number;
  /** Its main thread (the event loop), % of the interval on a core / waiting for one. */
  serverLoopPct: { run: number; wait: number };
  serverRssMb: number;
  /** CPU of the load generator (this process), % of one core. */
  generatorCpuPct: number;
  generatorLoopPct: { run: number; wait: number };
  /** Whole machine, in cores busy (2.00 = both cores). */
  machineBusyCores: number;
  cores: number;
}

export interface RunResult extends Usage {
  kind: ServerKind;
  scenario: Scenario;
  /** 1, 2, … when the bench runs several rounds. */
  round: number;
  drive: DriveResult;
  setupSeconds: number;
  /** Server CPU per delivered message, µs. */
  serverUsPerMsg: number;
  /** What the server logged at warn level or above, counted by message. */
  serverWarnings: Record<string, number>;
}

export const TARGETS = {
  /** Hub msg/s at least this share of the bare relay's in the heavy scenario. */
  throughputRatio: 0.8,
  /** Hub p99 at most this multiple of the bare relay's in the light scenario. */
  p99Ratio: 2.5,
} as const;

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtMs = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? a / b : Number.NaN);

export function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map(
      (r) =>
        `  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ')}`,
    )
    .join('\n');
}

/** With several rounds, each figure is the median of its rounds. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

/** What limited a run, from CPU readings over its measured interval. */
export function boundBy(r: RunResult): string {
  const idleCores = r.cores - r.machineBusyCores;
  const others = otherCores(r);
  const contended = others >= 0.3 ? `; others used ${others.toFixed(1)} cores` : '';
  // The event loop is one thread: that thread at ~100 % is what saturates a server.
  // Runnable counts: a loop that waits for a core still has work.
  const loop = r.serverLoopPct.run + r.serverLoopPct.wait >= 90;
  const generator = r.generatorLoopPct.run + r.generatorLoopPct.wait >= 90;
  if (loop && generator) return `server and load generator CPU${contended}`;
  if (loop) return `server CPU (event loop)${contended}`;
  if (generator) return `load generator CPU${contended}`;
  if (idleCores < 0.15) return `machine: both cores busy${contended}`;
  if (r.scenario.thinkMs > 0) return `offered load (think time)${contended}`;
  return `no CPU saturated: the server waits (locks, I/O)${contended}`;
}

/** Cores busy with neither the server nor the generator: other people's work. */
export function otherCores(r: Usage): number {
  return Math.max(0, r.machineBusyCores - (r.serverCpuPct + r.generatorCpuPct) / 100);
}

export interface Verdict {
  throughputRatio: number;
  /** Floor msg/s over bare msg/s in the heavy scenario (NaN when the floor did not run). */
  floorRatio: number;
  p99Ratio: number;
  throughputMet: boolean;
  p99Met: boolean;
}

export function report(results: readonly RunResult[]): { text: string; verdict: Verdict } {
  const scenarios = [...new Map(results.map((r) => [r.scenario.id, r.scenario])).values()];
  const pick = (id: Scenario['id'], kind: ServerKind) =>
    results.filter((r) => r.scenario.id === id && r.kind === kind);
  const figures = (rs: RunResult[]) =>
    rs.length === 0
      ? null
      : {
          msgPerSec: median(rs.map((r) => r.drive.msgPerSec)),
          p50: median(rs.map((r) => r.drive.latency.p50)),
          p99: median(rs.map((r) => r.drive.latency.p99)),
        };

  const main: string[][] = [
    [
      'scenario',
      'bare msg/s',
      'floor msg/s',
      'hub msg/s',
      'hub/bare',
      'hub/floor',
      'bare p50/p99 ms',
      'hub p50/p99 ms',
      'p99 ratio',
      'target',
    ],
  ];
  const verdict: Verdict = {
    throughputRatio: Number.NaN,
    floorRatio: Number.NaN,
    p99Ratio: Number.NaN,
    throughputMet: false,
    p99Met: false,
  };
  for (const s of scenarios) {
    const bare = figures(pick(s.id, 'bare'));
    const hub = figures(pick(s.id, 'hub'));
    if (!bare || !hub) continue;
    const floor = figures(pick(s.id, 'floor'));
    const tr = ratio(hub.msgPerSec, bare.msgPerSec);
    const pr = ratio(hub.p99, bare.p99);
    // A refused message (ack ok: false) was not relayed: the target counts it as missed.
    const refused = pick(s.id, 'hub').reduce(
      (n, r) => n + Object.values(r.drive.refused).reduce((a, b) => a + b, 0),
      0,
    );
    const verdictText = (met: boolean) => {
      if (refused === 0) return met ? 'MET' : 'MISSED';
      const note = `hub refused ${fmtInt(refused)} msgs`;
      return met ? `MISSED: ratio ok, but ${note}` : `MISSED (${note})`;
    };
    let target = '';
    if (s.id === 'heavy') {
      verdict.throughputRatio = tr;
      if (floor) verdict.floorRatio = ratio(floor.msgPerSec, bare.msgPerSec);
      verdict.throughputMet = tr >= TARGETS.throughputRatio && refused === 0;
      target = `msg/s ≥ ${TARGETS.throughputRatio}× bare: ${verdictText(tr >= TARGETS.throughputRatio)}`;
    } else {
      verdict.p99Ratio = pr;
      verdict.p99Met = pr <= TARGETS.p99Ratio && refused === 0;
      target = `p99 ≤ ${TARGETS.p99Ratio}× bare: ${verdictText(pr <= TARGETS.p99Ratio)}`;
    }
    main.push([
      s.label,
      fmtInt(bare.msgPerSec),
      floor
        ? `${fmtInt(floor.msgPerSec)} (${ratio(floor.msgPerSec, bare.msgPerSec).toFixed(2)}×)`
        : '-',
      fmtInt(hub.msgPerSec),
      `${tr.toFixed(2)}×`,
      floor ? `${ratio(hub.msgPerSec, floor.msgPerSec).toFixed(2)}×` : '-',
      `${fmtMs(bare.p50)} / ${fmtMs(bare.p99)}`,
      `${fmtMs(hub.p50)} / ${fmtMs(hub.p99)}`,
      `${pr.toFixed(2)}×`,
      target,
    ]);
  }

  const cpu: string[][] = [
    [
      'scenario',
      'server',
      'srv CPU',
      'srv loop run+wait',
      'µs CPU/msg',
      'srv RSS',
      'gen CPU',
      'gen loop run+wait',
      'others',
      'setup',
      'bound by',
    ],
  ];
  for (const r of results) {
    cpu.push([
      `${r.round}. ${r.scenario.label}`,
      r.kind,
      `${r.serverCpuPct.toFixed(0)} %`,
      `${r.serverLoopPct.run.toFixed(0)}+${r.serverLoopPct.wait.toFixed(0)} %`,
      r.drive.delivered ? r.serverUsPerMsg.toFixed(1) : '-',
      `${r.serverRssMb.toFixed(0)} MB`,
      `${r.generatorCpuPct.toFixed(0)} %`,
      `${r.generatorLoopPct.run.toFixed(0)}+${r.generatorLoopPct.wait.toFixed(0)} %`,
      `${(otherCores(r) * 100).toFixed(0)} %`,
      `${r.setupSeconds.toFixed(1)} s`,
      boundBy(r),
    ]);
  }

  const problems = results.flatMap((r) => {
    const d = r.drive;
    const notes: string[] = [];
    const refused = Object.entries(d.refused).map(([code, n]) => `${n}× ${code}`);
    if (refused.length) notes.push(`refused: ${refused.join(', ')}`);
    if (d.unexpected) notes.push(`${d.unexpected} unexpected receipts`);
    if (d.lost) notes.push(`${d.lost} still in flight after the drain`);
    if (d.minPerPair === 0) notes.push('some pair delivered nothing while measured');
    if (d.latency.count < d.delivered) notes.push('latency samples capped');
    for (const [warning, n] of Object.entries(r.serverWarnings))
      notes.push(`logged ${n}× "${warning}"`);
    const run = `${r.round}. ${r.kind}, ${r.scenario.label}`;
    return notes.length ? [`  ! ${run}: ${notes.join('; ')}`] : [];
  });

  const floorNote =
    verdict.floorRatio < TARGETS.throughputRatio
      ? [
          '',
          `  The floor reached ${verdict.floorRatio.toFixed(2)}× bare: committing each message with the`,
          "  pipeline's two unique constraints costs more than the throughput target leaves room",
          '  for on this machine, before any of the work the hub adds.',
        ]
      : [];
  const text = [
    table(main),
    ...floorNote,
    '',
    '  Over the measured interval, % of one core. srv CPU: all threads of the server process;',
    '  loop run+wait: its main thread (event loop) on a core + runnable but waiting for one;',
    '  µs CPU/msg: server CPU per delivered message; gen: this load generator; others: the',
    "  rest of the machine's busy time (other people's work).",
    table(cpu),
    ...(problems.length ? ['', ...problems] : []),
  ].join('\n');
  return { text, verdict };
}
