/**
 * The console's URLs and who may use each area. Pure: the router (preact-iso) matches
 * these paths, the top bar lists `areasFor(role)`, and each view checks `mayUse`.
 *
 * Every path lives under /console/, where the hub serves index.html for any path
 * without a file extension, so each of these works as a pasted link or a reload.
 * Room is kept for the QA and reports areas (views/qa/, views/reports/) of the QA issue.
 */
import type { Role } from '@switchboard/shared';

export const BASE = '/console';

export const PATHS = {
  inbox: `${BASE}/`,
  conversation: `${BASE}/conversations/:id`,
  board: `${BASE}/board`,
  admin: `${BASE}/admin`,
} as const;

export type Area = 'inbox' | 'board' | 'admin';

/** In the order the top bar shows them. */
const AREAS: readonly Area[] = ['inbox', 'board', 'admin'];

/**
 * The areas a role works in. The hub's policy is what refuses the actions themselves;
 * this only keeps a screen out of the way of someone it would refuse everything to.
 * Everyone reads conversations; supervisors watch the board; admins run the admin area.
 */
const BY_ROLE: Readonly<Record<Role, ReadonlySet<Area>>> = {
  agent: new Set(['inbox']),
  qa: new Set(['inbox']),
  supervisor: new Set(['inbox', 'board']),
  admin: new Set(['inbox', 'board', 'admin']),
};

export function mayUse(role: Role, area: Area): boolean {
  return BY_ROLE[role].has(area);
}

export function areasFor(role: Role): Area[] {
  return AREAS.filter((a) => mayUse(role, a));
}

export function areaPath(area: Area): string {
  return area === 'inbox' ? PATHS.inbox : PATHS[area];
}

/** The link an agent pastes to open one conversation. */
export function conversationPath(id: string): string {
  return `${BASE}/conversations/${encodeURIComponent(id)}`;
}

/** Which area a path belongs to, for the top bar's current item; null if none. */
export function areaOf(path: string): Area | null {
  const rest = path.startsWith(BASE) ? path.slice(BASE.length) : path;
  if (rest === '' || rest === '/' || rest.startsWith('/conversations/')) return 'inbox';
  if (rest === '/board' || rest.startsWith('/board/')) return 'board';
  if (rest === '/admin' || rest.startsWith('/admin/')) return 'admin';
  return null;
}
