/**
 * The one authorization policy: may this actor do this action on this resource?
 * Pure — no I/O, no clock — so every socket event and HTTP route can ask it before
 * acting, and one table test covers every action for every kind of actor.
 *
 * It decides on facts read before the write, or, for a message, inside the append's
 * transaction (the store asks it there: one read on the hot path). Where a decision
 * could be overtaken by a concurrent change (a chat resolved or claimed in between),
 * the store re-checks atomically inside its write transaction: message append refuses
 * a resolved chat or a non-holder's text, a claim assigns only a still-waiting chat.
 * The policy never replaces those checks; it makes the refusal uniform.
 *
 * Checks run in a fixed order, so each refusal has one code:
 * 1. scope (conversations only): a visitor sees only their own conversations — any
 *    other is `not_found`, so ids leak nothing; staff see their departments' and those
 *    assigned to them, supervisors, QA and admins all — any other is `forbidden`;
 * 2. who: the kinds of actor the action is for — anyone else is `forbidden`;
 * 3. conditions on the resource, in the order listed: a resolved conversation refuses
 *    writes with `conversation_closed`, a chat held by someone else is `forbidden`.
 */
import type { ErrorCode } from '@switchboard/shared';
import { fail } from '../errors.ts';
import {
  ACTOR_KINDS,
  type Action,
  type ActionTargets,
  type Actor,
  type ActorKind,
  type AgentResource,
  actorKind,
  type ConversationResource,
  type DepartmentResource,
  type TargetArgs,
} from './actions.ts';

export type RefusalCode = Extract<ErrorCode, 'forbidden' | 'not_found' | 'conversation_closed'>;

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** For developers; people read the client's own text for the code. */
  message: string;
}

export type Decision = { ok: true } | Refusal;

type TargetKind<T> = T extends null
  ? 'none'
  : T extends ConversationResource
    ? 'conversation'
    : T extends DepartmentResource
      ? 'department'
      : 'agent';

/** `public`: anyone, signed in or not; otherwise the kinds of actor it is for. */
export type Audience = 'public' | readonly ActorKind[];

interface Rule<A extends Action> {
  target: TargetKind<ActionTargets[A]>;
  who: Audience;
  check: (actor: Actor, ...resource: TargetArgs<A>) => Refusal | null;
}

type Condition<T> = (actor: Actor, resource: T) => Refusal | null;

const refuse = (code: RefusalCode, message: string): Refusal => ({ ok: false, code, message });

const EVERYONE = ACTOR_KINDS;
const STAFF = ['agent', 'supervisor', 'qa', 'admin'] as const;
/** Staff who handle chats. QA reads every transcript but never writes to visitors. */
const HANDLERS = ['agent', 'supervisor', 'admin'] as const;
/** Staff who may act on any conversation of any department. */
const LEADS = ['supervisor', 'admin'] as const;
const READS_ALL: readonly ActorKind[] = ['supervisor', 'qa', 'admin'];

function isLead(actor: Actor): boolean {
  return actor.kind === 'staff' && (actor.role === 'supervisor' || actor.role === 'admin');
}

function inAudience(who: Audience, actor: Actor): Refusal | null {
  if (who === 'public' || who.includes(actorKind(actor))) return null;
  return refuse('forbidden', `not for ${actorKind(actor)}`);
}

function scope(actor: Actor, c: ConversationResource): Refusal | null {
  if (actor.kind === 'visitor') {
    return c.visitorId === actor.id ? null : refuse('not_found', 'no such conversation');
  }
  const sees =
    READS_ALL.includes(actor.role) ||
    c.assigneeId === actor.id ||
    actor.departments.includes(c.department);
  return sees ? null : refuse('forbidden', 'conversation belongs to another department');
}

function first<T>(conditions: readonly Condition<T>[], actor: Actor, resource: T): Refusal | null {
  for (const condition of conditions) {
    const refusal = condition(actor, resource);
    if (refusal) return refusal;
  }
  return null;
}

const onConversation = (
  who: Audience,
  ...when: Condition<ConversationResource>[]
): {
  target: 'conversation';
  who: Audience;
  check: Condition<ConversationResource>;
} => ({
  target: 'conversation',
  who,
  check: (actor, c) => scope(actor, c) ?? inAudience(who, actor) ?? first(when, actor, c),
});

const onDepartment = (who: Audience, ...when: Condition<DepartmentResource>[]) => ({
  target: 'department' as const,
  who,
  check: (actor: Actor, d: DepartmentResource) => inAudience(who, actor) ?? first(when, actor, d),
});

const onAgent = (who: Audience, ...when: Condition<AgentResource>[]) => ({
  target: 'agent' as const,
  who,
  check: (actor: Actor, a: AgentResource) => inAudience(who, actor) ?? first(when, actor, a),
});

const onNothing = (who: Audience) => ({
  target: 'none' as const,
  who,
  check: (actor: Actor) => inAudience(who, actor),
});

// ---- conditions on the resource -------------------------------------------------

const open: Condition<ConversationResource> = (_actor, c) =>
  c.status === 'resolved' ? refuse('conversation_closed', 'conversation is resolved') : null;

/** The visitor of their own chat (scope saw to that), or the agent it is assigned to. */
const holder: Condition<ConversationResource> = (actor, c) =>
  actor.kind === 'visitor' || c.assigneeId === actor.id
    ? null
    : refuse('forbidden', 'only the agent holding it');

const holderUnlessLead: Condition<ConversationResource> = (actor, c) =>
  isLead(actor) ? null : holder(actor, c);

function memberUnlessLead(actor: Actor, department: string): Refusal | null {
  if (isLead(actor) || (actor.kind === 'staff' && actor.departments.includes(department))) {
    return null;
  }
  return refuse('forbidden', `not a member of ${department}`);
}

/** Agents hold chats of their departments; supervisors and admins may hold any. */
const mayHold: Condition<ConversationResource> = (actor, c) =>
  memberUnlessLead(actor, c.department);

const unclaimed: Condition<ConversationResource> = (actor, c) => {
  if (c.assigneeId === null) return mayHold(actor, c);
  // Claiming what one already holds is a no-op, so a retried claim succeeds.
  return c.assigneeId === actor.id
    ? null
    : refuse('forbidden', 'conversation is held by another agent');
};

const self: Condition<AgentResource> = (actor, a) =>
  a.agentId === actor.id ? null : refuse('forbidden', 'only your own');

const memberOf: Condition<DepartmentResource> = (actor, d) =>
  memberUnlessLead(actor, d.departmentId);

// ---- the rules ------------------------------------------------------------------

/**
 * One rule per action. docs/protocol.md shows the same table for people; the table
 * test in policy.test.ts shows it cell by cell.
 */
const RULES: { [A in Action]: Rule<A> } = {
  'auth:login': onNothing('public'),
  'auth:logout': onNothing('public'),
  'widget:config': onNothing('public'),
  'widget:session': onNothing('public'),
  'session:read': onNothing(STAFF),
  'password:change': onNothing(STAFF),
  'docs:read': onNothing('public'),

  'conversation:start': onDepartment(['visitor']),
  'conversation:read': onConversation(EVERYONE),
  'message:text': onConversation(['visitor', ...HANDLERS], open, holder),
  // Notes are the hand-off channel of those who handle the chat. QA's remarks go to
  // the agent through reviews (the QA issue), so QA writes nothing into a chat.
  'message:note': onConversation(HANDLERS, open),
  // Only the holder is shown typing; a resolved chat still passes it on, as the
  // visitor may be about to write again (and reopen it).
  'conversation:typing': onConversation(['visitor', ...HANDLERS], holder),
  'conversation:claim': onConversation(HANDLERS, open, unclaimed),
  'conversation:hold': onConversation(HANDLERS, mayHold),
  // Resolving a resolved chat is a no-op, so it is not refused as closed.
  'conversation:resolve': onConversation(HANDLERS, holderUnlessLead),
  // Reopening an open chat is a no-op. The visitor reopens by writing again; whether
  // that is within the reopen window is routing's rule, not a right.
  'conversation:reopen': onConversation(['visitor', ...HANDLERS]),
  'conversation:transfer': onConversation(HANDLERS, open, holderUnlessLead),
  'conversation:reassign': onConversation(LEADS, open),
  'queue:leave': onConversation(['visitor'], open),
  'message:leave': onDepartment(['visitor']),

  // QA may set a status too (the console shows it to all staff); routing never
  // assigns QA a chat whatever their status, because `conversation:hold` refuses.
  'agent:status': onAgent(STAFF, self),
  'queue:view': onDepartment(HANDLERS, memberOf),
  'board:view': onNothing(LEADS),
  'directory:read': onNothing(STAFF),
  'agents:manage': onNothing(['admin']),
  'departments:manage': onNothing(['admin']),
  'sites:manage': onNothing(['admin']),
  'audit:read': onNothing(['admin']),
  'transcripts:search': onNothing(['qa', ...LEADS]),
  // Everyone on staff; an agent's report covers only the chats they held (the route
  // narrows it), QA and leads see all.
  'reports:read': onNothing(STAFF),
  'reports:export': onNothing(LEADS),
};

const ALLOWED: Decision = { ok: true };

/** May `actor` do `action` (on `resource`, for actions that act on one)? */
export function authorize<A extends Action>(
  actor: Actor,
  action: A,
  ...resource: TargetArgs<A>
): Decision {
  const rule: Rule<A> = RULES[action];
  return rule.check(actor, ...resource) ?? ALLOWED;
}

/** `authorize`, throwing the refusal as a HubError for the ack or HTTP reply. */
export function assertAllowed<A extends Action>(
  actor: Actor,
  action: A,
  ...resource: TargetArgs<A>
): void {
  const decision = authorize(actor, action, ...resource);
  if (!decision.ok) fail(decision.code, decision.message);
}

/**
 * Whether this kind of actor may do the action at all, on some resource: what an
 * HTTP route checks before it has loaded its resource, and what a client may show.
 */
export function permits(kind: ActorKind, action: Action): boolean {
  const { who } = RULES[action];
  return who === 'public' || who.includes(kind);
}

/** Open to anyone, signed in or not: such routes load no session at all. */
export function isPublic(action: Action): boolean {
  return RULES[action].who === 'public';
}
