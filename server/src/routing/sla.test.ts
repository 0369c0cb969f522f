import { describe, expect, it } from 'vitest';
import { agent, conversation, department, MINUTE, Sim, stateOf } from './fixtures.ts';
import { dueSla, nextSlaMoment, slaTimes } from './sla.ts';

describe('slaTimes', () => {
  const d = department('pre_sales', {
    sla: { firstResponseMs: 10 * MINUTE, resolutionMs: 60 * MINUTE },
  });

  it('runs FRT from queue entry and resolution from the start; warns at 80 %', () => {
    expect(slaTimes(d, { firstResponseAt: null }, 1_000, 500, 0.8)).toEqual({
      firstResponseWarnAt: 1_000 + 8 * MINUTE,
      firstResponseDueAt: 1_000 + 10 * MINUTE,
      resolutionDueAt: 500 + 60 * MINUTE,
    });
  });

  it('keeps no FRT clock once answered, and none at all without targets', () => {
    expect(slaTimes(d, { firstResponseAt: 5 }, 1_000, 0, 0.8).firstResponseDueAt).toBeNull();
    expect(slaTimes(department('x', { sla: null }), { firstResponseAt: null }, 0, 0, 0.8)).toEqual({
      firstResponseWarnAt: null,
      firstResponseDueAt: null,
      resolutionDueAt: null,
    });
  });
});

describe('dueSla / nextSlaMoment', () => {
  const c = conversation('c', {
    state: 'queued',
    firstResponseWarnAt: 80,
    firstResponseDueAt: 100,
    resolutionDueAt: 500,
  });

  it('asks to be woken at the warning, then the breach, then the resolution target', () => {
    expect(nextSlaMoment(c)).toBe(80);
    expect(nextSlaMoment({ ...c, firstResponseWarned: true })).toBe(100);
    expect(nextSlaMoment({ ...c, firstResponseWarned: true, firstResponseBreached: true })).toBe(
      500,
    );
    expect(nextSlaMoment({ ...c, firstResponseAt: 50 })).toBe(500);
    expect(nextSlaMoment({ ...c, state: 'pending' })).toBeNull();
    expect(nextSlaMoment({ ...c, state: 'resolved' })).toBeNull();
  });

  it('reports each moment once', () => {
    expect(dueSla(c, 79)).toEqual([]);
    expect(dueSla(c, 80)).toEqual([{ kind: 'warning', dueAt: 100 }]);
    expect(dueSla({ ...c, firstResponseWarned: true }, 100)).toEqual([
      { kind: 'breach', target: 'first_response', dueAt: 100 },
    ]);
    expect(dueSla({ ...c, firstResponseWarned: true, firstResponseBreached: true }, 400)).toEqual(
      [],
    );
  });

  it('skips a warning that would arrive after its own breach (a late tick)', () => {
    expect(dueSla(c, 600)).toEqual([
      { kind: 'breach', target: 'first_response', dueAt: 100 },
      { kind: 'breach', target: 'resolution', dueAt: 500 },
    ]);
  });
});

describe('SLA through route()', () => {
  it('warns at 80 % of FRT, breaches at 100 %, and stops at the first reply', () => {
    const sim = new Sim(
      stateOf({
        departments: [
          department('pre_sales', {
            sla: { firstResponseMs: 10 * MINUTE, resolutionMs: 60 * MINUTE },
          }),
        ],
      }),
    );
    sim.queue('c1');
    expect(sim.last?.wakeAt).toBe(8 * MINUTE);
    sim.advance(8 * MINUTE);
    expect(sim.last?.decisions).toMatchObject([
      { type: 'sla_warning', conversationId: 'c1', dueAt: 10 * MINUTE },
    ]);
    expect(sim.last?.wakeAt).toBe(10 * MINUTE);
    sim.advance(2 * MINUTE);
    expect(sim.last?.decisions).toMatchObject([
      {
        type: 'sla_breached',
        target: 'first_response',
        log: { type: 'sla_breached', at: 10 * MINUTE },
      },
    ]);
    sim.run({ type: 'agent_replied', conversationId: 'c1', agentId: 'a' });
    expect(sim.last?.wakeAt).toBe(60 * MINUTE);
  });

  it('raises nothing for an FRT answered in time', () => {
    const sim = new Sim(stateOf({ agents: [agent('a')] }));
    sim.queue('c1');
    sim.run({ type: 'agent_replied', conversationId: 'c1', agentId: 'a' }, MINUTE);
    sim.advance(40 * MINUTE);
    expect(
      sim.decisions.filter((d) => d.type === 'sla_warning' || d.type === 'sla_breached'),
    ).toEqual([]);
  });

  it('applies what fell due during a restart before the event that follows it', () => {
    const sim = new Sim(stateOf({}));
    sim.queue('c1');
    // Nothing ticked for 3 hours; the next event (any event) records both breaches first.
    sim.run({ type: 'agent_connected', agentId: 'nobody' }, 3 * 60 * MINUTE);
    expect(sim.last?.decisions.map((d) => d.type)).toEqual(['sla_breached', 'sla_breached']);
    expect(sim.last?.refusal?.code).toBe('not_found');
  });
});
