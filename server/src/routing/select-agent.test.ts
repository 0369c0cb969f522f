import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agent } from './fixtures.ts';
import { compareAgents, isEligible, refusalFor, selectAgent } from './select-agent.ts';

describe('eligibility', () => {
  it('needs online, connected, enabled, a member, below capacity', () => {
    expect(isEligible(agent('a'), 'pre_sales')).toBe(true);
    expect(isEligible(agent('a', { status: 'away' }), 'pre_sales')).toBe(false);
    expect(isEligible(agent('a', { status: 'offline' }), 'pre_sales')).toBe(false);
    expect(isEligible(agent('a', { disconnectedAt: 5 }), 'pre_sales')).toBe(false);
    expect(isEligible(agent('a', { disabled: true }), 'pre_sales')).toBe(false);
    expect(isEligible(agent('a'), 'technical')).toBe(false);
    expect(isEligible(agent('a', { open: 5 }), 'pre_sales')).toBe(false);
    expect(isEligible(agent('a', { capacity: 0 }), 'pre_sales')).toBe(false);
  });

  it('names the first reason an agent may not be handed a chat', () => {
    expect(refusalFor(agent('a'), 'pre_sales')).toBeNull();
    expect(refusalFor(agent('a', { disconnectedAt: 1 }), 'pre_sales')).toBe('agent_offline');
    expect(refusalFor(agent('a', { status: 'offline' }), 'pre_sales')).toBe('agent_offline');
    expect(refusalFor(agent('a', { disabled: true }), 'pre_sales')).toBe('agent_offline');
    expect(refusalFor(agent('a', { status: 'away', open: 5 }), 'technical')).toBe('agent_away');
    expect(refusalFor(agent('a', { open: 5 }), 'technical')).toBe('agent_not_in_department');
    expect(refusalFor(agent('a', { open: 5 }), 'pre_sales')).toBe('agent_at_capacity');
  });
});

describe('selectAgent', () => {
  it('picks the lowest open ÷ capacity', () => {
    const agents = [agent('a', { open: 1, capacity: 2 }), agent('b', { open: 2, capacity: 5 })];
    expect(selectAgent(agents, 'pre_sales')?.id).toBe('b');
  });

  it('breaks load ties by longest since last assignment, never-assigned first', () => {
    const agents = [
      agent('a', { lastAssignedAt: 30 }),
      agent('b', { lastAssignedAt: 10 }),
      agent('c', { lastAssignedAt: 20 }),
    ];
    expect(selectAgent(agents, 'pre_sales')?.id).toBe('b');
    expect(selectAgent([...agents, agent('z')], 'pre_sales')?.id).toBe('z');
  });

  it('breaks full ties by id, and may exclude one agent', () => {
    const agents = [agent('m'), agent('k'), agent('x')];
    expect(selectAgent(agents, 'pre_sales')?.id).toBe('k');
    expect(selectAgent(agents, 'pre_sales', 'k')?.id).toBe('m');
  });

  it('returns null when nobody is eligible', () => {
    expect(selectAgent([agent('a', { status: 'away' })], 'pre_sales')).toBeNull();
  });

  const arbAgent = fc.record({
    id: fc.string({ minLength: 1, maxLength: 3 }),
    open: fc.nat(6),
    capacity: fc.nat(6),
    lastAssignedAt: fc.option(fc.nat(100)),
  });

  it('property: compareAgents is a total order (antisymmetric, transitive)', () => {
    fc.assert(
      fc.property(arbAgent, arbAgent, arbAgent, (x, y, z) => {
        const [a, b, c] = [agent(x.id, x), agent(y.id, y), agent(z.id, z)];
        expect(Math.sign(compareAgents(a, b))).toBe(-Math.sign(compareAgents(b, a)) || 0);
        if (compareAgents(a, b) <= 0 && compareAgents(b, c) <= 0) {
          expect(compareAgents(a, c)).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: the pick is eligible and no eligible agent is strictly better', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbAgent, { selector: (a) => a.id, maxLength: 8 }), (raw) => {
        const agents = raw.map((r) => agent(r.id, r));
        const pick = selectAgent(agents, 'pre_sales');
        const eligible = agents.filter((a) => isEligible(a, 'pre_sales'));
        if (!pick) {
          expect(eligible).toEqual([]);
          return;
        }
        expect(isEligible(pick, 'pre_sales')).toBe(true);
        for (const a of eligible) expect(compareAgents(pick, a)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});
