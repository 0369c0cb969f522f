import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAssignments, type RoutingAgent, type RoutingState } from './assign.ts';

const agent = (id: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id,
  status: 'online',
  departments: ['pre_sales'],
  load: 0,
  lastAssignedAt: 0,
  ...over,
});

describe('planAssignments', () => {
  it('gives a waiting conversation to an online agent of its department', () => {
    const state: RoutingState = {
      agents: [agent('a', { departments: ['technical'] }), agent('b')],
      waiting: [{ id: 'c1', department: 'pre_sales', queuedAt: 1 }],
    };
    expect(planAssignments(state, 10)).toEqual([
      { type: 'assign', conversationId: 'c1', agentId: 'b' },
    ]);
  });

  it('never assigns to away or offline agents', () => {
    const state: RoutingState = {
      agents: [agent('a', { status: 'away' }), agent('b', { status: 'offline' })],
      waiting: [{ id: 'c1', department: 'pre_sales', queuedAt: 1 }],
    };
    expect(planAssignments(state, 10)).toEqual([]);
  });

  it('prefers the least loaded agent, then the one idle longest', () => {
    const agents = [
      agent('a', { load: 2 }),
      agent('b', { load: 1, lastAssignedAt: 50 }),
      agent('c', { load: 1, lastAssignedAt: 20 }),
    ];
    const waiting = [{ id: 'c1', department: 'pre_sales', queuedAt: 1 }];
    expect(planAssignments({ agents, waiting }, 100)[0]?.agentId).toBe('c');
  });

  it('serves the oldest conversation first and spreads a burst across agents', () => {
    const agents = [agent('a'), agent('b')];
    const waiting = [
      { id: 'late', department: 'pre_sales', queuedAt: 30 },
      { id: 'early', department: 'pre_sales', queuedAt: 10 },
      { id: 'mid', department: 'pre_sales', queuedAt: 20 },
    ];
    const plan = planAssignments({ agents, waiting }, 100);
    expect(plan.map((d) => d.conversationId)).toEqual(['early', 'mid', 'late']);
    expect(plan.map((d) => d.agentId)).toEqual(['a', 'b', 'a']);
  });

  const departments = fc.constantFrom('pre_sales', 'post_sales', 'technical');
  const arbState = fc.record({
    agents: fc.uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }),
        status: fc.constantFrom('online', 'away', 'offline'),
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

  it('property: each decision is valid, and nothing eligible is left waiting', () => {
    fc.assert(
      fc.property(arbState, (state) => {
        const plan = planAssignments(state, 2000);
        const assigned = new Set(plan.map((d) => d.conversationId));
        expect(assigned.size).toBe(plan.length); // no conversation twice
        for (const d of plan) {
          const a = state.agents.find((x) => x.id === d.agentId);
          const c = state.waiting.find((x) => x.id === d.conversationId);
          expect(a?.status).toBe('online');
          expect(a?.departments).toContain(c?.department);
        }
        for (const c of state.waiting) {
          const eligible = state.agents.some(
            (a) => a.status === 'online' && a.departments.includes(c.department),
          );
          expect(assigned.has(c.id)).toBe(eligible);
        }
      }),
    );
  });

  it('property: loads stay balanced within a department-only team', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 30 }), (n, m) => {
        const agents = Array.from({ length: n }, (_, i) => agent(`a${i}`));
        const waiting = Array.from({ length: m }, (_, i) => ({
          id: `c${i}`,
          department: 'pre_sales',
          queuedAt: i,
        }));
        const counts = new Map<string, number>();
        for (const d of planAssignments({ agents, waiting }, 0)) {
          counts.set(d.agentId, (counts.get(d.agentId) ?? 0) + 1);
        }
        const loads = agents.map((a) => counts.get(a.id) ?? 0);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is pure: the input state is not changed', () => {
    const state: RoutingState = {
      agents: [agent('a')],
      waiting: [{ id: 'c1', department: 'pre_sales', queuedAt: 1 }],
    };
    const before = JSON.stringify(state);
    planAssignments(state, 5);
    expect(JSON.stringify(state)).toBe(before);
  });
});
