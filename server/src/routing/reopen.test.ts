import { describe, expect, it } from 'vitest';
import { agent, HOUR, Sim, stateOf } from './fixtures.ts';
import type { Agent } from './model.ts';

/** c1 handled by `a` and resolved at t = 1 h; `b` (capacity 0 for now) is there too. */
function resolvedWith(a: Partial<Agent> = {}): Sim {
  const sim = new Sim(stateOf({ agents: [agent('a', a), agent('b', { capacity: 0 })] }));
  sim.queue('c1');
  sim.run({ type: 'agent_replied', conversationId: 'c1', agentId: 'a' });
  sim.run({ type: 'resolve', conversationId: 'c1', actorId: 'a' }, HOUR);
  return sim;
}

describe('reopen', () => {
  it('goes back to its last agent when they are online with capacity', () => {
    const sim = resolvedWith();
    const r = sim.run({ type: 'visitor_wrote', conversationId: 'c1' }, 2 * HOUR);
    expect(r.decisions).toMatchObject([
      { type: 'reopen', log: { type: 'reopened', actor: { kind: 'visitor' } } },
      { type: 'assign', agentId: 'a', by: 'reopen' },
    ]);
    expect(sim.conversation('c1')).toMatchObject({ state: 'assigned', resolvedAt: null });
  });

  for (const [why, change] of [
    ['offline', { type: 'agent_status', agentId: 'a', status: 'offline' }],
    ['away', { type: 'agent_status', agentId: 'a', status: 'away' }],
    ['disconnected', { type: 'agent_disconnected', agentId: 'a' }],
    ['at capacity', { type: 'agent_changed', agentId: 'a', capacity: 0 }],
  ] as const) {
    it(`goes to the head of the queue, not to a last agent who is ${why}`, () => {
      const sim = resolvedWith();
      sim.run(change);
      sim.queue('waiting-longer');
      sim.run({ type: 'visitor_wrote', conversationId: 'c1' }, 2 * HOUR);
      expect(sim.conversation('c1')).toMatchObject({ state: 'queued', atHead: true });
      sim.run({ type: 'agent_changed', agentId: 'b', capacity: 1 });
      expect(sim.conversation('c1').assigneeId).toBe('b');
      expect(sim.conversation('waiting-longer').state).toBe('queued');
    });
  }

  it('offers leave-a-message when nobody can take it', () => {
    const sim = resolvedWith();
    sim.run({ type: 'agent_status', agentId: 'a', status: 'away' });
    sim.run({ type: 'agent_status', agentId: 'b', status: 'away' });
    const r = sim.run({ type: 'visitor_wrote', conversationId: 'c1' }, 2 * HOUR);
    expect(r.decisions.at(-1)).toMatchObject({
      type: 'offer_leave_message',
      reason: 'no_agent_online',
      queued: true,
    });
  });

  it('only within 72 hours of resolution', () => {
    const sim = resolvedWith();
    expect(sim.run({ type: 'visitor_wrote', conversationId: 'c1' }, 74 * HOUR).refusal?.code).toBe(
      'conversation_closed',
    );
    const fresh = resolvedWith();
    expect(
      fresh.run({ type: 'visitor_wrote', conversationId: 'c1' }, 73 * HOUR).refusal,
    ).toBeNull();
  });

  it('starts fresh resolution clocks but keeps the first response already given', () => {
    const sim = resolvedWith();
    sim.run({ type: 'visitor_wrote', conversationId: 'c1' }, 2 * HOUR);
    expect(sim.conversation('c1')).toMatchObject({
      firstResponseAt: 0,
      firstResponseDueAt: null,
      resolutionDueAt: 4 * HOUR,
      resolutionBreached: false,
    });
  });

  it('does nothing to a conversation that is still open', () => {
    const sim = resolvedWith();
    sim.queue('c2');
    expect(sim.run({ type: 'visitor_wrote', conversationId: 'c2' }).decisions).toEqual([]);
  });
});
