import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import type { Message } from '@switchboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  connectVisitor,
  expectOk,
  nanoid,
  startConversation,
  startHub,
  syncAll,
  tempDir,
} from '../harness.ts';
import { type HubProcess, spawnHub } from '../hub-process.ts';

const running: HubProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const hub of running.splice(0)) await hub.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/**
 * Streams messages from one visitor (20 in flight), stops the hub with `stop` once 300
 * are acked, then reads the conversation from a second hub on the same data directory
 * and checks that every acked message is there, with dense seqs and no duplicate.
 */
async function ackedSurvive(stop: (hub: HubProcess) => Promise<void>): Promise<HubProcess> {
  const dataDir = await tempDir();
  dirs.push(dataDir);
  const env = {
    DATA_DIR: dataDir,
    SWITCHBOARD_ADMIN_PASSWORD: 'restart-password',
    RATE_LIMIT_PER_SEC: '100000',
  };
  const first = await spawnHub(env);
  running.push(first);
  const visitor = await connectVisitor(first);
  const conversation = await startConversation(visitor.socket, 'technical');

  const acked: Message[] = [];
  let sending = true;
  const senders = Array.from({ length: 20 }, async (_, lane) => {
    for (let i = 0; sending && i < 10_000; i++) {
      const ack = await call<{ message: Message }>(visitor.socket, 'message:send', {
        conversationId: conversation.id,
        clientId: nanoid(),
        body: `lane ${lane} message ${i} 数据不丢`,
      }).catch(() => null);
      if (!ack?.ok) return;
      acked.push(ack.message);
    }
  });
  while (acked.length < 300) await new Promise((r) => setTimeout(r, 10));
  await stop(first);
  sending = false;
  await Promise.all(senders);
  visitor.socket.close();
  expect(acked.length).toBeGreaterThanOrEqual(300);

  const second = await spawnHub(env);
  running.push(second);
  const stored = await syncAll(second, visitor.token, conversation.id);
  const bySeq = new Map(stored.map((m) => [m.seq, m]));
  for (const m of acked) expect(bySeq.get(m.seq)).toEqual(m);
  // seq stays dense: no gaps, no duplicates, whatever was in flight.
  expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
  expect(new Set(stored.map((m) => m.clientId)).size).toBe(stored.length);
  return first;
}

describe('durability', () => {
  it('keeps every acknowledged message across kill -9', async () => {
    await ackedSurvive(async (hub) => {
      await hub.kill('SIGKILL');
    });
  });

  it('stops cleanly on SIGTERM under load: exit 0, says so, every ack on disk', async () => {
    const stopped = await ackedSurvive(async (hub) => {
      expect(await hub.kill('SIGTERM')).toBe(0);
    });
    expect(stopped.output()).toContain('Switchboard stopped.');
  });

  it('takes the doubled SIGINT of one Ctrl-C under pnpm as one: still a clean stop', async () => {
    await ackedSurvive(async (hub) => {
      const exited = once(hub.child, 'exit');
      hub.child.kill('SIGINT');
      hub.child.kill('SIGINT');
      const [code] = await exited;
      expect(code).toBe(0);
      expect(hub.output()).toContain('Switchboard stopped.');
    });
  });

  it('keeps everything across a graceful restart on the same data directory', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const hub = await startHub({ dataDir });
    const v = await connectVisitor(hub);
    const conversation = await startConversation(v.socket);
    const sent = [...(await syncAll(hub, v.token, conversation.id))];
    for (const body of ['第一条', 'second', '🎉 third']) {
      sent.push(
        expectOk(
          await call<{ message: Message }>(v.socket, 'message:send', {
            conversationId: conversation.id,
            clientId: nanoid(),
            body,
          }),
        ).message,
      );
    }
    v.socket.close();
    await hub.close();

    const again = await startHub({ dataDir });
    try {
      expect(await syncAll(again, v.token, conversation.id)).toEqual(sent);
    } finally {
      await again.close();
    }
  });
});
