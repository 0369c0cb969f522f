import type {
  ConversationEvent,
  ConversationEventData,
  ConversationEventOf,
  ConversationEventType,
} from '@switchboard/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationFacts, FCR_WINDOW_MS } from './facts.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const LATER = T0 + 30 * 24 * HOUR; // every FCR window has closed

/** One event, `offset` ms after T0; `log` numbers them. */
function ev<T extends ConversationEventType>(
  offset: number,
  type: T,
  data: ConversationEventData[T],
): ConversationEventOf<T> {
  return { conversationId: 'c1', seq: 0, type, at: T0 + offset, actor: SYSTEM, data };
}
const SYSTEM = { kind: 'system', id: null, name: null } as const;

/** A conversation's log, in the order given. */
const log = (...events: ConversationEvent[]): ConversationEvent[] =>
  events.map((e, i) => ({ ...e, seq: i + 1 }));

const queued = (department = 'pre_sales') => ({ department });
const assigned = (agentId: string, by: 'auto' | 'claim' | 'transfer' = 'auto') => ({
  agentId,
  agentName: agentId,
  by,
});
const resolved = (assigneeId: string | null) => ({ assigneeId });

describe('conversation facts (PRODUCT.md definitions)', () => {
  it('a plain chat: queued, assigned, answered, resolved', () => {
    const f = conversationFacts(
      log(
        ev(0, 'queued', queued()),
        ev(30 * S, 'assigned', assigned('ann')),
        ev(10 * MIN, 'resolved', resolved('ann')),
      ),
      [50 * S + T0, 2 * MIN + T0],
      'pre_sales',
      LATER,
    );
    expect(f).toMatchObject({
      department: 'pre_sales',
      startedAt: T0,
      agentId: 'ann',
      frtMs: 50 * S,
      waitMs: 30 * S,
      queued: true,
      abandoned: false,
      resolutionMs: 10 * MIN,
      fcr: true,
      transferred: false,
      leftMessage: false,
    });
    expect(f?.handle).toEqual([
      {
        agentId: 'ann',
        department: 'pre_sales',
        from: T0 + 30 * S,
        to: T0 + 10 * MIN,
        resolved: true,
      },
    ]);
  });

  it('a transfer: FRT from the first queue, each agent their own stretch, no FCR', () => {
    const f = conversationFacts(
      log(
        ev(0, 'queued', queued('pre_sales')),
        ev(10 * S, 'assigned', assigned('ann')),
        ev(60 * S, 'transferred', {
          fromAgentId: 'ann',
          fromDepartment: 'pre_sales',
          toDepartment: 'technical',
          toAgentId: null,
          note: 'billing bug',
        }),
        ev(60 * S, 'queued', queued('technical')),
        ev(90 * S, 'assigned', assigned('bob', 'transfer')),
        ev(300 * S, 'resolved', resolved('bob')),
      ),
      [T0 + 20 * S, T0 + 120 * S],
      'technical',
      LATER,
    );
    expect(f).toMatchObject({
      department: 'pre_sales',
      agentId: 'bob',
      frtMs: 20 * S,
      waitMs: 10 * S,
      fcr: false,
      transferred: true,
    });
    expect(f?.handle.map((s) => [s.agentId, s.department, s.to - s.from, s.resolved])).toEqual([
      ['ann', 'pre_sales', 50 * S, false],
      ['bob', 'technical', 210 * S, true],
    ]);
  });

  it('a requeue when the agent dropped: the next agent answers; still first-contact', () => {
    const f = conversationFacts(
      log(
        ev(0, 'queued', queued()),
        ev(10 * S, 'assigned', assigned('ann')),
        ev(100 * S, 'requeued', { reason: 'agent_disconnected', fromAgentId: 'ann' }),
        ev(130 * S, 'assigned', assigned('bob')),
        ev(200 * S, 'resolved', resolved('bob')),
      ),
      [T0 + 140 * S],
      'pre_sales',
      LATER,
    );
    expect(f).toMatchObject({ frtMs: 140 * S, waitMs: 10 * S, fcr: true, agentId: 'bob' });
    expect(f?.handle.map((s) => [s.agentId, s.to - s.from])).toEqual([
      ['ann', 90 * S],
      ['bob', 70 * S],
    ]);
  });

  it('FCR: a reopen within 72 h undoes it, one after does not, and it waits for the window', () => {
    const base = [
      ev(0, 'queued', queued()),
      ev(S, 'assigned', assigned('ann')),
      ev(MIN, 'resolved', resolved('ann')),
    ];
    const reopenAt = (after: number) =>
      conversationFacts(
        log(
          ...base,
          ev(MIN + after, 'reopened', {}),
          ev(MIN + after + S, 'assigned', { agentId: 'ann', agentName: 'ann', by: 'reopen' }),
        ),
        [T0 + 2 * S],
        'pre_sales',
        LATER,
      )?.fcr;
    expect(reopenAt(HOUR)).toBe(false);
    expect(reopenAt(FCR_WINDOW_MS)).toBe(false);
    expect(reopenAt(FCR_WINDOW_MS + 1)).toBe(true);
    const resolvedAt = T0 + MIN;
    const at = (now: number) => conversationFacts(log(...base), [], 'pre_sales', now)?.fcr;
    expect(at(resolvedAt + FCR_WINDOW_MS)).toBeNull();
    expect(at(resolvedAt + FCR_WINDOW_MS + 1)).toBe(true);
    expect(
      conversationFacts(log(ev(0, 'queued', queued())), [], 'pre_sales', LATER)?.fcr,
    ).toBeNull();
  });

  it('no agent reply: no FRT, yet resolved; notes are not replies (the caller passes texts)', () => {
    const f = conversationFacts(
      log(
        ev(0, 'queued', queued()),
        ev(S, 'assigned', assigned('ann')),
        ev(MIN, 'resolved', resolved('ann')),
      ),
      [],
      'pre_sales',
      LATER,
    );
    expect(f).toMatchObject({ frtMs: null, resolutionMs: MIN, waitMs: S });
  });

  it('abandoned: the visitor left while queued; never assigned, no agent', () => {
    const f = conversationFacts(
      log(ev(0, 'queued', queued()), ev(MIN, 'left_queue', {})),
      [],
      'pre_sales',
      LATER,
    );
    expect(f).toMatchObject({
      abandoned: true,
      queued: true,
      waitMs: null,
      agentId: null,
      handle: [],
      resolutionMs: null,
      fcr: null,
    });
  });

  it('a message left straight away: no queue, no FRT, its answer time', () => {
    const f = conversationFacts(
      log(
        ev(0, 'message_left', { name: '王先生', email: 'w@example.com' }),
        ev(3 * HOUR, 'assigned', assigned('ann', 'claim')),
        ev(3 * HOUR + MIN, 'resolved', resolved('ann')),
      ),
      [T0 + 2 * HOUR, T0 + 3 * HOUR + 30 * S],
      'after_sales',
      LATER,
    );
    expect(f).toMatchObject({
      department: 'after_sales',
      queued: false,
      frtMs: null,
      leftMessage: true,
      leftMessageAnswerMs: 2 * HOUR,
      abandoned: false,
    });
  });

  it('queued, then a message left instead of waiting: not abandoned; FRT from the queue', () => {
    const f = conversationFacts(
      log(
        ev(0, 'queued', queued()),
        ev(5 * MIN, 'message_left', { name: '', email: 'x@example.com' }),
      ),
      [T0 + 65 * MIN],
      'pre_sales',
      LATER,
    );
    expect(f).toMatchObject({ abandoned: false, frtMs: 65 * MIN, leftMessageAnswerMs: 60 * MIN });
  });

  it('SLA breaches, per target, from the breach events (warnings are not breaches)', () => {
    const f = conversationFacts(
      log(
        ev(0, 'queued', queued()),
        ev(48 * S, 'sla_warning', { target: 'first_response', dueAt: T0 + MIN }),
        ev(MIN, 'sla_breached', { target: 'first_response', dueAt: T0 + MIN }),
      ),
      [],
      'pre_sales',
      LATER,
    );
    expect(f?.slaBreached).toEqual({ firstResponse: true, resolution: false });
  });

  it('nothing logged, no facts', () => {
    expect(conversationFacts([], [], 'pre_sales', LATER)).toBeNull();
  });
});

/** Random but well-formed lifecycles, as routing writes them. */
const lifecycle = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 0, max: 10 * MIN }),
      step: fc.constantFrom(
        'assign',
        'transfer',
        'requeue',
        'resolve',
        'reopen',
        'leave',
        'breach',
      ),
      agent: fc.constantFrom('ann', 'bob', 'cat'),
    }),
    { maxLength: 30 },
  )
  .map((steps) => {
    const entries: ConversationEvent[] = [];
    let at = T0;
    let state: 'queued' | 'assigned' | 'resolved' | 'left' = 'queued';
    const push = (e: ConversationEvent) => entries.push({ ...e, seq: entries.length + 1 });
    push(ev(at - T0, 'queued', { department: 'pre_sales' }));
    for (const { gap, step, agent } of steps) {
      at += gap;
      if (state === 'queued' && step === 'assign') {
        push(ev(at - T0, 'assigned', { agentId: agent, agentName: agent, by: 'auto' }));
        state = 'assigned';
      } else if (state === 'queued' && step === 'leave') {
        push(ev(at - T0, 'left_queue', {}));
        state = 'left';
      } else if (state === 'assigned' && step === 'transfer') {
        push(
          ev(at - T0, 'transferred', {
            fromAgentId: agent,
            fromDepartment: 'pre_sales',
            toDepartment: 'technical',
            toAgentId: null,
            note: '',
          }),
        );
        push(ev(at - T0, 'queued', { department: 'technical' }));
        state = 'queued';
      } else if (state === 'assigned' && step === 'requeue') {
        push(ev(at - T0, 'requeued', { reason: 'agent_disconnected', fromAgentId: agent }));
        state = 'queued';
      } else if (state === 'assigned' && step === 'resolve') {
        push(ev(at - T0, 'resolved', { assigneeId: agent }));
        state = 'resolved';
      } else if (state === 'resolved' && step === 'reopen') {
        push(ev(at - T0, 'reopened', {}));
        push(ev(at - T0, 'queued', { department: 'pre_sales' }));
        state = 'queued';
      } else if (step === 'breach') {
        push(ev(at - T0, 'sla_breached', { target: 'first_response', dueAt: at }));
      }
    }
    return { entries, end: at };
  });

describe('conversation facts, any lifecycle', () => {
  it('property: durations are non-negative, stretches ordered and disjoint, FCR consistent', () => {
    fc.assert(
      fc.property(
        lifecycle,
        fc.array(fc.integer({ min: 0, max: 300 * MIN }), { maxLength: 5 }),
        ({ entries, end }, replies) => {
          const f = conversationFacts(
            entries,
            replies.map((r) => T0 + r),
            'pre_sales',
            end + FCR_WINDOW_MS + 1,
          );
          if (!f) throw new Error('facts of a non-empty log');
          for (const ms of [f.frtMs, f.waitMs, f.resolutionMs])
            if (ms !== null) expect(ms).toBeGreaterThanOrEqual(0);
          let last = T0;
          for (const s of f.handle) {
            expect(s.from).toBeGreaterThanOrEqual(last);
            expect(s.to).toBeGreaterThanOrEqual(s.from);
            last = s.to;
          }
          expect(f.handle.filter((s) => s.resolved).length).toBe(
            entries.filter((e) => e.type === 'resolved').length,
          );
          if (f.transferred) expect(f.fcr).not.toBe(true);
          if (f.resolvedAt !== null) expect(f.fcr).not.toBeNull();
          if (f.abandoned) expect(f.handle.length === 0 || f.waitMs !== null).toBe(true);
        },
      ),
    );
  });
});
