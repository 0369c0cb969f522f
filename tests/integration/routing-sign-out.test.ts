/**
 * Signing out over HTTP (the console's logout) is an explicit offline: the agent's open
 * chats go back to the head of the queue at once, with no grace period (the fake clock
 * stands still from the sign-out on), and each visitor is told they are next in line.
 */
import type { AgentStatus } from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api.ts';
import { connectAgent, fakeClock, type Hub, onlineAgent, signIn, startHub } from '../harness.ts';
import {
  agentList,
  chattingVisitor,
  closedAfterEach,
  nextPosition,
  nextUpdate,
  stored,
} from '../routing-peers.ts';

let hub: Hub;
let clock: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  clock = fakeClock();
  hub = await startHub({ clock: clock.now });
});
afterEach(async () => {
  await hub.close();
});

const track = closedAfterEach();

describe('signing out', () => {
  it('requeues the agent’s chats at once, at the head, and tells their visitors', async () => {
    const hana = track(await onlineAgent(hub, ['pre_sales'], 'Hana'));
    const held = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      held.push(track(await chattingVisitor(hub)));
    }
    for (const v of held) expect(v.conversation.assigneeId).toBe(hana.agent.id);

    const closed = new Promise<string>((resolve) => hana.socket.once('disconnect', resolve));
    const told = held.map((v) => nextUpdate(v, 'queued'));
    const positions = held.map((v, i) => nextPosition(v, i + 1));
    const out = await api(hub, 'POST', '/api/auth/logout', { cookie: hana.cookie });
    expect(out.status).toBe(200);

    // Done before the console's request came back: no grace period for a sign-out.
    for (const v of held) {
      expect(await stored(hub, v.conversation.id)).toMatchObject({
        status: 'queued',
        assigneeId: null,
      });
      const events = await hub.store.events.list(v.conversation.id);
      expect(events.map((e) => e.type)).toEqual(['queued', 'assigned', 'requeued']);
      expect(events[2]?.data).toEqual({ reason: 'agent_signed_out', fromAgentId: hana.agent.id });
    }
    expect(await closed).toBe('io server disconnect');
    await Promise.all([...told, ...positions]);

    // The session is over; signing in again finds them Offline, as they chose.
    expect((await api(hub, 'GET', '/api/auth/me', { cookie: hana.cookie })).status).toBe(401);
    const again = track(
      await connectAgent(hub, await signIn(hub, hana.agent.email, hana.agent.password)),
    );
    expect(again.hello.status).toBe<AgentStatus>('offline');
    expect((await agentList(again.socket)).filter((c) => c.assigneeId === hana.agent.id)).toEqual(
      [],
    );

    // The next agent online takes them.
    const omar = track(await onlineAgent(hub, ['pre_sales'], 'Omar'));
    for (const v of held) {
      expect((await stored(hub, v.conversation.id)).assigneeId).toBe(omar.agent.id);
    }
  });
});
