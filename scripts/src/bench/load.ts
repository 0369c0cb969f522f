/**
 * The closed loop. Each pair keeps `window` messages in flight: a message is sent by
 * the visitor, and when the paired agent receives it (round trip = send → agent
 * receipt) the pair sends the next one, after an optional think time. Messages
 * received during the measured interval count toward msg/s and latency; warm-up
 * comes before it, a bounded drain after it.
 */
import { performance } from 'node:perf_hooks';
import { nanoid } from 'nanoid';
import type { Pair, Sink } from './peers.ts';
import { type LatencySummary, Samples, summarize } from './stats.ts';

export interface DriveOptions {
  /** Messages each pair keeps in flight. */
  window: number;
  /** Mean pause after a receipt before the next send (uniform 0.5–1.5×); 0 = none. */
  thinkMs: number;
  warmupMs: number;
  measureMs: number;
  /** How long to wait for in-flight messages once sending stops. */
  drainMs: number;
  body: string;
}

/** Called at the exact edges of the measured interval (CPU readings and the like). */
export interface Probe {
  begin(): void;
  end(): void;
}

export interface DriveResult {
  /** Messages received by agents within the measured interval. */
  delivered: number;
  seconds: number;
  msgPerSec: number;
  /** Round trip, send → agent receipt, in milliseconds. */
  latency: LatencySummary;
  /** Fewest messages any single pair delivered while measured (0 = a pair stalled). */
  minPerPair: number;
  /** Acks with ok: false, by error code. */
  refused: Record<string, number>;
  /** Receipts of messages not in flight (duplicates or strays). */
  unexpected: number;
  /** Still in flight when the drain gave up. */
  lost: number;
}

interface InFlight {
  sentAt: number;
  pair: number;
}

const MAX_SAMPLES = 4_000_000;

export interface Driver extends Sink {
  run(pairs: readonly Pair[], probe: Probe): Promise<DriveResult>;
}

export function createDriver(options: DriveOptions): Driver {
  const inFlight = new Map<string, InFlight>();
  const samples = new Samples(MAX_SAMPLES);
  const refused: Record<string, number> = {};
  let pairs: readonly Pair[] = [];
  let perPair = new Uint32Array(0);
  let sending = false;
  let measuring = false;
  let delivered = 0;
  let unexpected = 0;

  function send(pair: number): void {
    if (!sending) return;
    const clientId = nanoid();
    inFlight.set(clientId, { sentAt: performance.now(), pair });
    (pairs[pair] as Pair).send(clientId, options.body);
  }

  function next(pair: number): void {
    if (!sending) return;
    if (options.thinkMs > 0) setTimeout(send, options.thinkMs * (0.5 + Math.random()), pair);
    else send(pair);
  }

  return {
    received(clientId) {
      const entry = inFlight.get(clientId);
      if (!entry) {
        unexpected += 1;
        return;
      }
      inFlight.delete(clientId);
      if (measuring) {
        delivered += 1;
        perPair[entry.pair] = (perPair[entry.pair] ?? 0) + 1;
        samples.add(performance.now() - entry.sentAt);
      }
      next(entry.pair);
    },

    refused(clientId, code) {
      refused[code] = (refused[code] ?? 0) + 1;
      const entry = inFlight.get(clientId);
      if (!entry) return;
      inFlight.delete(clientId);
      next(entry.pair);
    },

    async run(all, probe) {
      pairs = all;
      perPair = new Uint32Array(all.length);
      sending = true;
      for (let p = 0; p < all.length; p++) {
        for (let w = 0; w < options.window; w++) {
          // With think time, spread the first sends so pairs do not march in step.
          if (options.thinkMs > 0) setTimeout(send, Math.random() * options.thinkMs, p);
          else send(p);
        }
      }

      await sleep(options.warmupMs);
      probe.begin();
      measuring = true;
      const start = performance.now();
      await sleep(options.measureMs);
      measuring = false;
      const seconds = (performance.now() - start) / 1000;
      probe.end();
      sending = false;

      const drainUntil = performance.now() + options.drainMs;
      while (inFlight.size > 0 && performance.now() < drainUntil) await sleep(20);

      return {
        delivered,
        seconds,
        msgPerSec: delivered / seconds,
        latency: summarize(samples),
        minPerPair: all.length ? Math.min(...perPair) : 0,
        refused,
        unexpected,
        lost: inFlight.size,
      };
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
