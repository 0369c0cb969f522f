/**
 * GET /api/reports on a real hub whose clock the test moves: one answered chat, one
 * abandoned in the queue; figures as PRODUCT.md defines them, narrowed for agents.
 */
import type { Message } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, outcome } from '../api.ts';
import {
  ADMIN,
  call,
  expectOk,
  fakeClock,
  type Hub,
  nanoid,
  onlineAgent,
  signIn,
  startHub,
} from '../harness.ts';
import { chattingVisitor, closedAfterEach } from '../routing-peers.ts';

interface Row {
  key: string;
  volume: number;
  frt: { count: number; p50: number | null };
  wait: { count: number; p50: number | null };
  abandoned: number;
  abandonedRate: number | null;
  ahtMs: number | null;
  resolution: { count: number; p50: number | null };
}

let hub: Hub;
let clock: ReturnType<typeof fakeClock>;
const closed = closedAfterEach();
beforeEach(async () => {
  clock = fakeClock(Date.UTC(2026, 11, 1, 1, 0, 0));
  hub = await startHub({ clock: clock.now });
});
afterEach(async () => {
  await hub.close();
});

describe('GET /api/reports', () => {
  it('reports a chat answered in 30 s and one abandoned, per department and per agent', async () => {
    const t0 = clock.now();
    const ann = closed(await onlineAgent(hub, ['pre_sales'], 'Ann'));
    const answered = closed(await chattingVisitor(hub, 'pre_sales'));
    clock.advance(30_000);
    expectOk(
      await call<{ message: Message }>(ann.socket, 'message:send', {
        conversationId: answered.conversation.id,
        clientId: nanoid(),
        body: '您好，请问有什么可以帮您？',
      }),
    );
    clock.advance(270_000);
    expectOk(
      await call(ann.socket, 'conversation:resolve', { conversationId: answered.conversation.id }),
    );
    const left = closed(await chattingVisitor(hub, 'technical'));
    clock.advance(60_000);
    expectOk(
      await call(left.socket, 'conversation:leave', { conversationId: left.conversation.id }),
    );

    const admin = await signIn(hub, ADMIN.email, ADMIN.password);
    const query = `from=${t0}&to=${t0 + 3600_000}`;
    const byDepartment = await api<{ rows: Row[] }>(
      hub,
      'GET',
      `/api/reports?${query}&groupBy=department`,
      { cookie: admin },
    );
    expect(byDepartment.status).toBe(200);
    const [pre, tech] = byDepartment.body.rows;
    expect(pre).toMatchObject({
      key: 'pre_sales',
      volume: 1,
      frt: { count: 1, p50: 30_000 },
      wait: { count: 1, p50: 0 },
      abandoned: 0,
      ahtMs: 300_000,
      resolution: { count: 1, p50: 300_000 },
    });
    expect(tech).toMatchObject({
      key: 'technical',
      volume: 1,
      abandoned: 1,
      abandonedRate: 1,
      frt: { count: 0 },
    });

    // Ann sees only the chats she held; by agent, only her own row.
    const mine = await api<{ rows: Row[] }>(
      hub,
      'GET',
      `/api/reports?${query}&groupBy=department`,
      { cookie: ann.cookie },
    );
    expect(mine.body.rows.map((r) => [r.key, r.volume])).toEqual([['pre_sales', 1]]);
    const byAgent = await api<{ rows: Row[] }>(hub, 'GET', `/api/reports?${query}&groupBy=agent`, {
      cookie: ann.cookie,
    });
    expect(byAgent.body.rows.map((r) => r.key)).toEqual([ann.agent.id]);

    // Days in the site's time zone: 01:00 UTC is 09:00 in Shanghai.
    const byHour = await api<{ rows: Row[] }>(
      hub,
      'GET',
      `/api/reports?${query}&groupBy=hour&timeZone=Asia/Shanghai`,
      { cookie: admin },
    );
    expect(byHour.body.rows.map((r) => [r.key, r.volume])).toEqual([['09', 2]]);
  });

  it('refuses strangers, and a bad range or time zone with its field named', async () => {
    const admin = await signIn(hub, ADMIN.email, ADMIN.password);
    const t = clock.now();
    expect(await outcome(api(hub, 'GET', `/api/reports?from=0&to=${t}&groupBy=day`))).toEqual([
      401,
      'unauthorized',
    ]);
    for (const bad of [
      `from=${t}&to=${t}&groupBy=day`,
      `from=0&to=${400 * 24 * 3600_000}&groupBy=day`,
      `from=0&to=${t}&groupBy=day&timeZone=Mars/Olympus`,
      `from=0&to=${t}&groupBy=week`,
    ]) {
      expect(await outcome(api(hub, 'GET', `/api/reports?${bad}`, { cookie: admin }))).toEqual([
        400,
        'invalid_payload',
      ]);
    }
  });
});
