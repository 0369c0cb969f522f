import { rm } from 'node:fs/promises';
import type { Message } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectVisitor, expectOk, nanoid, startConversation, tempDir } from '../harness.ts';
import { type HubProcess, spawnHub } from '../hub-process.ts';

const TOKEN = 'metrics-token-0123456789';
let hub: HubProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDir();
  // The hub as `pnpm start` runs it: main.ts also wires the store's commits in.
  hub = await spawnHub({ DATA_DIR: dataDir, METRICS_TOKEN: TOKEN });
});
afterAll(async () => {
  await hub?.kill('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
});

const scrape = (authorization?: string) =>
  fetch(`${hub.url}/metrics`, authorization ? { headers: { authorization } } : {});

/** The value of one sample line, e.g. `switchboard_sockets{kind="visitor"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('refuses a caller without the token, or with another one', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', TOKEN]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('exposes sockets, messages, acks, queues, SLA, commits, event loop and WAL', async () => {
    const visitor = await connectVisitor(hub);
    const conversation = await startConversation(visitor.socket, 'technical');
    for (const body of ['一', 'two', '三']) {
      expectOk(
        await call<{ message: Message }>(visitor.socket, 'message:send', {
          conversationId: conversation.id,
          clientId: nanoid(),
          body,
        }),
      );
    }

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const name of [
      'switchboard_sockets',
      'switchboard_messages_total',
      'switchboard_ack_seconds',
      'switchboard_queue_length',
      'switchboard_queue_longest_wait_seconds',
      'switchboard_sla_breaches_total',
      'switchboard_commit_seconds',
      'switchboard_commit_writes',
      'switchboard_sqlite_wal_bytes',
      'nodejs_eventloop_lag_seconds',
      'process_cpu_seconds_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, 'switchboard_sockets{kind="visitor"}')).toBe(1);
    expect(sample(text, 'switchboard_sockets{kind="agent"}')).toBe(0);
    // The first message came with the start; three more were sent.
    expect(sample(text, 'switchboard_messages_total{author="visitor",kind="text"}')).toBe(4);
    expect(sample(text, 'switchboard_ack_seconds_count{event="message:send",outcome="ok"}')).toBe(
      3,
    );
    // Nobody is online in technical support: the conversation waits there.
    expect(sample(text, 'switchboard_queue_length{department="technical"}')).toBe(1);
    expect(
      sample(text, 'switchboard_queue_longest_wait_seconds{department="technical"}'),
    ).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'switchboard_commit_seconds_count')).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'switchboard_sqlite_wal_bytes')).toBeGreaterThan(0);
    visitor.socket.close();
  });
});

describe('GET /readyz', () => {
  it('says ready while the database takes writes', async () => {
    const response = await fetch(`${hub.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
