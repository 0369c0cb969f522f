/**
 * SLA over the hub with a fake clock: at 80 % of the first-response target supervisors
 * (and only they) are warned (首响预警), at the target a breach is recorded in the event
 * log and broadcast; agents see the due times on the conversation; a first reply before
 * the warning stops both. The resolution target breaches on its own clock.
 */
import type { Conversation, ConversationEvent, Message, SlaAlert } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api.ts';
import {
  ADMIN,
  type AgentSocket,
  call,
  connectAgent,
  createAgent,
  expectOk,
  fakeClock,
  type Hub,
  nanoid,
  next,
  onlineAgent,
  signIn,
  startHub,
} from '../harness.ts';
import { agentList, chattingVisitor, closedAfterEach } from '../routing-peers.ts';

const FRT = 60_000;
const METRICS_TOKEN = 'sla-metrics-token-0123';
const RESOLUTION = 600_000;

let hub: Hub;
let clock: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  clock = fakeClock();
  hub = await startHub({ clock: clock.now, config: { metricsToken: METRICS_TOKEN } });
  const admin = await signIn(hub, ADMIN.email, ADMIN.password);
  const set = await api(hub, 'PATCH', '/api/departments/pre_sales', {
    cookie: admin,
    body: { sla: { firstResponseMs: FRT, resolutionMs: RESOLUTION } },
  });
  expect(set.status).toBe(200);
});
afterEach(async () => {
  await hub.close();
});

const track = closedAfterEach();

/**
 * A staff member signed in but not Online (so routing gives them nothing), recording
 * every SLA alert their console hears.
 */
async function watcher(name: string, role: 'supervisor' | 'agent', departments: string[]) {
  const a = await createAgent(hub, { name, role, departments });
  const { socket } = track(await connectAgent(hub, await signIn(hub, a.email, a.password)));
  const alerts: SlaAlert[] = [];
  socket.on('sla:alert', (alert) => alerts.push(alert));
  return { agent: a, socket, alerts };
}

/**
 * Moves the clock to `at` and runs what fell due. The hub emits before tick() returns
 * and a socket delivers in order, so once an ack from a console comes back, every alert
 * it was sent has arrived.
 */
async function tickAt(at: number, ...consoles: AgentSocket[]) {
  clock.advance(at - clock.now());
  await hub.tick();
  for (const socket of consoles) await agentList(socket);
}

const slaEvents = async (id: string): Promise<ConversationEvent[]> =>
  (await hub.store.events.list(id)).filter(
    (e) => e.type === 'sla_warning' || e.type === 'sla_breached',
  );

describe('SLA', () => {
  it('warns supervisors at 80 % of the first-response target, then records and broadcasts the breach', async () => {
    const sue = await watcher('Sue', 'supervisor', []);
    const ann = await watcher('Ann', 'agent', ['pre_sales']);
    const t0 = clock.now();
    const v = track(await chattingVisitor(hub));
    const id = v.conversation.id;
    const due = { firstResponseDueAt: t0 + FRT, resolutionDueAt: t0 + RESOLUTION };
    expect(v.conversation).toMatchObject({ status: 'queued', ...due });

    // Agents of the department see the due times, so the console can count down.
    const listed = (await agentList(ann.socket)).find((c) => c.id === id);
    expect(listed).toMatchObject(due);

    await tickAt(t0 + 0.8 * FRT - 1, sue.socket, ann.socket);
    expect(sue.alerts).toEqual([]);
    expect(await slaEvents(id)).toEqual([]);

    await tickAt(t0 + 0.8 * FRT, sue.socket, ann.socket);
    const warning: SlaAlert = {
      conversationId: id,
      department: 'pre_sales',
      kind: 'warning',
      target: 'first_response',
      dueAt: t0 + FRT,
    };
    expect(sue.alerts).toEqual([warning]);
    expect(ann.alerts).toEqual([]);

    // Once: a tick in between repeats nothing.
    await tickAt(t0 + FRT - 1, sue.socket);
    expect(sue.alerts).toHaveLength(1);

    await tickAt(t0 + FRT, sue.socket, ann.socket);
    expect(sue.alerts).toEqual([warning, { ...warning, kind: 'breach' }]);
    expect(ann.alerts).toEqual([]);
    const events = await slaEvents(id);
    expect(events.map((e) => [e.type, e.at, e.actor.kind, e.data])).toEqual([
      ['sla_warning', t0 + 0.8 * FRT, 'system', { target: 'first_response', dueAt: t0 + FRT }],
      ['sla_breached', t0 + FRT, 'system', { target: 'first_response', dueAt: t0 + FRT }],
    ]);

    // The resolution target runs from the start, queued or not, and breaches once.
    await tickAt(t0 + RESOLUTION, sue.socket, ann.socket);
    await tickAt(t0 + RESOLUTION + 60_000, sue.socket);
    expect(sue.alerts.slice(2)).toEqual([
      { ...warning, kind: 'breach', target: 'resolution', dueAt: t0 + RESOLUTION },
    ]);
    expect(ann.alerts).toEqual([]);
    const breached = (await slaEvents(id)).slice(2);
    expect(breached.map((e) => [e.type, e.at, e.data])).toEqual([
      ['sla_breached', t0 + RESOLUTION, { target: 'resolution', dueAt: t0 + RESOLUTION }],
    ]);

    // Each breach is counted once for /metrics, by department and target.
    const metrics = await fetch(`${hub.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    }).then((r) => r.text());
    for (const target of ['first_response', 'resolution']) {
      expect(metrics).toContain(
        `switchboard_sla_breaches_total{department="pre_sales",target="${target}"} 1\n`,
      );
    }
  });

  it('raises nothing for first response once an agent replied before the warning', async () => {
    const sue = await watcher('Sue', 'supervisor', []);
    const pat = track(await onlineAgent(hub, ['pre_sales'], 'Pat'));
    const t0 = clock.now();
    const v = track(await chattingVisitor(hub));
    const id = v.conversation.id;
    expect(v.conversation).toMatchObject({
      status: 'assigned',
      assigneeId: pat.agent.id,
      firstResponseDueAt: t0 + FRT,
    });

    // An internal note is not a response to the visitor: the clock keeps running.
    clock.advance(10_000);
    expectOk(
      await call(pat.socket, 'message:send', {
        conversationId: id,
        clientId: nanoid(),
        body: 'checking the price list',
        kind: 'note',
      }),
    );
    expect((await agentList(pat.socket)).find((c) => c.id === id)?.firstResponseDueAt).toBe(
      t0 + FRT,
    );

    // The reply stops it; the agent's console hears the due time is gone.
    clock.advance(0.8 * FRT - 10_001);
    const met = next<Conversation>(
      pat.socket,
      'conversation:updated',
      (c) => c.id === id && c.firstResponseDueAt === null,
    );
    expectOk(
      await call<{ message: Message }>(pat.socket, 'message:send', {
        conversationId: id,
        clientId: nanoid(),
        body: 'Hello, how can I help?',
      }),
    );
    expect(await met).toMatchObject({ resolutionDueAt: t0 + RESOLUTION });

    await tickAt(t0 + 0.8 * FRT, sue.socket);
    await tickAt(t0 + 2 * FRT, sue.socket);
    expect(sue.alerts).toEqual([]);
    expect(await slaEvents(id)).toEqual([]);

    // Answered in time, still not resolved in time: only that target breaches.
    await tickAt(t0 + RESOLUTION, sue.socket);
    expect(sue.alerts).toEqual([
      {
        conversationId: id,
        department: 'pre_sales',
        kind: 'breach',
        target: 'resolution',
        dueAt: t0 + RESOLUTION,
      },
    ]);
    expect((await slaEvents(id)).map((e) => [e.type, e.data])).toEqual([
      ['sla_breached', { target: 'resolution', dueAt: t0 + RESOLUTION }],
    ]);
  });
});
