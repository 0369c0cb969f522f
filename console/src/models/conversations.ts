/**
 * Every conversation the hub has told this agent about, keyed by id, plus the pure
 * derivations the list shows: groups, sort orders, previews.
 */
import { type Signal, signal } from '@preact/signals';
import type { Conversation, DepartmentId, Locale } from '@switchboard/shared';
import { translate } from '../i18n.ts';

export type ConversationMap = ReadonlyMap<string, Conversation>;

/** Keeps the fresher of two copies; ties go to the incoming one (the hub's latest word). */
export function upsertConversations(
  held: ConversationMap,
  incoming: readonly Conversation[],
): ConversationMap {
  if (incoming.length === 0) return held;
  const next = new Map(held);
  for (const c of incoming) {
    const old = next.get(c.id);
    if (!old || c.updatedAt >= old.updatedAt) next.set(c.id, c);
  }
  return next;
}

/**
 * Applies a `conversation:list` answer, which holds exactly my assigned and the waiting
 * conversations. Anything held as mine or waiting but missing from it changed while we
 * were away (claimed by someone else, resolved), so it is dropped; resolved ones and
 * others' chats are kept for the Resolved group and for open panes.
 */
export function applyListed(
  held: ConversationMap,
  listed: readonly Conversation[],
  myId: string,
): ConversationMap {
  const listedIds = new Set(listed.map((c) => c.id));
  const kept: Conversation[] = [];
  for (const c of held.values()) {
    if (listedIds.has(c.id)) kept.push(c);
    else if (!isActiveForMe(c, myId)) kept.push(c);
  }
  return upsertConversations(new Map(kept.map((c) => [c.id, c])), listed);
}

function isActiveForMe(c: Conversation, myId: string): boolean {
  return isUnheld(c) || (c.status === 'assigned' && c.assigneeId === myId);
}

/** Nobody holds it yet: queued, or a message left (留言) for whoever claims it. */
export function isUnheld(c: Conversation): boolean {
  return c.status === 'queued' || c.status === 'pending';
}

/** When the conversation last moved: its newest message, else its last update. */
export function lastActivity(c: Conversation): number {
  return Math.max(c.lastMessage?.createdAt ?? 0, c.updatedAt);
}

export interface ConversationGroups {
  mine: Conversation[];
  waiting: Conversation[];
  resolved: Conversation[];
}

/** How many resolved conversations of mine stay in the list for a quick look back. */
export const RECENT_RESOLVED = 10;

/**
 * Mine: assigned to me, newest activity first. Waiting: queued in one of my departments,
 * longest waiting first (oldest createdAt), the order a fair queue is served in.
 * Resolved: mine, most recently resolved first, capped.
 */
export function groupConversations(
  all: Iterable<Conversation>,
  myId: string,
  myDepartments: readonly DepartmentId[],
): ConversationGroups {
  const departments = new Set(myDepartments);
  const mine: Conversation[] = [];
  const waiting: Conversation[] = [];
  const resolved: Conversation[] = [];
  for (const c of all) {
    if (c.status === 'assigned' && c.assigneeId === myId) mine.push(c);
    else if (isUnheld(c) && departments.has(c.department)) waiting.push(c);
    else if (c.status === 'resolved' && c.assigneeId === myId) resolved.push(c);
  }
  mine.sort((a, b) => lastActivity(b) - lastActivity(a) || a.id.localeCompare(b.id));
  waiting.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  resolved.sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0) || a.id.localeCompare(b.id));
  return { mine, waiting, resolved: resolved.slice(0, RECENT_RESOLVED) };
}

/** The site's name for the visitor, else "Visitor 4F2A" / "访客 4F2A" from the handle. */
export function visitorLabel(c: Conversation, locale: Locale): string {
  return c.visitorName ?? translate(locale, 'visitorAnonymous', { handle: c.visitorHandle });
}

/**
 * A one-line preview: whitespace folded, cut at a code-point boundary so a CJK
 * supplementary character or an emoji is never split into a lone surrogate.
 */
export function previewText(body: string, maxCodePoints = 80): string {
  const folded = body.replace(/\s+/g, ' ').trim();
  const points = Array.from(folded);
  if (points.length <= maxCodePoints) return folded;
  return `${points.slice(0, maxCodePoints).join('')}…`;
}

export interface ConversationsModel {
  byId: Signal<ConversationMap>;
  upsert(conversations: readonly Conversation[]): void;
  applyList(conversations: readonly Conversation[], myId: string): void;
}

export function createConversationsModel(): ConversationsModel {
  const byId = signal<ConversationMap>(new Map());
  return {
    byId,
    upsert(conversations) {
      byId.value = upsertConversations(byId.value, conversations);
    },
    applyList(conversations, myId) {
      byId.value = applyListed(byId.value, conversations, myId);
    },
  };
}
