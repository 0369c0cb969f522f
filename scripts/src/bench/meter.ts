/**
 * CPU and memory over the measured interval, from /proc (Linux): the server process
 * (all threads), its main thread (the event loop), the load generator (this process)
 * and the whole machine, where anything else is other people's work.
 *
 * A thread's schedstat also says how long it was runnable but waiting for a core: an
 * event loop that runs 80 % and waits 15 % of the time always had work, it was
 * saturated on a machine with too few free cores.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Probe } from './load.ts';

export interface Reading {
  /** Server process, all threads, in cores (1 = one core all the time). */
  serverCpu: number;
  /** Server main thread: on a core, and runnable but waiting for one. */
  serverLoopRun: number;
  serverLoopWait: number;
  generatorCpu: number;
  generatorLoopRun: number;
  generatorLoopWait: number;
  /** Whole machine, in cores busy. */
  machineBusy: number;
  cores: number;
  serverRssBytes: number;
  /** The interval in microseconds of CLOCK_MONOTONIC (as in V8's CPU profiles). */
  windowUs: [number, number];
}

export interface Meter extends Probe {
  reading(): Reading;
}

export function createMeter(serverPid: number): Meter {
  const cores = cpus().length;
  const take = () => ({
    wall: performance.now(),
    monoUs: Number(process.hrtime.bigint() / 1000n),
    server: processCpuSeconds(serverPid),
    serverLoop: schedstat(serverPid, serverPid),
    generator: process.cpuUsage(),
    generatorLoop: schedstat(process.pid, process.pid),
    machine: machineCpuTicks(),
  });
  let start: ReturnType<typeof take> | null = null;
  let result: Reading | null = null;
  return {
    begin() {
      start = take();
    },
    end() {
      if (!start) throw new Error('meter ended before it began');
      const end = take();
      const wall = (end.wall - start.wall) / 1000;
      const gen = process.cpuUsage(start.generator);
      const ticks = Math.max(1, end.machine.total - start.machine.total);
      result = {
        serverCpu: (end.server - start.server) / wall,
        serverLoopRun: (end.serverLoop.run - start.serverLoop.run) / wall,
        serverLoopWait: (end.serverLoop.wait - start.serverLoop.wait) / wall,
        generatorCpu: (gen.user + gen.system) / 1e6 / wall,
        generatorLoopRun: (end.generatorLoop.run - start.generatorLoop.run) / wall,
        generatorLoopWait: (end.generatorLoop.wait - start.generatorLoop.wait) / wall,
        machineBusy: ((end.machine.busy - start.machine.busy) / ticks) * cores,
        cores,
        serverRssBytes: processRssBytes(serverPid),
        windowUs: [start.monoUs, end.monoUs],
      };
    },
    reading() {
      if (!result) throw new Error('no reading: the measured interval did not end');
      return result;
    },
  };
}

let clockTicks: number | null = null;

function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      clockTicks = 100;
    }
    if (!Number.isFinite(clockTicks) || clockTicks <= 0) clockTicks = 100;
  }
  return clockTicks;
}

/** User + system CPU seconds a process (all its threads) has used so far. */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime) of proc(5); field 3 (state) is index 0 here.
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

/** Seconds one thread has spent on a core and runnable waiting for one. */
function schedstat(pid: number, tid: number): { run: number; wait: number } {
  const [run = 0, wait = 0] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
    .trim()
    .split(' ')
    .map(Number);
  return { run: run / 1e9, wait: wait / 1e9 };
}

function processRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Busy and total CPU time of the whole machine, in clock ticks (all cores). */
function machineCpuTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}
