/**
 * A hub killed with SIGKILL and started again on the same data directory keeps its
 * queue's order and its assignments, and an agent who reconnects within the grace
 * period keeps their chats. The hub runs as its own process (tests/hub-process.ts).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bootstrap } from '@switchboard/server/bootstrap';
import { DEFAULT_CONFIG } from '@switchboard/server/config';
import { openSqliteStore } from '@switchboard/server/store/sqlite';
import type { Conversation } from '@switchboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, call, connectAgent, createAgent, expectOk, signIn, tempDir } from '../harness.ts';
import { type HubProcess, spawnHub } from '../hub-process.ts';
import { agentList, type ChattingVisitor, chattingVisitor } from '../routing-peers.ts';

const running: HubProcess[] = [];
const sockets: { close(): unknown }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const hub of running.splice(0)) await hub.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A data directory with the seeded departments and two pre-sales agents. */
async function seeded() {
  const dataDir = await tempDir();
  dirs.push(dataDir);
  const store = openSqliteStore({ filename: join(dataDir, 'switchboard.db') });
  await bootstrap(store, { ...DEFAULT_CONFIG, ...adminOf() }, Date.now());
  const hana = await createAgent({ store }, { name: 'Hana' });
  const nina = await createAgent({ store }, { name: 'Nina' });
  await store.close();
  return { dataDir, hana, nina };
}

const adminOf = () => ({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });

async function start(dataDir: string) {
  const hub = await spawnHub({
    DATA_DIR: dataDir,
    SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
  });
  running.push(hub);
  return hub;
}

const statusOf = (list: Conversation[], id: string) => {
  const c = list.find((x) => x.id === id);
  return c && { status: c.status, assigneeId: c.assigneeId };
};

describe('routing across kill -9', () => {
  it('keeps the queue in order, assignments in place, and a returning agent’s chats', async () => {
    const { dataDir, hana, nina } = await seeded();
    const first = await start(dataDir);
    const cookie = await signIn(first, hana.email, hana.password);
    const before = await connectAgent(first, cookie);
    sockets.push(before.socket);
    expectOk(await call(before.socket, 'agent:status', { status: 'online' }));
    const held: ChattingVisitor[] = [];
    for (let i = 0; i < 5; i++) held.push(await chattingVisitor(first));
    const a = await chattingVisitor(first);
    const b = await chattingVisitor(first);
    for (const v of [...held, a, b]) sockets.push(v.socket);
    for (const v of held) expect(v.conversation.assigneeId).toBe(hana.id);
    expect([a.conversation.status, b.conversation.status]).toEqual(['queued', 'queued']);

    await first.kill('SIGKILL');
    const second = await start(dataDir);

    // Hana is back well within the grace period: still Online, still holding her five.
    const again = await connectAgent(second, cookie);
    sockets.push(again.socket);
    expect(again.hello.status).toBe('online');
    const list = await agentList(again.socket);
    for (const v of held) {
      expect(statusOf(list, v.conversation.id)).toEqual({
        status: 'assigned',
        assigneeId: hana.id,
      });
    }
    for (const v of [a, b]) {
      expect(statusOf(list, v.conversation.id)).toEqual({ status: 'queued', assigneeId: null });
    }

    // The first slot to free goes to A, who waited longest; the next agent online gets B.
    expectOk(
      await call(again.socket, 'conversation:resolve', {
        conversationId: held[0]!.conversation.id,
      }),
    );
    const afterResolve = await agentList(again.socket);
    expect(statusOf(afterResolve, a.conversation.id)).toEqual({
      status: 'assigned',
      assigneeId: hana.id,
    });
    expect(statusOf(afterResolve, b.conversation.id)?.status).toBe('queued');
    const ninaSocket = (await connectAgent(second, await signIn(second, nina.email, nina.password)))
      .socket;
    sockets.push(ninaSocket);
    expectOk(await call(ninaSocket, 'agent:status', { status: 'online' }));
    expect(statusOf(await agentList(ninaSocket), b.conversation.id)).toEqual({
      status: 'assigned',
      assigneeId: nina.id,
    });

    // The log agrees: nothing was requeued by the restart.
    await second.kill('SIGKILL');
    const store = openSqliteStore({ filename: join(dataDir, 'switchboard.db') });
    try {
      const types = async (v: ChattingVisitor) =>
        (await store.events.list(v.conversation.id)).map((e) => e.type);
      for (const v of held.slice(1)) expect(await types(v)).toEqual(['queued', 'assigned']);
      expect(await types(a)).toEqual(['queued', 'assigned']);
      expect(await types(b)).toEqual(['queued', 'assigned']);
    } finally {
      await store.close();
    }
  });
});
