import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS, type Actor, actorKind, type ConversationResource } from './actions.ts';
import { authorize, permits } from './policy.ts';

/**
 * What must hold for any actor and any conversation, beyond the cells of the table
 * test: random departments, ids and states, including actors who are their own
 * conversation's visitor or assignee by accident of the draw.
 */

const CONVERSATION_ACTIONS = [
  'conversation:read',
  'message:text',
  'message:note',
  'conversation:typing',
  'conversation:claim',
  'conversation:hold',
  'conversation:resolve',
  'conversation:reopen',
  'conversation:transfer',
  'conversation:reassign',
  'queue:leave',
] as const;

const WRITES = [
  'message:text',
  'message:note',
  'conversation:claim',
  'conversation:transfer',
  'conversation:reassign',
  'queue:leave',
] as const;

const DEPARTMENTS = ['pre_sales', 'post_sales', 'technical', 'billing'];
// Two ids, so that an actor is often the conversation's own visitor or assignee.
const ids = fc.constantFrom('a', 'b');
const runs = { numRuns: 1000 };

const actor: fc.Arbitrary<Actor> = fc.oneof(
  fc.record({ kind: fc.constant('visitor' as const), id: ids, siteId: fc.constant('site') }),
  fc.record({
    kind: fc.constant('staff' as const),
    id: ids,
    role: fc.constantFrom('agent' as const, 'supervisor' as const, 'qa' as const, 'admin' as const),
    departments: fc.subarray(DEPARTMENTS),
  }),
);

const conversationIn = (
  ...statuses: ConversationResource['status'][]
): fc.Arbitrary<ConversationResource> =>
  fc
    .record({
      visitorId: ids,
      department: fc.constantFrom(...DEPARTMENTS),
      status: fc.constantFrom(...statuses),
      assignee: ids,
    })
    .map(({ visitorId, department, status, assignee }) => ({
      id: 'c',
      visitorId,
      department,
      status,
      // Waiting chats have no holder; resolved ones keep their last.
      assigneeId: status === 'queued' ? null : assignee,
    }));
const conversation = conversationIn('queued', 'assigned', 'resolved');

const action = fc.constantFrom(...CONVERSATION_ACTIONS);

describe('policy invariants', () => {
  it("never tells a visitor anything about another visitor's conversation", () => {
    fc.assert(
      fc.property(actor, conversation, action, (a, c, act) => {
        fc.pre(a.kind === 'visitor' && c.visitorId !== a.id);
        const decision = authorize(a, act, c);
        expect(decision.ok === false && decision.code).toBe('not_found');
      }),
      runs,
    );
  });

  it('allows nothing on a conversation the actor may not read', () => {
    fc.assert(
      fc.property(actor, conversation, action, (a, c, act) => {
        fc.pre(!authorize(a, 'conversation:read', c).ok);
        expect(authorize(a, act, c)).toEqual(authorize(a, 'conversation:read', c));
      }),
      runs,
    );
  });

  it('lets only the holder write text to the visitor, and never into a resolved chat', () => {
    fc.assert(
      fc.property(actor, conversation, (a, c) => {
        fc.pre(authorize(a, 'message:text', c).ok);
        expect(c.status).not.toBe('resolved');
        if (a.kind === 'staff') expect(c.assigneeId).toBe(a.id);
        else expect(c.visitorId).toBe(a.id);
      }),
      runs,
    );
  });

  it('refuses every write to a resolved conversation', () => {
    fc.assert(
      fc.property(actor, conversationIn('resolved'), fc.constantFrom(...WRITES), (a, c, act) => {
        expect(authorize(a, act, c).ok).toBe(false);
      }),
      runs,
    );
  });

  it('lets QA read everything and change nothing', () => {
    fc.assert(
      fc.property(actor, conversation, action, (a, c, act) => {
        fc.pre(a.kind === 'staff' && a.role === 'qa');
        expect(authorize(a, act, c).ok).toBe(act === 'conversation:read');
      }),
      runs,
    );
  });

  it('allows nothing that permits() says the kind of actor may never do', () => {
    fc.assert(
      fc.property(actor, conversation, action, (a, c, act) => {
        if (authorize(a, act, c).ok) expect(permits(actorKind(a), act)).toBe(true);
      }),
      runs,
    );
    for (const kind of ACTOR_KINDS) expect(permits(kind, 'auth:login')).toBe(true);
  });
});
