import { describe, expect, it } from 'vitest';
import {
  ACTOR_KINDS,
  type Action,
  type ActionTargets,
  type Actor,
  type ActorKind,
  type ConversationResource,
  type DepartmentResource,
} from './actions.ts';
import { authorize, type Decision, isPublic, permits, type RefusalCode } from './policy.ts';

/**
 * The policy, cell by cell: every action for every kind of actor, over the resources
 * that change the answer. The table's type is a record over every action and every
 * actor kind, so a new action without its row does not compile.
 */

type Expected = 'ok' | RefusalCode;
const ok = 'ok';
const F = 'forbidden';
const N = 'not_found';
const C = 'conversation_closed';

// Every staff actor is `s1`, member of pre_sales only; `s2` is a colleague. The
// visitor actor is `v1`; `v2` is another visitor.
const ME = 's1';
const COLLEAGUE = 's2';

/**
 * The conversation columns, in order. The first five are v1's (the visitor actor's
 * own) in pre_sales, the actor's department; the last three are v2's in technical.
 */
const CONVERSATIONS = {
  waiting: { visitorId: 'v1', department: 'pre_sales', status: 'queued', assigneeId: null },
  mine: { visitorId: 'v1', department: 'pre_sales', status: 'assigned', assigneeId: ME },
  colleagues: {
    visitorId: 'v1',
    department: 'pre_sales',
    status: 'assigned',
    assigneeId: COLLEAGUE,
  },
  resolvedMine: { visitorId: 'v1', department: 'pre_sales', status: 'resolved', assigneeId: ME },
  resolvedColleagues: {
    visitorId: 'v1',
    department: 'pre_sales',
    status: 'resolved',
    assigneeId: COLLEAGUE,
  },
  mineElsewhere: { visitorId: 'v2', department: 'technical', status: 'assigned', assigneeId: ME },
  elsewhere: {
    visitorId: 'v2',
    department: 'technical',
    status: 'assigned',
    assigneeId: COLLEAGUE,
  },
  waitingElsewhere: {
    visitorId: 'v2',
    department: 'technical',
    status: 'queued',
    assigneeId: null,
  },
} satisfies Record<string, Omit<ConversationResource, 'id'>>;

/** [waiting, mine, colleagues, resolvedMine, resolvedColleagues, mineElsewhere, elsewhere, waitingElsewhere] */
type ConversationCells = readonly [
  Expected,
  Expected,
  Expected,
  Expected,
  Expected,
  Expected,
  Expected,
  Expected,
];
/** [pre_sales (the actor's department), technical] */
type DepartmentCells = readonly [Expected, Expected];
/** [the actor themselves, a colleague] */
type AgentCells = readonly [Expected, Expected];

type Cells<T> = T extends null
  ? never
  : T extends ConversationResource
    ? ConversationCells
    : T extends DepartmentResource
      ? DepartmentCells
      : AgentCells;

/** One answer for every resource, or one per column. */
type Cell<A extends Action> = Expected | Cells<ActionTargets[A]>;
type Row<A extends Action> = 'public' | Record<ActorKind, Cell<A>>;

const own = (e: Expected): ConversationCells => [e, e, e, e, e, N, N, N];
const visitorOnly = { agent: F, supervisor: F, qa: F, admin: F } as const;

const TABLE: { [A in Action]: Row<A> } = {
  'auth:login': 'public',
  'auth:logout': 'public',
  'widget:config': 'public',
  'widget:session': 'public',
  'session:read': { visitor: F, agent: ok, supervisor: ok, qa: ok, admin: ok },
  'password:change': { visitor: F, agent: ok, supervisor: ok, qa: ok, admin: ok },
  'docs:read': 'public',

  'conversation:start': { visitor: ok, ...visitorOnly },
  'conversation:read': {
    visitor: own(ok),
    agent: [ok, ok, ok, ok, ok, ok, F, F],
    supervisor: ok,
    qa: ok,
    admin: ok,
  },
  'message:text': {
    visitor: [ok, ok, ok, C, C, N, N, N],
    agent: [F, ok, F, C, C, ok, F, F],
    supervisor: [F, ok, F, C, C, ok, F, F],
    qa: F,
    admin: [F, ok, F, C, C, ok, F, F],
  },
  'message:note': {
    visitor: own(F),
    agent: [ok, ok, ok, C, C, ok, F, F],
    supervisor: [ok, ok, ok, C, C, ok, ok, ok],
    qa: F,
    admin: [ok, ok, ok, C, C, ok, ok, ok],
  },
  'conversation:typing': {
    visitor: own(ok),
    agent: [F, ok, F, ok, F, ok, F, F],
    supervisor: [F, ok, F, ok, F, ok, F, F],
    qa: F,
    admin: [F, ok, F, ok, F, ok, F, F],
  },
  'conversation:claim': {
    visitor: own(F),
    agent: [ok, ok, F, C, C, ok, F, F],
    supervisor: [ok, ok, F, C, C, ok, F, ok],
    qa: F,
    admin: [ok, ok, F, C, C, ok, F, ok],
  },
  'conversation:hold': {
    visitor: own(F),
    agent: [ok, ok, ok, ok, ok, F, F, F],
    supervisor: ok,
    qa: F,
    admin: ok,
  },
  'conversation:resolve': {
    visitor: own(F),
    agent: [F, ok, F, ok, F, ok, F, F],
    supervisor: ok,
    qa: F,
    admin: ok,
  },
  'conversation:reopen': {
    visitor: own(ok),
    agent: [ok, ok, ok, ok, ok, ok, F, F],
    supervisor: ok,
    qa: F,
    admin: ok,
  },
  'conversation:transfer': {
    visitor: own(F),
    agent: [F, ok, F, C, C, ok, F, F],
    supervisor: [ok, ok, ok, C, C, ok, ok, ok],
    qa: F,
    admin: [ok, ok, ok, C, C, ok, ok, ok],
  },
  'conversation:reassign': {
    visitor: own(F),
    agent: F,
    supervisor: [ok, ok, ok, C, C, ok, ok, ok],
    qa: F,
    admin: [ok, ok, ok, C, C, ok, ok, ok],
  },
  'queue:leave': { visitor: [ok, ok, ok, C, C, N, N, N], ...visitorOnly },
  'message:leave': { visitor: ok, ...visitorOnly },

  'agent:status': { visitor: F, agent: [ok, F], supervisor: [ok, F], qa: [ok, F], admin: [ok, F] },
  'queue:view': { visitor: F, agent: [ok, F], supervisor: ok, qa: F, admin: ok },
  'board:view': { visitor: F, agent: F, supervisor: ok, qa: F, admin: ok },
  'directory:read': { visitor: F, agent: ok, supervisor: ok, qa: ok, admin: ok },
  'agents:manage': { visitor: F, agent: F, supervisor: F, qa: F, admin: ok },
  'departments:manage': { visitor: F, agent: F, supervisor: F, qa: F, admin: ok },
  'sites:manage': { visitor: F, agent: F, supervisor: F, qa: F, admin: ok },
  'audit:read': { visitor: F, agent: F, supervisor: F, qa: F, admin: ok },
  'transcripts:search': { visitor: F, agent: F, supervisor: ok, qa: ok, admin: ok },
  'reports:read': { visitor: F, agent: ok, supervisor: ok, qa: ok, admin: ok },
  'reports:export': { visitor: F, agent: F, supervisor: ok, qa: F, admin: ok },
};

function actorOf(kind: ActorKind): Actor {
  return kind === 'visitor'
    ? { kind: 'visitor', id: 'v1', siteId: 'site' }
    : { kind: 'staff', id: ME, role: kind, departments: ['pre_sales'] };
}

const outcome = (d: Decision): Expected => (d.ok ? ok : d.code);

/**
 * Every (resource label, decision) of one cell. The switch is over what the action
 * acts on; each branch calls authorize with that action narrowed to its resource.
 */
function decide(action: Action, actor: Actor): [string, Decision][] {
  const conversations = Object.entries(CONVERSATIONS).map(
    ([name, c]) => [name, { id: `c-${name}`, ...c }] as const,
  );
  switch (action) {
    case 'auth:login':
    case 'auth:logout':
    case 'widget:config':
    case 'widget:session':
    case 'session:read':
    case 'password:change':
    case 'audit:read':
    case 'docs:read':
    case 'board:view':
    case 'directory:read':
    case 'agents:manage':
    case 'departments:manage':
    case 'sites:manage':
    case 'transcripts:search':
    case 'reports:read':
    case 'reports:export':
      return [['-', authorize(actor, action)]];
    case 'conversation:start':
    case 'message:leave':
    case 'queue:view':
      return ['pre_sales', 'technical'].map((d) => [
        d,
        authorize(actor, action, { departmentId: d }),
      ]);
    case 'agent:status':
      return [ME, COLLEAGUE].map((id) => [id, authorize(actor, action, { agentId: id })]);
    case 'conversation:read':
    case 'message:text':
    case 'message:note':
    case 'conversation:typing':
    case 'conversation:claim':
    case 'conversation:hold':
    case 'conversation:resolve':
    case 'conversation:reopen':
    case 'conversation:transfer':
    case 'conversation:reassign':
    case 'queue:leave':
      return conversations.map(([name, c]) => [name, authorize(actor, action, c)]);
  }
}

function expectedOf(cell: Expected | readonly Expected[], count: number): Expected[] {
  return typeof cell === 'string' ? Array<Expected>(count).fill(cell) : [...cell];
}

const ACTIONS = Object.keys(TABLE) as Action[];

describe('the authorization policy', () => {
  for (const action of ACTIONS) {
    const row = TABLE[action];
    for (const kind of ACTOR_KINDS) {
      it(`${action} by ${kind}`, () => {
        const decisions = decide(action, actorOf(kind));
        const cell = row === 'public' ? ok : row[kind];
        const want = expectedOf(cell, decisions.length);
        expect(want, 'cell has one answer per resource').toHaveLength(decisions.length);
        const got = decisions.map(([, d]) => outcome(d));
        // Labelled, so a failure names the resource whose answer changed.
        expect(Object.fromEntries(decisions.map(([name], i) => [name, got[i]]))).toEqual(
          Object.fromEntries(decisions.map(([name], i) => [name, want[i]])),
        );
        for (const [, d] of decisions) if (!d.ok) expect(d.message).not.toBe('');
        // `permits` (what a route checks before loading its resource) says yes exactly
        // when some resource is allowed.
        expect(permits(kind, action)).toBe(got.includes(ok));
      });
    }
    it(`${action} is ${row === 'public' ? '' : 'not '}public`, () => {
      expect(isPublic(action)).toBe(row === 'public');
    });
  }
});
