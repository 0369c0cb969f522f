/**
 * `pnpm bench`: the hub against a bare Socket.IO relay, same machine, same run.
 *
 * For each scenario the bare relay and then the hub run, each in its own child
 * process, fresh; this process is the load generator: N visitor sockets, each paired
 * with an agent socket, in a closed loop (see load.ts). It prints msg/s and p50/p99
 * round trip (visitor send → agent receipt) for both, the ratios, whether the targets
 * are met, and the CPU of server, generator and machine over the measured interval.
 * The routing scenario runs the hub alone (a relay does no routing): visitors arrive
 * at a steady rate across three departments and are assigned to agents of limited
 * capacity, who resolve each chat after a while (routing.ts).
 *
 * Settings: --name=value or BENCH_NAME (e.g. --seconds=5, BENCH_HEAVY_WINDOW=4):
 *   seconds (6) measured per run, warmup (2), light-pairs (100), light-think-ms (100),
 *   heavy-pairs (1000), heavy-window (2), agents (100; 0 = one per pair), rounds (3),
 *   only (light|heavy|routing), profile (0|1: node --cpu-prof on each server, summarized),
 *   floor (1|0: in the heavy scenario, also run the floor relay, see bare-relay.ts);
 *   routing: routing-visitors (1000) arriving over routing-seconds (10), routing-agents
 *   (30, dealt over the departments) of routing-capacity (5), each chat held
 *   routing-hold-min-ms (500) to routing-hold-max-ms (3000), routing-seed (1),
 *   routing-limit (60: seconds from the first arrival until every chat must be resolved).
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDriver } from './load.ts';
import { createMeter, type Reading } from './meter.ts';
import { connectBarePeers, connectHubPeers, type Peers, type Sink } from './peers.ts';
import { formatProfile, summarizeProfile } from './profile.ts';
import {
  fmtInt,
  fmtMs,
  type RunResult,
  report,
  type Scenario,
  type ServerKind,
  TARGETS,
  type Usage,
} from './report.ts';
import {
  connectRoutingPeers,
  ROUTING_DEPARTMENTS,
  type RoutingPeers,
  RoutingTimeout,
} from './routing.ts';
import { planArrivals, summarizeTraces } from './routing-plan.ts';
import { type RoutingRunResult, type RoutingScenario, routingReport } from './routing-report.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, seedHub } from './seed.ts';
import { killAllChildren, type ServerChild, startServer } from './servers.ts';

interface Settings {
  seconds: number;
  warmup: number;
  lightPairs: number;
  lightThinkMs: number;
  heavyPairs: number;
  heavyWindow: number;
  agents: number;
  rounds: number;
  only: string;
  profile: boolean;
  floor: boolean;
  routing: {
    visitors: number;
    seconds: number;
    agents: number;
    capacity: number;
    holdMs: { min: number; max: number };
    seed: number;
    limitSeconds: number;
  };
}

const LIMIT_SECONDS = 600;

function readSettings(argv: readonly string[], env: NodeJS.ProcessEnv): Settings {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (m?.[1] !== undefined && m[2] !== undefined) flags.set(m[1], m[2]);
    else if (arg !== '--') throw new Error(`unknown argument ${arg} (use --name=value)`);
  }
  const raw = (name: string) =>
    flags.get(name) ?? env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`];
  const num = (name: string, fallback: number, min: number, max: number) => {
    const value = raw(name);
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new Error(`${name} must be a number from ${min} to ${max}, not "${value}"`);
    }
    return n;
  };
  const only = raw('only') ?? '';
  if (only !== '' && only !== 'light' && only !== 'heavy' && only !== 'routing') {
    throw new Error('only must be light, heavy or routing');
  }
  const holdMin = num('routing-hold-min-ms', 500, 0, 60_000);
  return {
    seconds: num('seconds', 6, 1, 60),
    warmup: num('warmup', 2, 0, 30),
    lightPairs: Math.round(num('light-pairs', 100, 1, 2000)),
    lightThinkMs: num('light-think-ms', 100, 0, 10_000),
    heavyPairs: Math.round(num('heavy-pairs', 1000, 1, 2000)),
    heavyWindow: Math.round(num('heavy-window', 2, 1, 64)),
    agents: Math.round(num('agents', 100, 0, 2000)),
    rounds: Math.round(num('rounds', 3, 1, 5)),
    only,
    profile: num('profile', 0, 0, 1) === 1,
    floor: num('floor', 1, 0, 1) === 1,
    routing: {
      visitors: Math.round(num('routing-visitors', 1000, 1, 5000)),
      seconds: num('routing-seconds', 10, 1, 60),
      agents: Math.round(num('routing-agents', 30, 1, 300)),
      capacity: Math.round(num('routing-capacity', 5, 1, 100)),
      holdMs: { min: holdMin, max: num('routing-hold-max-ms', 3000, holdMin, 60_000) },
      seed: Math.round(num('routing-seed', 1, 0, 2 ** 32 - 1)),
      limitSeconds: num('routing-limit', 60, 5, 300),
    },
  };
}

function label(pairs: number, agents: number, window: number, thinkMs: number): string {
  const shared = agents < pairs ? ` (${agents} agents)` : '';
  return `${pairs} pairs${shared}, W=${window}${thinkMs ? `, think ${thinkMs} ms` : ''}`;
}

function scenarios(s: Settings): Scenario[] {
  const agentsFor = (pairs: number) => (s.agents > 0 ? Math.min(s.agents, pairs) : pairs);
  const all: Scenario[] = [
    {
      id: 'light',
      label: label(s.lightPairs, agentsFor(s.lightPairs), 1, s.lightThinkMs),
      pairs: s.lightPairs,
      agents: agentsFor(s.lightPairs),
      window: 1,
      thinkMs: s.lightThinkMs,
    },
    {
      id: 'heavy',
      label: label(s.heavyPairs, agentsFor(s.heavyPairs), s.heavyWindow, 0),
      pairs: s.heavyPairs,
      agents: agentsFor(s.heavyPairs),
      window: s.heavyWindow,
      thinkMs: 0,
    },
  ];
  return all.filter((sc) => s.only === '' || sc.id === s.only);
}

function routingScenario(s: Settings): RoutingScenario | null {
  if (s.only !== '' && s.only !== 'routing') return null;
  const r = s.routing;
  const departments = ROUTING_DEPARTMENTS.length;
  return {
    label:
      `${r.visitors.toLocaleString('en-US')} visitors over ${r.seconds} s across ${departments} ` +
      `departments, ${r.agents} agents of capacity ${r.capacity}, ` +
      `chats held ${r.holdMs.min / 1000}–${r.holdMs.max / 1000} s`,
    visitors: r.visitors,
    arrivalSeconds: r.seconds,
    agents: r.agents,
    capacity: r.capacity,
    holdMs: r.holdMs,
    seed: r.seed,
  };
}

/**
 * The floor runs where the throughput target is judged (heavy): it shows what the
 * durable write alone costs against the bare relay, on the same machine, same run.
 */
function kindsFor(scenario: Scenario, settings: Settings): ServerKind[] {
  return scenario.id === 'heavy' && settings.floor ? ['bare', 'floor', 'hub'] : ['bare', 'hub'];
}

/** A 200-character message body, mixed case and punctuation like a chat line. */
const BODY =
  'Hello, I would like to know whether the Spruce 3 ships to Lyon before Friday, and if the 2-year warranty covers the battery. '
    .repeat(2)
    .slice(0, 200);

const tempDirs = new Set<string>();

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

async function startTarget(
  kind: ServerKind,
  scenario: Scenario,
  settings: Settings,
): Promise<{
  server: ServerChild;
  connect: (sink: Sink) => Promise<Peers>;
  profDir?: string;
  dataDir?: string;
}> {
  const profDir = settings.profile ? await tempDir('switchboard-bench-prof-') : undefined;
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  if (kind !== 'hub') {
    // The floor is the bare relay committing each message as the hub does.
    const dataDir = kind === 'floor' ? await tempDir('switchboard-bench-floor-') : undefined;
    const server = await startServer({
      name: `${kind} relay`,
      script: 'scripts/src/bench/bare-relay.ts',
      env: { PORT: '0', HOST: '127.0.0.1', ...(dataDir ? { DURABLE_DIR: dataDir } : {}) },
      nodeArgs,
      ready: /(?:bare|floor) relay listening on (http:\/\/\S+)/,
    });
    return {
      server,
      profDir,
      dataDir,
      connect: (sink) => connectBarePeers(server.url, scenario.agents, scenario.pairs, sink),
    };
  }
  const dataDir = await tempDir('switchboard-bench-data-');
  // Each agent takes the pairs the bench gives them: capacity is not what it measures.
  const seeded = await seedHub(
    dataDir,
    scenario.agents,
    Math.ceil(scenario.pairs / scenario.agents),
  );
  const server = await startHub(dataDir, nodeArgs);
  return {
    server,
    profDir,
    dataDir,
    connect: (sink) => connectHubPeers(server.url, seeded, scenario.pairs, sink),
  };
}

/** The hub on a data directory seedHub prepared, as `pnpm start` runs it. */
function startHub(dataDir: string, nodeArgs: string[]): Promise<ServerChild> {
  return startServer({
    name: 'hub',
    script: 'server/src/main.ts',
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // The defaults (10 msg/s per visitor, 100 events/s per address) are for people;
      // the bench sends faster, every peer from 127.0.0.1.
      RATE_LIMIT_PER_SEC: '100000',
      ADDRESS_LIMIT_PER_SEC: '100000',
      NEW_VISITORS_PER_SEC: '100000',
      SWITCHBOARD_ADMIN_EMAIL: ADMIN_EMAIL,
      SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
    nodeArgs,
    ready: /Demo site:\s+(http:\/\/[^\s/]+)/,
  });
}

function usage(m: Reading): Usage {
  return {
    serverCpuPct: m.serverCpu * 100,
    serverLoopPct: { run: m.serverLoopRun * 100, wait: m.serverLoopWait * 100 },
    serverRssMb: m.serverRssBytes / 2 ** 20,
    generatorCpuPct: m.generatorCpu * 100,
    generatorLoopPct: { run: m.generatorLoopRun * 100, wait: m.generatorLoopWait * 100 },
    machineBusyCores: m.machineBusy,
    cores: m.cores,
  };
}

async function runOnce(
  kind: ServerKind,
  scenario: Scenario,
  settings: Settings,
  round: number,
): Promise<RunResult> {
  const setupStart = performance.now();
  const { server, connect, profDir, dataDir } = await startTarget(kind, scenario, settings);
  let peers: Peers | null = null;
  try {
    const driver = createDriver({
      window: scenario.window,
      thinkMs: scenario.thinkMs,
      warmupMs: settings.warmup * 1000,
      measureMs: settings.seconds * 1000,
      drainMs: 5000,
      body: BODY,
    });
    peers = await connect(driver);
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const meter = createMeter(server.pid);
    const drive = await driver.run(peers.pairs, meter);
    const m = meter.reading();
    const result: RunResult = {
      ...usage(m),
      kind,
      scenario,
      round,
      drive,
      setupSeconds,
      serverUsPerMsg: drive.delivered ? (m.serverCpu * drive.seconds * 1e6) / drive.delivered : 0,
      serverWarnings: {},
    };
    peers.close();
    peers = null;
    await server.stop();
    // Counted after the stop, so lines still in the pipe are in.
    result.serverWarnings = Object.fromEntries(server.warnings());
    if (profDir) printProfile(profDir, m.windowUs, `${kind}, ${scenario.label}`);
    return result;
  } finally {
    peers?.close();
    await server.stop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      tempDirs.delete(dataDir);
    }
  }
}

/**
 * One routing run on a fresh hub: agents dealt over the three departments, visitors
 * connected up front; measured from the first arrival until every chat is resolved.
 */
async function runRouting(
  scenario: RoutingScenario,
  settings: Settings,
  round: number,
): Promise<RoutingRunResult> {
  const setupStart = performance.now();
  const profDir = settings.profile ? await tempDir('switchboard-bench-prof-') : undefined;
  const dataDir = await tempDir('switchboard-bench-routing-');
  let peers: RoutingPeers | null = null;
  let server: ServerChild | null = null;
  try {
    const seeded = await seedHub(dataDir, scenario.agents, scenario.capacity, ROUTING_DEPARTMENTS);
    server = await startHub(dataDir, profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
    const plan = planArrivals({
      visitors: scenario.visitors,
      overMs: scenario.arrivalSeconds * 1000,
      departments: ROUTING_DEPARTMENTS,
      holdMs: scenario.holdMs,
      seed: scenario.seed,
    });
    peers = await connectRoutingPeers(server.url, seeded, scenario.capacity, plan);
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const meter = createMeter(server.pid);
    const drive = await peers.run(meter, settings.routing.limitSeconds * 1000);
    const m = meter.reading();
    const figures = summarizeTraces(drive.traces);
    const result: RoutingRunResult = {
      ...usage(m),
      scenario,
      round,
      figures,
      seconds: drive.seconds,
      setupSeconds,
      serverUsPerDecision: figures.assigned
        ? (m.serverCpu * drive.seconds * 1e6) / figures.assigned
        : 0,
      refused: drive.refused,
      overCapacity: drive.overCapacity,
      unexpected: drive.unexpected,
      serverWarnings: {},
    };
    peers.close();
    peers = null;
    await server.stop();
    result.serverWarnings = Object.fromEntries(server.warnings());
    if (profDir) printProfile(profDir, m.windowUs, `hub, routing`);
    return result;
  } finally {
    peers?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    tempDirs.delete(dataDir);
  }
}

function printProfile(dir: string, windowUs: [number, number], what: string): void {
  // One profile per thread; the main thread's is written first (…001.cpuprofile).
  const file = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .sort()[0]
    : undefined;
  if (!file) {
    console.log(`  (no CPU profile was written in ${dir})`);
    return;
  }
  console.log(`\n  CPU profile of the ${what} server's main thread (${join(dir, file)}):`);
  console.log(formatProfile(summarizeProfile(join(dir, file), windowUs)));
  tempDirs.delete(dir); // keep it for DevTools
}

function line(r: RunResult): string {
  const d = r.drive;
  return (
    `  ${r.kind.padEnd(5)} ${r.scenario.label}: ${Math.round(d.msgPerSec).toLocaleString('en-US')} msg/s, ` +
    `p50 ${d.latency.p50.toFixed(2)} ms, p99 ${d.latency.p99.toFixed(2)} ms, ` +
    `server ${r.serverCpuPct.toFixed(0)} % CPU, generator ${r.generatorCpuPct.toFixed(0)} % CPU`
  );
}

function routingLine(r: RoutingRunResult): string {
  const f = r.figures;
  return (
    `  hub   routing: ${fmtInt(f.assigned)} decisions, start → agent p50 ${fmtMs(f.toAgent.p50)} ms, ` +
    `p99 ${fmtMs(f.toAgent.p99)} ms, drained in ${(f.drainedMs / 1000).toFixed(1)} s, ` +
    `server ${r.serverCpuPct.toFixed(0)} % CPU, ${r.serverUsPerDecision.toFixed(0)} µs CPU/decision`
  );
}

async function main(): Promise<number> {
  const settings = readSettings(process.argv.slice(2), process.env);
  const list = scenarios(settings);
  const routing = routingScenario(settings);
  const agents =
    settings.agents > 0
      ? `min(${settings.agents}, pairs); with more pairs than agents, each agent holds several chats`
      : 'one per pair';
  const offered = Math.round(
    (settings.lightPairs * 1000) / Math.max(1, settings.lightThinkMs),
  ).toLocaleString('en-US');
  const relayLines = [
    '  bare: socket.io 4.8 server, websocket, no compression; per message: receive',
    '        message:send → emit message:new to the partner socket → ack {ok:true}.',
    '  floor: the bare relay that first commits each message as the hub does (same',
    '        pragmas, group commit, checkpoint worker; UNIQUE (conversation, seq) and',
    '        (conversation, clientId)), seq counted in memory: no hub can beat it.',
    '  hub:  server/src/main.ts on a fresh SQLite dir (WAL, synchronous=NORMAL); per',
    '        message: schema check, rate limit, then a group-commit transaction',
    '        (conversation read and check, INSERT taking the next seq); then emit',
    '        message:new to the staff room and other tabs of the visitor; ack {ok, message}.',
    '        Every acked message is committed to disk.',
    '  load: this process; each pair = visitor socket + agent socket; closed loop, W',
    '        messages in flight per pair; round trip = visitor send → agent receipt;',
    `        ${BODY.length}-char body; ${settings.warmup} s warm-up, ${settings.seconds} s measured per run.`,
    settings.lightThinkMs > 0
      ? `  light: W=1 and a pause of ${settings.lightThinkMs} ms on average after each receipt (≈${offered} msg/s\n` +
        '        offered), so latency is measured below saturation; heavy: no pause, to saturate.'
      : '  light and heavy: no pause between messages (both saturate the server).',
    `  agents: ${agents}`,
    "        (hub: department 'pre_sales', sessions seeded, no logins; bare: the same pairing).",
    `  targets: ${settings.heavyPairs}-pair msg/s ≥ ${TARGETS.throughputRatio}× bare; ${settings.lightPairs}-pair p99 ≤ ${TARGETS.p99Ratio}× bare.`,
  ];
  const routingLines = [
    '  routing: the hub alone, fresh; agents online in their department (seeded sessions);',
    '        visitors connected first, then each starts a conversation with its first message',
    '        at a steady rate, in a department drawn at random (seeded); each agent resolves',
    '        a chat a random hold after it is told of it; measured from the first arrival',
    `        until every chat is resolved (at most ${settings.routing.limitSeconds} s, else the bench fails).`,
  ];
  console.log(
    [
      '',
      list.length
        ? 'Switchboard bench: the hub vs a bare Socket.IO relay, loopback, one machine.'
        : "Switchboard bench: the hub's routing, loopback, one machine.",
      ...(list.length ? relayLines : []),
      ...(routing ? routingLines : []),
      '',
    ].join('\n'),
  );

  const results: RunResult[] = [];
  const routingResults: RoutingRunResult[] = [];
  const routingFailures: string[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    for (const scenario of list) {
      for (const kind of kindsFor(scenario, settings)) {
        const result = await runOnce(kind, scenario, settings, round + 1);
        results.push(result);
        console.log(`  [${round + 1}/${settings.rounds}]${line(result)}`);
      }
    }
    if (routing) {
      try {
        const result = await runRouting(routing, settings, round + 1);
        routingResults.push(result);
        console.log(`  [${round + 1}/${settings.rounds}]${routingLine(result)}`);
      } catch (error) {
        // A hub too slow to route the load is a result: the other runs still report.
        if (!(error instanceof RoutingTimeout)) throw error;
        routingFailures.push(`${round + 1}. routing FAILED: ${error.message}`);
        console.log(`  [${round + 1}/${settings.rounds}]  hub   routing FAILED: ${error.message}`);
      }
    }
  }

  const { text, verdict } = report(results);
  const medians = settings.rounds > 1 ? `, medians of ${settings.rounds} rounds` : '';
  if (results.length) console.log(`\n  Hub vs bare${medians}:\n${text}\n`);
  if (routingResults.length) console.log(`\n${routingReport(routingResults)}\n`);
  for (const failure of routingFailures) console.log(`  ! ${failure}`);
  const file = join(
    tmpdir(),
    `switchboard-bench-${new Date().toISOString().replaceAll(':', '-')}.json`,
  );
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, settings, verdict, results, routing: routingResults, routingFailures }, null, 2)}\n`,
  );
  console.log(`  results as JSON: ${file}`);
  return routingFailures.length ? 1 : 0;
}

process.on('exit', () => {
  killAllChildren();
  removeTempDirs();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping`);
    process.exit(130);
  });
}
setTimeout(() => {
  console.error(`bench: still running after ${LIMIT_SECONDS} s, giving up`);
  process.exit(2);
}, LIMIT_SECONDS * 1000).unref();

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
