/**
 * The open routing bugs of the peers we are measured against, each replayed here. Every
 * test follows the reproduction steps of its issue.
 */
import { describe, expect, it } from 'vitest';
import { agent, HOUR, MINUTE, Sim, stateOf } from './fixtures.ts';

describe('Chatwoot #10376, #10583: a backlog never drains while newer chats get assigned', () => {
  it('#10583: the 4th chat, queued at capacity, is assigned when a slot frees — before the 5th', () => {
    const sim = new Sim(stateOf({ agents: [agent('a', { capacity: 3 })] }));
    for (const id of ['c1', 'c2', 'c3']) sim.queue(id);
    sim.run(
      { type: 'conversation_queued', conversationId: 'c4', department: 'pre_sales', vip: false },
      MINUTE,
    );
    expect(sim.conversation('c4').state).toBe('queued');
    sim.run({ type: 'resolve', conversationId: 'c1', actorId: 'a' }, 2 * MINUTE);
    expect(sim.conversation('c4').assigneeId).toBe('a');
    sim.run(
      { type: 'conversation_queued', conversationId: 'c5', department: 'pre_sales', vip: false },
      3 * MINUTE,
    );
    expect(sim.conversation('c5').state).toBe('queued');
  });

  it('#10376: an agent who becomes available takes the oldest unassigned chats first', () => {
    const sim = new Sim(
      stateOf({
        agents: [agent('a', { capacity: 1 }), agent('b', { status: 'away', capacity: 2 })],
      }),
    );
    for (let i = 1; i <= 4; i++) {
      sim.run(
        {
          type: 'conversation_queued',
          conversationId: `c${i}`,
          department: 'pre_sales',
          vip: false,
        },
        i * MINUTE,
      );
    }
    sim.run({ type: 'agent_status', agentId: 'b', status: 'online' }, 10 * MINUTE);
    sim.run(
      { type: 'conversation_queued', conversationId: 'late', department: 'pre_sales', vip: false },
      11 * MINUTE,
    );
    expect(sim.assignments().map((x) => x.conversationId)).toEqual(['c1', 'c2', 'c3']);
    sim.run({ type: 'resolve', conversationId: 'c2', actorId: 'b' }, 12 * MINUTE);
    expect(sim.conversation('c4').assigneeId).toBe('b');
    expect(sim.conversation('late').state).toBe('queued');
  });
});

describe('Chatwoot #11034: unfair distribution under per-agent caps', () => {
  it('spreads a burst evenly across agents with a limit of 4, never more than one apart', () => {
    const sim = new Sim(
      stateOf({ agents: ['a', 'b', 'c'].map((id) => agent(id, { capacity: 4 })) }),
    );
    for (let i = 1; i <= 12; i++) {
      sim.queue(`c${i}`);
      const loads = [...sim.state.agents.values()].map((a) => a.open);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    }
    expect([...sim.state.agents.values()].map((a) => a.open)).toEqual([4, 4, 4]);
    sim.queue('c13');
    expect(sim.conversation('c13').state).toBe('queued');
  });

  it('shares by capacity when caps differ: each agent fills in proportion', () => {
    const sim = new Sim(
      stateOf({ agents: [agent('small', { capacity: 2 }), agent('large', { capacity: 6 })] }),
    );
    for (let i = 1; i <= 4; i++) sim.queue(`c${i}`);
    expect([sim.agent('small').open, sim.agent('large').open]).toEqual([1, 3]);
    for (let i = 5; i <= 8; i++) sim.queue(`c${i}`);
    expect([sim.agent('small').open, sim.agent('large').open]).toEqual([2, 6]);
  });
});

describe('Chatwoot #9587: reopened chats assigned to offline agents', () => {
  it('a reply after the shift ends goes to an agent who is online, never the one who left', () => {
    const sim = new Sim(
      stateOf({
        agents: [
          agent('day1'),
          agent('day2'),
          agent('night', { status: 'offline', disconnectedAt: 0 }),
        ],
      }),
    );
    sim.queue('c1');
    sim.queue('c2');
    sim.resolve('c1');
    sim.resolve('c2');
    // The day shift signs out; the night shift comes in.
    sim.run({ type: 'agent_status', agentId: 'day1', status: 'offline' }, 8 * HOUR);
    sim.run({ type: 'agent_disconnected', agentId: 'day2' }, 8 * HOUR);
    sim.run({ type: 'agent_connected', agentId: 'night' }, 8 * HOUR);
    sim.run({ type: 'agent_status', agentId: 'night', status: 'online' }, 8 * HOUR);
    sim.run({ type: 'visitor_wrote', conversationId: 'c1' }, 9 * HOUR);
    sim.run({ type: 'visitor_wrote', conversationId: 'c2' }, 9 * HOUR);
    expect(sim.conversation('c1').assigneeId).toBe('night');
    expect(sim.conversation('c2').assigneeId).toBe('night');
  });
});

describe('Rocket.Chat #13134: "least amount" counting lifetime chats', () => {
  it('an agent who finished 5 chats is not skipped until the other catches up', () => {
    const sim = new Sim(stateOf({ agents: [agent('a1'), agent('a2', { status: 'offline' })] }));
    for (let i = 1; i <= 5; i++) {
      sim.queue(`old${i}`);
      sim.resolve(`old${i}`);
    }
    sim.run({ type: 'agent_status', agentId: 'a2', status: 'online' }, HOUR);
    for (let i = 1; i <= 4; i++)
      sim.run(
        {
          type: 'conversation_queued',
          conversationId: `new${i}`,
          department: 'pre_sales',
          vip: false,
        },
        HOUR + i,
      );
    const fresh = sim.assignments().filter((x) => x.conversationId.startsWith('new'));
    expect(fresh.map((x) => x.agentId).sort()).toEqual(['a1', 'a1', 'a2', 'a2']);
  });
});

describe('Rocket.Chat #6802: ties broken by account creation order', () => {
  it('with equal loads, chats rotate through the team instead of the oldest account taking all', () => {
    // Listed (and named) in the order the accounts were created.
    const sim = new Sim(
      stateOf({ agents: [agent('a-first'), agent('b-second'), agent('c-third')] }),
    );
    for (let i = 1; i <= 6; i++) {
      sim.run(
        {
          type: 'conversation_queued',
          conversationId: `c${i}`,
          department: 'pre_sales',
          vip: false,
        },
        i * MINUTE,
      );
      sim.resolve(`c${i}`);
    }
    const counts = new Map<string, number>();
    for (const x of sim.assignments()) counts.set(x.agentId, (counts.get(x.agentId) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ 'a-first': 2, 'b-second': 2, 'c-third': 2 });
  });
});
