import { describe, expect, it } from 'vitest';
import { agent, department, HOUR, MINUTE, Sim, stateOf } from './fixtures.ts';
import type { BusinessHours } from './hours.ts';

const neverOpen: BusinessHours = {
  timeZone: 'America/New_York',
  weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  exceptions: {},
};

describe('a conversation arrives', () => {
  it('is queued with its log entry and assigned at once when someone is free', () => {
    const sim = new Sim(stateOf({ agents: [agent('a')] }), 1_000);
    const r = sim.queue('c1');
    expect(r.refusal).toBeNull();
    expect(r.decisions.map((d) => d.type)).toEqual(['queue', 'assign']);
    expect(sim.log.map((l) => l.type)).toEqual(['queued', 'assigned']);
    expect(sim.conversation('c1')).toMatchObject({
      state: 'assigned',
      assigneeId: 'a',
      queuedAt: 1_000,
    });
    expect(sim.agent('a')).toMatchObject({ open: 1, lastAssignedAt: 1_000 });
    expect(r.changed.conversations.map((c) => c.id)).toEqual(['c1']);
    expect(r.changed.agents.map((a) => a.id)).toEqual(['a']);
  });

  it('is queued and offered leave-a-message when no agent is online', () => {
    const sim = new Sim(stateOf({ agents: [agent('a', { status: 'away' })] }));
    const r = sim.queue('c1');
    expect(r.decisions).toMatchObject([
      { type: 'queue' },
      { type: 'offer_leave_message', reason: 'no_agent_online', queued: true },
    ]);
  });

  it('is not queued outside business hours: leave-a-message only', () => {
    const sim = new Sim(stateOf({ departments: [department('pre_sales', { hours: neverOpen })] }));
    const r = sim.queue('c1');
    expect(r.refusal?.code).toBe('department_closed');
    expect(r.decisions).toEqual([
      {
        type: 'offer_leave_message',
        conversationId: 'c1',
        department: 'pre_sales',
        reason: 'closed',
        queued: false,
      },
    ]);
    expect(sim.state.conversations.has('c1')).toBe(false);
  });

  it('is not queued past maxQueue; without leave-a-message it is a plain refusal', () => {
    const sim = new Sim(
      stateOf({ departments: [department('pre_sales', { maxQueue: 1, leaveMessage: false })] }),
    );
    expect(sim.queue('c1').refusal).toBeNull();
    const r = sim.queue('c2');
    expect(r.refusal?.code).toBe('queue_full');
    expect(r.decisions).toEqual([]);
  });

  it('is refused by a disabled or unknown department', () => {
    const sim = new Sim(stateOf({ departments: [department('pre_sales', { enabled: false })] }));
    expect(sim.queue('c1').refusal?.code).toBe('department_disabled');
    expect(sim.queue('c2', 'nowhere').refusal?.code).toBe('invalid_payload');
  });

  it('is queued once when its start is retried', () => {
    const sim = new Sim(stateOf({}));
    sim.queue('c1');
    expect(sim.queue('c1').decisions).toEqual([]);
  });
});

describe('the visitor leaves', () => {
  it('leaving the queue closes the conversation as abandoned', () => {
    const sim = new Sim(stateOf({}));
    sim.queue('c1');
    const r = sim.run({ type: 'left_queue', conversationId: 'c1' });
    expect(r.decisions).toMatchObject([
      { type: 'left_queue', log: { type: 'left_queue', actor: { kind: 'visitor' } } },
    ]);
    expect(sim.conversation('c1').state).toBe('resolved');
  });

  it('cannot leave a queue it is not in', () => {
    const sim = new Sim(stateOf({ agents: [agent('a')] }));
    sim.queue('c1');
    expect(sim.run({ type: 'left_queue', conversationId: 'c1' }).refusal?.code).toBe(
      'invalid_state',
    );
  });

  it('leaving a message turns a queued conversation pending, without SLA clocks', () => {
    const sim = new Sim(stateOf({}));
    sim.queue('c1');
    sim.run({ type: 'message_left', conversationId: 'c1', department: 'pre_sales', vip: false });
    expect(sim.conversation('c1')).toMatchObject({ state: 'pending', firstResponseDueAt: null });
    expect(sim.last?.wakeAt).toBeNull();
  });

  it('a message left outside hours creates a pending conversation, never assigned by itself', () => {
    const sim = new Sim(stateOf({ departments: [department('pre_sales', { hours: neverOpen })] }));
    sim.run({ type: 'message_left', conversationId: 'm1', department: 'pre_sales', vip: false });
    sim.state = stateOf({
      departments: [department('pre_sales')],
      agents: [agent('a')],
      conversations: [sim.conversation('m1')],
    });
    sim.advance(MINUTE);
    expect(sim.conversation('m1').state).toBe('pending');
    sim.run({ type: 'claim', conversationId: 'm1', agentId: 'a' });
    expect(sim.conversation('m1')).toMatchObject({ state: 'assigned', assigneeId: 'a' });
  });

  it('refuses a message where leave-a-message is off', () => {
    const sim = new Sim(
      stateOf({ departments: [department('pre_sales', { leaveMessage: false })] }),
    );
    const r = sim.run({
      type: 'message_left',
      conversationId: 'm1',
      department: 'pre_sales',
      vip: false,
    });
    expect(r.refusal?.code).toBe('leave_message_disabled');
  });
});

describe('claims (manual mode)', () => {
  const manual = () =>
    new Sim(
      stateOf({
        departments: [department('pre_sales', { mode: 'manual' })],
        agents: [
          agent('a', { capacity: 1 }),
          agent('b'),
          agent('away', { status: 'away' }),
          agent('t', { departments: ['technical'] }),
        ],
      }),
    );

  it('is atomic: the second claimant is told another agent has it', () => {
    const sim = manual();
    sim.queue('c1');
    expect(sim.run({ type: 'claim', conversationId: 'c1', agentId: 'a' }).decisions).toMatchObject([
      { type: 'assign', by: 'claim', log: { actor: { kind: 'agent', id: 'a' } } },
    ]);
    expect(sim.run({ type: 'claim', conversationId: 'c1', agentId: 'b' }).refusal?.code).toBe(
      'already_assigned',
    );
    expect(sim.run({ type: 'claim', conversationId: 'c1', agentId: 'a' }).refusal).toBeNull();
  });

  it('respects capacity, status and membership', () => {
    const sim = manual();
    sim.queue('c1');
    sim.queue('c2');
    sim.run({ type: 'claim', conversationId: 'c1', agentId: 'a' });
    expect(sim.run({ type: 'claim', conversationId: 'c2', agentId: 'a' }).refusal?.code).toBe(
      'agent_at_capacity',
    );
    expect(sim.run({ type: 'claim', conversationId: 'c2', agentId: 'away' }).refusal?.code).toBe(
      'agent_away',
    );
    expect(sim.run({ type: 'claim', conversationId: 'c2', agentId: 't' }).refusal?.code).toBe(
      'agent_not_in_department',
    );
    sim.resolve('c1');
    expect(sim.run({ type: 'claim', conversationId: 'c1', agentId: 'b' }).refusal?.code).toBe(
      'conversation_closed',
    );
  });
});

describe('transfer and reassignment', () => {
  const team = () =>
    new Sim(
      stateOf({
        departments: [department('pre_sales'), department('technical')],
        agents: [
          agent('a', { departments: ['pre_sales'] }),
          agent('t', { departments: ['technical'], capacity: 1 }),
          agent('t2', { departments: ['technical'] }),
          agent('away', { departments: ['technical'], status: 'away' }),
          agent('gone', { departments: ['technical'], disconnectedAt: 0 }),
        ],
      }),
    );

  it('to a department: to the head of its priority class there, the holder freed', () => {
    const sim = team();
    sim.state = stateOf({
      departments: [...sim.state.departments.values()],
      agents: [agent('a'), agent('t', { departments: ['technical'], capacity: 0 })],
    });
    sim.queue('c1');
    sim.run({
      type: 'conversation_queued',
      conversationId: 'waiting',
      department: 'technical',
      vip: false,
    });
    sim.run(
      {
        type: 'transfer',
        conversationId: 'c1',
        actorId: 'a',
        to: { department: 'technical' },
        note: 'API question',
      },
      10,
    );
    expect(sim.conversation('c1')).toMatchObject({
      state: 'queued',
      department: 'technical',
      atHead: true,
    });
    expect(sim.agent('a').open).toBe(0);
    expect(sim.last?.decisions[0]).toMatchObject({
      type: 'transfer',
      log: {
        type: 'transferred',
        actor: { kind: 'agent', id: 'a' },
        data: {
          fromDepartment: 'pre_sales',
          toDepartment: 'technical',
          fromAgentId: 'a',
          toAgentId: null,
          note: 'API question',
        },
      },
    });
    sim.run({ type: 'agent_changed', agentId: 't', capacity: 1 });
    expect(sim.conversation('c1').assigneeId).toBe('t');
  });

  it('to a named agent, refused with a code for each reason', () => {
    const sim = team();
    sim.queue('c1');
    sim.queue('x', 'technical');
    const to = (agentId: string) =>
      sim.run({
        type: 'transfer',
        conversationId: 'c1',
        actorId: 'a',
        to: { agentId, department: 'technical' },
        note: 'n',
      }).refusal?.code;
    expect(to('gone')).toBe('agent_offline');
    expect(to('away')).toBe('agent_away');
    expect(to('t')).toBe('agent_at_capacity');
    expect(to('a')).toBe('invalid_state');
    expect(
      sim.run({
        type: 'transfer',
        conversationId: 'c1',
        actorId: 'a',
        to: { agentId: 't2' },
        note: 'n',
      }).refusal?.code,
    ).toBe('agent_not_in_department');
    expect(
      sim.run({
        type: 'transfer',
        conversationId: 'c1',
        actorId: 'a',
        to: { agentId: 't2', department: 'technical' },
        note: ' ',
      }).refusal?.code,
    ).toBe('invalid_payload');
    expect(sim.conversation('c1').assigneeId).toBe('a');
    expect(to('t2')).toBeUndefined();
    expect(sim.last?.decisions.map((d) => d.type)).toEqual(['transfer', 'assign']);
    expect(sim.last?.decisions[1]).toMatchObject({ by: 'transfer', previousAgentId: 'a' });
    expect(sim.conversation('c1')).toMatchObject({ department: 'technical', assigneeId: 't2' });
    expect([sim.agent('a').open, sim.agent('t2').open]).toEqual([0, 1]);
  });

  it('a supervisor reassigns: logged as a hand-off and an assignment by supervisor', () => {
    const sim = new Sim(stateOf({ agents: [agent('a'), agent('b', { capacity: 0 })] }));
    sim.queue('c1');
    sim.run({ type: 'agent_changed', agentId: 'b', capacity: 2 });
    const r = sim.run({
      type: 'reassign',
      conversationId: 'c1',
      actorId: 'boss',
      agentId: 'b',
      note: 'VIP account',
    });
    expect(r.decisions).toMatchObject([
      {
        type: 'transfer',
        fromAgentId: 'a',
        toAgentId: 'b',
        log: { actor: { kind: 'agent', id: 'boss' } },
      },
      { type: 'assign', agentId: 'b', by: 'supervisor' },
    ]);
  });
});

describe('agents come and go', () => {
  it("announces an arrival or departure even when the caller's presence already counts it", () => {
    // The dispatcher counts the socket before routing builds its state, so routing may
    // see nothing to change; the estimates of the agent's departments change anyway.
    const sim = new Sim(stateOf({ agents: [agent('a')] }));
    expect(sim.run({ type: 'agent_connected', agentId: 'a' }).decisions).toEqual([
      { type: 'agent', agentId: 'a' },
    ]);
    expect(sim.run({ type: 'agent_disconnected', agentId: 'a' }).decisions).toEqual([
      { type: 'agent', agentId: 'a' },
    ]);
    expect(sim.run({ type: 'agent_disconnected', agentId: 'a' }).decisions).toEqual([
      { type: 'agent', agentId: 'a' },
    ]);
  });

  it('keeps chats through a reconnect within the grace period', () => {
    const sim = new Sim(stateOf({ agents: [agent('a')] }));
    sim.queue('c1');
    sim.run({ type: 'agent_disconnected', agentId: 'a' }, 1_000);
    expect(sim.last?.wakeAt).toBe(61_000);
    sim.run({ type: 'agent_connected', agentId: 'a' }, 60_999);
    sim.advance(HOUR);
    expect(sim.conversation('c1').assigneeId).toBe('a');
  });

  it('requeues to the head when the grace period ends; the chosen status stays', () => {
    const sim = new Sim(
      stateOf({ agents: [agent('a', { capacity: 2 }), agent('b', { capacity: 0 })] }),
    );
    sim.queue('c1');
    sim.queue('c2');
    sim.run(
      { type: 'conversation_queued', conversationId: 'newer', department: 'pre_sales', vip: false },
      30_000,
    );
    sim.run({ type: 'agent_disconnected', agentId: 'a' }, 40_000);
    const r = sim.run({ type: 'tick' }, 100_000);
    expect(r.decisions).toMatchObject([
      { type: 'requeue', conversationId: 'c1', reason: 'agent_disconnected', fromAgentId: 'a' },
      { type: 'requeue', conversationId: 'c2', reason: 'agent_disconnected', fromAgentId: 'a' },
    ]);
    expect(sim.agent('a')).toMatchObject({ status: 'online', open: 0 });
    sim.run({ type: 'agent_changed', agentId: 'b', capacity: 1 });
    // The requeued are next in line, ahead of one that had been waiting.
    expect(sim.conversation('c1').assigneeId).toBe('b');
    expect(sim.conversation('newer').state).toBe('queued');
  });

  it('signing out or being disabled requeues at once', () => {
    const sim = new Sim(stateOf({ agents: [agent('a'), agent('b')] }));
    sim.queue('c1');
    sim.queue('c2');
    sim.run({ type: 'agent_status', agentId: 'a', status: 'offline' });
    expect(sim.decisions.find((d) => d.type === 'requeue')).toMatchObject({
      conversationId: 'c1',
      reason: 'agent_signed_out',
    });
    expect(sim.conversation('c1').assigneeId).toBe('b');
    sim.run({ type: 'agent_changed', agentId: 'b', disabled: true });
    expect(sim.agent('b')).toMatchObject({ status: 'offline', disabled: true, open: 0 });
    expect(sim.last?.decisions.filter((d) => d.type === 'requeue')).toMatchObject([
      { reason: 'agent_disabled' },
      { reason: 'agent_disabled' },
    ]);
  });

  it('away keeps current chats but takes no new ones; back online drains the queue', () => {
    const sim = new Sim(stateOf({ agents: [agent('a')] }));
    sim.queue('c1');
    sim.run({ type: 'agent_status', agentId: 'a', status: 'away' });
    sim.queue('c2');
    expect(sim.conversation('c1').assigneeId).toBe('a');
    expect(sim.conversation('c2').state).toBe('queued');
    sim.run({ type: 'agent_status', agentId: 'a', status: 'online' });
    expect(sim.conversation('c2').assigneeId).toBe('a');
  });
});

describe('departments change', () => {
  it('switching a department to automatic drains its queue', () => {
    const sim = new Sim(
      stateOf({ departments: [department('pre_sales', { mode: 'manual' })], agents: [agent('a')] }),
    );
    sim.queue('c1');
    sim.run({ type: 'department_changed', department: department('pre_sales') });
    expect(sim.conversation('c1').assigneeId).toBe('a');
  });

  it('refuses an unknown time zone', () => {
    const sim = new Sim(stateOf({}));
    const bad = department('pre_sales', { hours: { ...neverOpen, timeZone: 'Nowhere/Else' } });
    expect(sim.run({ type: 'department_changed', department: bad }).refusal?.code).toBe(
      'invalid_payload',
    );
  });

  it('asks to be woken when business hours open', () => {
    const hours: BusinessHours = {
      ...neverOpen,
      exceptions: { '1970-01-02': [{ from: 540, to: 1020 }] },
    };
    const sim = new Sim(stateOf({ departments: [department('pre_sales', { hours })] }));
    // 09:00 in New York on 1970-01-02 (EST, UTC−5).
    expect(sim.advance(0).wakeAt).toBe(24 * HOUR + 14 * HOUR);
  });
});
