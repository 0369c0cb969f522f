/**
 * SLA timers across kill -9. The hub runs as its own process (tests/hub-process.ts) on
 * the real clock, which a child cannot have faked, so the targets are a few seconds long
 * and nothing here says when, only that it happens eventually. The due times are stored
 * on the conversations: one that fell due while the hub was down is recorded when it
 * comes back; the others fire by the restarted hub's own timer at their stored times,
 * and the queue keeps its order.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bootstrap } from '@switchboard/server/bootstrap';
import { DEFAULT_CONFIG } from '@switchboard/server/config';
import { openSqliteStore } from '@switchboard/server/store/sqlite';
import type { ConversationEvent } from '@switchboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../api.ts';
import {
  ADMIN,
  call,
  connectAgent,
  connectVisitor,
  createAgent,
  expectOk,
  signIn,
  tempDir,
} from '../harness.ts';
import { type HubProcess, spawnHub } from '../hub-process.ts';
import {
  agentList,
  type ChattingVisitor,
  chattingVisitor,
  nextPosition,
} from '../routing-peers.ts';

/** Longer than a restart takes on a quiet machine, short enough to wait for. */
const FRT_MS = 6000;

const running: HubProcess[] = [];
const sockets: { close(): unknown }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const hub of running.splice(0)) await hub.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const track = <T extends { socket: { close(): unknown } }>(peer: T): T => {
  sockets.push(peer.socket);
  return peer;
};

/**
 * A data directory where pre-sales answers within 6 s and post-sales within 1 s, with
 * a pre-sales agent who takes one chat at a time.
 */
async function seeded() {
  const dataDir = await tempDir();
  dirs.push(dataDir);
  const store = openSqliteStore({ filename: join(dataDir, 'switchboard.db') });
  await bootstrap(
    store,
    { ...DEFAULT_CONFIG, adminEmail: ADMIN.email, adminPassword: ADMIN.password },
    Date.now(),
  );
  const resolutionMs = 3_600_000;
  await store.directory.updateDepartment('pre_sales', {
    sla: { firstResponseMs: FRT_MS, resolutionMs },
  });
  await store.directory.updateDepartment('post_sales', {
    sla: { firstResponseMs: 1000, resolutionMs },
  });
  const hana = await createAgent({ store }, { name: 'Hana' });
  await store.agents.update(hana.id, { capacity: 1 });
  await store.close();
  return { dataDir, hana };
}

async function start(dataDir: string) {
  const hub = await spawnHub({
    DATA_DIR: dataDir,
    SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
  });
  running.push(hub);
  return hub;
}

/** Asks again every 100 ms until `check` stops throwing, for up to `timeoutMs`. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('SLA across kill -9', () => {
  it('records what fell due while down, fires the rest at the stored times, keeps the queue', async () => {
    const { dataDir, hana } = await seeded();
    const first = await start(dataDir);
    const queue: ChattingVisitor[] = [];
    for (let i = 0; i < 3; i++) queue.push(track(await chattingVisitor(first)));
    const fast = track(await chattingVisitor(first, 'post_sales'));
    await first.kill('SIGKILL');
    for (const v of [...queue, fast]) {
      expect(v.conversation.status).toBe('queued');
      expect(v.conversation.firstResponseDueAt).not.toBeNull();
    }

    const second = await start(dataDir);
    const admin = await signIn(second, ADMIN.email, ADMIN.password);
    const sla = async (id: string) =>
      (
        await api<{ events: ConversationEvent[] }>(second, 'GET', `/api/conversations/${id}`, {
          cookie: admin,
        })
      ).body.events.filter((e) => e.type === 'sla_warning' || e.type === 'sla_breached');

    // Post-sales fell due while the hub was down: its breach is recorded for the stored
    // due time as soon as the hub is back (a warning after its breach is skipped).
    const fastDue = fast.conversation.firstResponseDueAt ?? 0;
    expect((await sla(fast.conversation.id)).map((e) => [e.type, e.data])).toEqual([
      ['sla_breached', { target: 'first_response', dueAt: fastDue }],
    ]);

    // Pre-sales falls due after the restart, by the hub's own timer: nothing else happens
    // meanwhile. Each moment is its stored one and none is recorded early. (Had the
    // restart outlasted a moment, it is recorded on the way up instead, as above.)
    for (const v of queue) {
      const dueAt = v.conversation.firstResponseDueAt ?? 0;
      const events = await eventually(async () => {
        const found = await sla(v.conversation.id);
        expect(found.at(-1)).toMatchObject({
          type: 'sla_breached',
          data: { target: 'first_response', dueAt },
        });
        return found;
      });
      expect(events.length).toBeLessThanOrEqual(2);
      for (const e of events) {
        expect(e.data).toEqual({ target: 'first_response', dueAt });
        const moment = e.type === 'sla_warning' ? dueAt - 0.2 * FRT_MS : dueAt;
        expect(e.at).toBeGreaterThanOrEqual(moment);
      }
    }

    // The queue kept its order: Hana (one chat at a time) takes the first, the rest move
    // up. The order is when they queued, then (within one millisecond) their ids.
    const inLine = [...queue].sort(
      (a, b) =>
        (a.conversation.queuedAt ?? 0) - (b.conversation.queuedAt ?? 0) ||
        (a.conversation.id < b.conversation.id ? -1 : 1),
    );
    const rejoined = await Promise.all(
      inLine.map(async (v) => ({
        ...v,
        socket: track(await connectVisitor(second, { token: v.token })).socket,
      })),
    );
    const moved = [rejoined[1]!, rejoined[2]!].map((v, i) => nextPosition(v, i + 1));
    const hanaSocket = track(
      await connectAgent(second, await signIn(second, hana.email, hana.password)),
    ).socket;
    expectOk(await call(hanaSocket, 'agent:status', { status: 'online' }));
    await Promise.all(moved);
    const held = (await agentList(hanaSocket)).filter((c) => c.assigneeId === hana.id);
    expect(held.map((c) => c.id)).toEqual([inLine[0]!.conversation.id]);
  }, 60_000);
});
