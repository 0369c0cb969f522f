/**
 * The policy's vocabulary: who acts (actors), on what (resources), doing what (actions).
 * Types only, plus the two constructors that turn a session into an actor.
 */
import type { AgentProfile, Conversation, DepartmentId, Role } from '@switchboard/shared';

/** A widget visitor, known by the token their frame keeps. */
export interface VisitorActor {
  kind: 'visitor';
  id: string;
  siteId: string;
}

/** A signed-in console user. */
export interface StaffActor {
  kind: 'staff';
  id: string;
  role: Role;
  departments: readonly DepartmentId[];
}

export type Actor = VisitorActor | StaffActor;

/** The columns of the policy table: a visitor, or a staff member by role. */
export type ActorKind = 'visitor' | Role;

export const ACTOR_KINDS = [
  'visitor',
  'agent',
  'supervisor',
  'qa',
  'admin',
] as const satisfies readonly ActorKind[];

export function visitorActor(visitor: { id: string; siteId: string }): VisitorActor {
  return { kind: 'visitor', id: visitor.id, siteId: visitor.siteId };
}

export function staffActor(profile: Pick<AgentProfile, 'id' | 'role' | 'departments'>): StaffActor {
  return { kind: 'staff', id: profile.id, role: profile.role, departments: profile.departments };
}

export function actorKind(actor: Actor): ActorKind {
  return actor.kind === 'visitor' ? 'visitor' : actor.role;
}

/** What the policy needs to know of a conversation; a full `Conversation` will do. */
export type ConversationResource = Pick<
  Conversation,
  'id' | 'visitorId' | 'department' | 'status' | 'assigneeId'
>;

/** A department, e.g. the one a visitor starts a chat in, or whose queue is shown. */
export interface DepartmentResource {
  departmentId: DepartmentId;
}

/** A staff member acted upon, e.g. the one whose status is set. */
export interface AgentResource {
  agentId: string;
}

/**
 * Every action, and the resource it acts on (`null`: none beyond the actor, e.g. the
 * admin API as a whole). A socket event or HTTP route names one of these; adding an
 * action here without a rule in policy.ts and a row in its table test fails to compile.
 */
export interface ActionTargets {
  /** Sign in; open by design, the route's own limits guard it. */
  'auth:login': null;
  /** Sign out; ends whichever session the cookie names, if any. */
  'auth:logout': null;
  /** A site's public widget settings (its key is in every host page). */
  'widget:config': null;
  /** The frame trades a visitor token for a cookie; the token is its own proof. */
  'widget:session': null;
  /** Who the session belongs to. */
  'session:read': null;
  /** Change one's own password (the only way on from a temporary one). */
  'password:change': null;
  /** The OpenAPI document and the page that shows it; the routes it lists ask their own. */
  'docs:read': null;

  /** Open a chat in a department. */
  'conversation:start': DepartmentResource;
  /** List, sync, view the timeline. */
  'conversation:read': ConversationResource;
  /** A message the visitor sees. */
  'message:text': ConversationResource;
  /** An internal note: staff only, never sent to the visitor. */
  'message:note': ConversationResource;
  'conversation:typing': ConversationResource;
  /** Take a conversation for oneself. */
  'conversation:claim': ConversationResource;
  /** Be given it: by routing, a claim, a transfer or a reassignment. */
  'conversation:hold': ConversationResource;
  'conversation:resolve': ConversationResource;
  'conversation:reopen': ConversationResource;
  /** The holder hands it to another department or a named agent. */
  'conversation:transfer': ConversationResource;
  /** A supervisor or admin moves any open conversation. */
  'conversation:reassign': ConversationResource;
  /** The visitor gives up waiting. */
  'queue:leave': ConversationResource;
  /** Leave a message instead of waiting (留言). */
  'message:leave': DepartmentResource;

  /** online / away / offline. */
  'agent:status': AgentResource;
  /** A department's queue length and longest wait. */
  'queue:view': DepartmentResource;
  /** The supervisor board: every agent's status and load, every queue. */
  'board:view': null;
  /** Departments and staff with their status, e.g. for the transfer dialog. */
  'directory:read': null;
  /** Create, update, disable agents and reset their passwords. */
  'agents:manage': null;
  /** Departments' settings, business hours, SLA targets. */
  'departments:manage': null;
  /** Sites: embed keys, allowed origins. */
  'sites:manage': null;
  /** Read the audit log of admin changes. */
  'audit:read': null;
  /** Search every transcript (QA). */
  'transcripts:search': null;
  /** Service figures (FRT, wait, AHT, FCR …): all of them, or an agent's own. */
  'reports:read': null;
  /** Reports and their CSV export. */
  'reports:export': null;
}

export type Action = keyof ActionTargets;

/** The actions that act on a conversation. */
export type ConversationAction = {
  [A in Action]: ActionTargets[A] extends ConversationResource ? A : never;
}[Action];

/** The resource argument of an action: none, or exactly its resource. */
export type TargetArgs<A extends Action> = ActionTargets[A] extends null
  ? []
  : [resource: ActionTargets[A]];
