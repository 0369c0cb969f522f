/**
 * What GET /metrics serves, in the Prometheus text format (prom-client: the client
 * Prometheus' own docs list for Node, with the process and event-loop series built in).
 *
 * Counters and histograms are fed as things happen (a message stored, an ack sent, a
 * group commit); gauges are read when Prometheus scrapes (sockets, queues, WAL size),
 * so nothing is kept up to date between scrapes. The registry is the hub's own, not
 * prom-client's global one: tests run many hubs in one process.
 */
import { statSync } from 'node:fs';
import type { QueueStats } from '@switchboard/shared';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricSources {
  /** Connected sockets per namespace now. */
  sockets(): { visitor: number; agent: number };
  /** Every department's queue now. */
  queues(): Promise<QueueStats[]>;
  /** The SQLite file whose -wal file's size is reported. */
  databaseFile: string;
}

export interface HubMetrics {
  readonly registry: Registry;
  /** A message stored and delivered (not a retry's duplicate). */
  messageStored(author: 'visitor' | 'agent', kind: 'text' | 'note'): void;
  /** An event answered, `seconds` after it arrived. */
  answered(event: string, ok: boolean, seconds: number): void;
  /** An SLA target missed. */
  slaBreached(department: string, target: 'first_response' | 'resolution'): void;
  /** A group commit of `writes` writes took `seconds`. */
  committed(writes: number, seconds: number): void;
  /** Where the scrape-time gauges read from; set once the hub is wired. */
  observe(sources: MetricSources): void;
}

/** From a millisecond to ten seconds: acks and commits on a busy hub. */
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

export function createMetrics(): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let sources: MetricSources | null = null;

  const messages = new Counter({
    name: 'switchboard_messages_total',
    help: 'Messages stored, by author and kind (rate() gives messages per second)',
    labelNames: ['author', 'kind'] as const,
    registers: [registry],
  });
  const acks = new Histogram({
    name: 'switchboard_ack_seconds',
    help: 'Time from a socket event arriving to its ack going out, by event and outcome',
    labelNames: ['event', 'outcome'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const breaches = new Counter({
    name: 'switchboard_sla_breaches_total',
    help: 'SLA targets missed, by department and target',
    labelNames: ['department', 'target'] as const,
    registers: [registry],
  });
  const commits = new Histogram({
    name: 'switchboard_commit_seconds',
    help: 'Time each group commit of the write queue takes',
    buckets: SECONDS,
    registers: [registry],
  });
  const batches = new Histogram({
    name: 'switchboard_commit_writes',
    help: 'Writes waiting in the write queue that each group commit takes at once',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
    registers: [registry],
  });
  new Gauge({
    name: 'switchboard_sockets',
    help: 'Connected sockets, visitors and agents',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      if (!sources) return;
      const now = sources.sockets();
      this.set({ kind: 'visitor' }, now.visitor);
      this.set({ kind: 'agent' }, now.agent);
    },
  });
  new Gauge({
    name: 'switchboard_queue_length',
    help: 'Conversations waiting for an agent, by department',
    labelNames: ['department'] as const,
    registers: [registry],
    async collect() {
      if (!sources) return;
      this.reset();
      for (const q of await sources.queues()) this.set({ department: q.department }, q.length);
    },
  });
  new Gauge({
    name: 'switchboard_queue_longest_wait_seconds',
    help: 'How long the longest-waiting conversation has waited, by department',
    labelNames: ['department'] as const,
    registers: [registry],
    async collect() {
      if (!sources) return;
      this.reset();
      for (const q of await sources.queues()) {
        this.set({ department: q.department }, (q.longestWaitMs ?? 0) / 1000);
      }
    },
  });
  new Gauge({
    name: 'switchboard_sqlite_wal_bytes',
    help: 'Size of the SQLite write-ahead log; the checkpointer keeps it bounded',
    registers: [registry],
    collect() {
      if (!sources) return;
      try {
        this.set(statSync(`${sources.databaseFile}-wal`).size);
      } catch {
        this.set(0);
      }
    },
  });

  return {
    registry,
    messageStored: (author, kind) => messages.inc({ author, kind }),
    answered: (event, ok, seconds) =>
      acks.observe({ event, outcome: ok ? 'ok' : 'refused' }, seconds),
    slaBreached: (department, target) => breaches.inc({ department, target }),
    committed(writes, seconds) {
      batches.observe(writes);
      commits.observe(seconds);
    },
    observe(next) {
      sources = next;
    },
  };
}
