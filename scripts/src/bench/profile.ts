/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof) by self time: per source area
 * (package or hub file) and per function. Restricted to a time window given in
 * microseconds of CLOCK_MONOTONIC, the clock both V8's profiler and
 * process.hrtime() use, so the bench can cut out startup and connection setup.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled milliseconds inside the window (idle excluded). */
  busyMs: number;
  /** Whether the window matched samples (false: the whole profile was used). */
  windowed: boolean;
  areas: { name: string; ms: number }[];
  functions: { name: string; ms: number }[];
}

/** `socket.io` for …/node_modules/.pnpm/socket.io@4.8.4/node_modules/socket.io/…, etc. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const hub = /\/(server|shared)\/src\/(.+)$/.exec(url);
  if (hub) return `${hub[1]}/src/${hub[2]}`;
  if (url.startsWith('node:')) return 'node (built-in modules)';
  return url.replace(/^file:\/\//, '');
}

function where(url: string): string {
  const short = url.replace(/^.*node_modules\/(?!.*node_modules\/)/, '').replace(/^.*\/src\//, '');
  return short.replace(/^file:\/\//, '');
}

export function summarizeProfile(
  file: string,
  windowUs: [number, number] | null,
  top = 15,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  /** Anonymous functions are named after their nearest named caller. */
  const nameOf = (id: number): string => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return '(unknown)';
    if (frame.functionName) return frame.functionName;
    for (let p = parentOf.get(id), hops = 0; p !== undefined && hops < 8; hops++) {
      const caller = byId.get(p)?.callFrame.functionName;
      if (caller) return `(anonymous in ${caller})`;
      p = parentOf.get(p);
    }
    return '(anonymous)';
  };
  const self = new Map<number, number>();
  let t = profile.startTime;
  let inWindow = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (windowUs && (t < windowUs[0] || t > windowUs[1])) continue;
    inWindow += 1;
    const id = profile.samples[i] as number;
    // A sample's delta is the time until the next sample: attribute it to this node.
    const delta = profile.timeDeltas[i + 1] ?? 0;
    self.set(id, (self.get(id) ?? 0) + delta);
  }
  if (windowUs && inWindow === 0) return summarizeProfile(file, null, top);

  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += us;
    const area = areaOf(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const name = frame.url
      ? `${nameOf(id)}  ${where(frame.url)}`
      : frame.functionName || '(native)';
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000 }));
  return {
    busyMs: busy / 1000,
    windowed: windowUs !== null,
    areas: ranked(areas),
    functions: ranked(functions),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const pct = (ms: number) => `${((100 * ms) / summary.busyMs).toFixed(1).padStart(5)} %`;
  const lines = [
    `  busy ${summary.busyMs.toFixed(0)} ms sampled${summary.windowed ? ' in the measured interval' : ' (whole run)'}`,
    '  self time by area:',
    ...summary.areas.map((a) => `    ${pct(a.ms)}  ${a.name}`),
    '  self time by function:',
    ...summary.functions.map((f) => `    ${pct(f.ms)}  ${f.name}`),
  ];
  return lines.join('\n');
}
