/** The routing scenario's table: time to an agent, decisions, drain, hub CPU per decision. */
import { fmtInt, fmtMs, median, otherCores, table, type Usage } from './report.ts';
import type { RoutingFigures } from './routing-plan.ts';

export interface RoutingScenario {
  label: string;
  visitors: number;
  /** Arrivals are spread evenly over this many seconds. */
  arrivalSeconds: number;
  agents: number;
  capacity: number;
  holdMs: { min: number; max: number };
  seed: number;
}

export interface RoutingRunResult extends Usage {
  scenario: RoutingScenario;
  round: number;
  figures: RoutingFigures;
  /** The measured interval: first start sent → every conversation settled. */
  seconds: number;
  setupSeconds: number;
  /**
   * Hub CPU per assignment, µs: all it did over the interval (starts with their first
   * message, resolves, broadcasts, queue positions) over the routing decisions made.
   */
  serverUsPerDecision: number;
  refused: Record<string, number>;
  overCapacity: number;
  unexpected: number;
  serverWarnings: Record<string, number>;
}

const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '-');

/** One figure of a row: of the one run, or the median over several. */
type Reduce = (pick: (r: RoutingRunResult) => number) => number;

const HEADER = [
  'round',
  'decisions',
  'start → agent p50 / p99 / max ms',
  'at once: n, p50 / p99 ms',
  'queued: n, in queue p50 / p99 ms',
  'freed → taken p50 / p99 ms',
  'drained',
  'done',
  'srv CPU',
  'µs CPU/decision',
  'srv loop run+wait',
  'gen CPU',
  'others',
];

function row(name: string, m: Reduce): string[] {
  const ms = (pick: (r: RoutingRunResult) => number) => fmtMs(m(pick));
  return [
    name,
    fmtInt(m((r) => r.figures.assigned)),
    `${ms((r) => r.figures.toAgent.p50)} / ${ms((r) => r.figures.toAgent.p99)} / ${ms((r) => r.figures.toAgent.max)}`,
    `${fmtInt(m((r) => r.figures.atOnce.count))}, ${ms((r) => r.figures.atOnce.p50)} / ${ms((r) => r.figures.atOnce.p99)}`,
    `${fmtInt(m((r) => r.figures.inQueue.count))}, ${ms((r) => r.figures.inQueue.p50)} / ${ms((r) => r.figures.inQueue.p99)}`,
    `${ms((r) => r.figures.freedToTaken.p50)} / ${ms((r) => r.figures.freedToTaken.p99)}`,
    seconds(m((r) => r.figures.drainedMs)),
    seconds(m((r) => r.figures.doneMs)),
    `${m((r) => r.serverCpuPct).toFixed(0)} %`,
    m((r) => r.serverUsPerDecision).toFixed(0),
    `${m((r) => r.serverLoopPct.run).toFixed(0)}+${m((r) => r.serverLoopPct.wait).toFixed(0)} %`,
    `${m((r) => r.generatorCpuPct).toFixed(0)} %`,
    `${(m(otherCores) * 100).toFixed(0)} %`,
  ];
}

export function routingReport(results: readonly RoutingRunResult[]): string {
  const rows = [
    HEADER,
    ...results.map((r) => row(`${r.round}.`, (pick) => pick(r))),
    ...(results.length > 1 ? [row('median', (pick) => median(results.map(pick)))] : []),
  ];

  const problems = results.flatMap((r) => {
    const f = r.figures;
    const notes: string[] = [];
    const refused = Object.entries(r.refused).map(([what, n]) => `${n}× ${what}`);
    if (refused.length) notes.push(`refused: ${refused.join(', ')}`);
    const unassigned = f.conversations - f.assigned;
    if (unassigned) notes.push(`${unassigned} conversations never assigned`);
    if (r.overCapacity) notes.push(`${r.overCapacity} assignments over an agent's capacity`);
    if (r.unexpected) notes.push(`${r.unexpected} assignments of unknown or repeated chats`);
    for (const [warning, n] of Object.entries(r.serverWarnings))
      notes.push(`logged ${n}× "${warning}"`);
    return notes.length ? [`  ! ${r.round}. routing: ${notes.join('; ')}`] : [];
  });

  const s = results[0]?.scenario;
  return [
    s ? `  Routing: ${s.label}.` : '  Routing: no runs.',
    table(rows),
    '',
    '  decisions: assignments the agents were told of. start → agent: the visitor sends',
    '  conversation:start → the assigned agent hears conversation:updated; at once: those the',
    '  hub assigned as it started them; in queue: start ack said queued → the agent hears;',
    '  freed → taken: of the queued, the resolve that made room sent → the agent hears of the',
    '  chat (what routing adds once capacity frees); drained: first start → last assignment;',
    '  done: → last resolve acked; µs CPU/decision: hub CPU over the run (starts, resolves,',
    '  broadcasts and queue positions included) per assignment.',
    ...(problems.length ? ['', ...problems] : []),
  ].join('\n');
}
