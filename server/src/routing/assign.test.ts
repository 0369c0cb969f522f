import { describe, expect, it } from 'vitest';
import { agent, department, Sim, stateOf } from './fixtures.ts';

describe('the assignment pass', () => {
  it('gives the oldest conversation to the least-loaded eligible agent', () => {
    const sim = new Sim(
      stateOf({
        agents: [
          agent('a', { open: 2 }),
          agent('b', { open: 1, lastAssignedAt: 50 }),
          agent('c', { open: 1, lastAssignedAt: 20 }),
          agent('d', { departments: ['technical'] }),
        ],
      }),
      100,
    );
    sim.queue('c1');
    expect(sim.assignments()).toEqual([{ conversationId: 'c1', agentId: 'c', by: 'auto' }]);
  });

  it('compares load as open ÷ capacity, not open alone', () => {
    const sim = new Sim(
      stateOf({
        agents: [agent('small', { capacity: 2, open: 1 }), agent('big', { capacity: 10, open: 3 })],
      }),
    );
    sim.queue('c1');
    // 3/10 < 1/2
    expect(sim.assignments()[0]?.agentId).toBe('big');
  });

  it('never assigns in a manual department', () => {
    const sim = new Sim(
      stateOf({ departments: [department('pre_sales', { mode: 'manual' })], agents: [agent('a')] }),
    );
    sim.queue('c1');
    expect(sim.assignments()).toEqual([]);
    expect(sim.conversation('c1').state).toBe('queued');
  });

  it('serves VIPs first, then the order of arrival', () => {
    const sim = new Sim(stateOf({ agents: [agent('a', { capacity: 0 })] }));
    sim.queue('early', 'pre_sales', false);
    sim.run(
      { type: 'conversation_queued', conversationId: 'vip', department: 'pre_sales', vip: true },
      10,
    );
    sim.run(
      { type: 'conversation_queued', conversationId: 'late', department: 'pre_sales', vip: false },
      20,
    );
    sim.run({ type: 'agent_changed', agentId: 'a', capacity: 3 }, 30);
    expect(sim.assignments().map((x) => x.conversationId)).toEqual(['vip', 'early', 'late']);
  });

  it('does not hand a transferred conversation back to whoever transferred it', () => {
    const sim = new Sim(stateOf({ agents: [agent('a'), agent('b', { capacity: 0 })] }));
    sim.queue('c1');
    sim.run({
      type: 'transfer',
      conversationId: 'c1',
      actorId: 'a',
      to: { department: 'pre_sales' },
      note: 'needs a specialist',
    });
    expect(sim.conversation('c1')).toMatchObject({ state: 'queued', transferredFrom: 'a' });
    sim.run({ type: 'agent_changed', agentId: 'b', capacity: 1 });
    expect(sim.conversation('c1')).toMatchObject({ assigneeId: 'b', transferredFrom: null });
  });
});
