import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAssignments, type SkeletonAgent, type SkeletonSnapshot } from './assign.ts';
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

describe('planAssignments (the skeleton dispatcher’s entry point)', () => {
  const skeleton = (id: string, over: Partial<SkeletonAgent> = {}): SkeletonAgent => ({
    id,
    status: 'online',
    departments: ['pre_sales'],
    load: 0,
    lastAssignedAt: 0,
    ...over,
  });

  it('prefers the least loaded agent, then the one idle longest', () => {
    const agents = [
      skeleton('a', { load: 2 }),
      skeleton('b', { load: 1, lastAssignedAt: 50 }),
      skeleton('c', { load: 1, lastAssignedAt: 20 }),
    ];
    const waiting = [{ id: 'c1', department: 'pre_sales', queuedAt: 1 }];
    expect(planAssignments({ agents, waiting }, 100)).toEqual([
      { type: 'assign', conversationId: 'c1', agentId: 'c' },
    ]);
  });

  it('serves the oldest conversation first and spreads a burst across agents', () => {
    const waiting = [
      { id: 'late', department: 'pre_sales', queuedAt: 30 },
      { id: 'early', department: 'pre_sales', queuedAt: 10 },
      { id: 'mid', department: 'pre_sales', queuedAt: 20 },
    ];
    const plan = planAssignments({ agents: [skeleton('a'), skeleton('b')], waiting }, 100);
    expect(plan.map((d) => d.conversationId)).toEqual(['early', 'mid', 'late']);
    expect(plan.map((d) => d.agentId)).toEqual(['a', 'b', 'a']);
  });

  const departments = fc.constantFrom('pre_sales', 'post_sales', 'technical');
  const arbSnapshot: fc.Arbitrary<SkeletonSnapshot> = fc.record({
    agents: fc.uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }),
        status: fc.constantFrom('online' as const, 'away' as const, 'offline' as const),
        departments: fc.uniqueArray(departments, { maxLength: 3 }),
        load: fc.nat(5),
        lastAssignedAt: fc.nat(1000),
      }),
      { selector: (a) => a.id, maxLength: 6 },
    ),
    waiting: fc.uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }),
        department: departments,
        queuedAt: fc.nat(1000),
      }),
      { selector: (c) => c.id, maxLength: 12 },
    ),
  });

  it('property: as before, no capacity limit: everything with an online agent is assigned', () => {
    fc.assert(
      fc.property(arbSnapshot, (snapshot) => {
        const plan = planAssignments(snapshot, 2000);
        const assigned = new Set(plan.map((d) => d.conversationId));
        expect(assigned.size).toBe(plan.length);
        for (const d of plan) {
          const a = snapshot.agents.find((x) => x.id === d.agentId);
          const c = snapshot.waiting.find((x) => x.id === d.conversationId);
          expect(a?.status).toBe('online');
          expect(a?.departments).toContain(c?.department);
        }
        for (const c of snapshot.waiting) {
          const eligible = snapshot.agents.some(
            (a) => a.status === 'online' && a.departments.includes(c.department),
          );
          expect(assigned.has(c.id)).toBe(eligible);
        }
      }),
      { numRuns: 200 },
    );
  });
});
