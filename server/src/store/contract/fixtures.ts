import type { AssignedBy, EventActor, MessageKind } from '@switchboard/shared';
import { blankConversation } from '../../routing/draft.ts';
import type { Conversation as Routed } from '../../routing/model.ts';
import type { EventDraft } from '../events.ts';
import type { NewMessage } from '../messages.ts';
import type { RoutingWrite } from '../routing.ts';
import type { Store } from '../store.ts';

/** The department every fixture conversation starts in, and one more. */
export const DEPT = 'pre_sales';
export const OTHER_DEPT = 'technical';

/** The fixture's agents, by id. */
export const AGENT_NAMES: Readonly<Record<string, string>> = { a1: 'Ann', a2: 'Bob' };

/**
 * A site `s`, departments DEPT and OTHER_DEPT, visitor V1, and agents a1 (Ann) and a2
 * (Bob) of DEPT, written through the store itself.
 */
export async function seed(store: Store): Promise<void> {
  await store.directory.ensureDepartment({ id: DEPT, name: { en: 'Pre', 'zh-CN': '售前' } }, 0);
  await store.directory.ensureDepartment(
    { id: OTHER_DEPT, name: { en: 'Tech', 'zh-CN': '技术' } },
    1,
  );
  await store.directory.saveSite({ id: 's', key: 'k', name: 'S', allowedOrigins: [] }, 0);
  await store.visitors.create('V1', 's', 'hash-V1', 0);
  for (const [id, name] of Object.entries(AGENT_NAMES)) {
    await store.agents.create(
      { id, email: `${id}@x`, name, role: 'agent', passwordHash: 'x', departments: [DEPT] },
      0,
    );
  }
}

export const SYSTEM: EventActor = { kind: 'system', id: null, name: null };
export const visitorActor = (id = 'V1'): EventActor => ({ kind: 'visitor', id, name: null });
export const agentActor = (id: string): EventActor => ({ kind: 'agent', id, name: id });

/** What the dispatcher records when a conversation enters a queue. */
export const queued = (department = DEPT, visitorId = 'V1'): EventDraft => ({
  type: 'queued',
  actor: visitorActor(visitorId),
  data: { department },
});

/** A conversation's routing fields as routing sets them when it is queued at `now`. */
export function routed(id: string, now: number, over: Partial<Routed> = {}): Routed {
  return { ...blankConversation(id, DEPT, false, now), queuedAt: now, ...over };
}

export interface StartOptions {
  visitorId?: string;
  department?: string;
  /** The start's clientId, which is also its first message's; default the id. */
  clientId?: string;
  body?: string;
}

/**
 * What the dispatcher writes when a visitor's first message starts conversation `id`:
 * the conversation, that message (seq 1), its row queued, and the `queued` event.
 */
export function startWrite(id: string, now: number, over: StartOptions = {}): RoutingWrite {
  const visitorId = over.visitorId ?? 'V1';
  const department = over.department ?? DEPT;
  const clientId = over.clientId ?? id;
  return {
    created: {
      conversation: { id, siteId: 's', visitorId, clientId, department },
      message: {
        visitorId,
        clientId,
        author: 'visitor',
        authorId: null,
        authorName: null,
        kind: 'text',
        body: over.body ?? `hello from ${id}`,
      },
    },
    conversations: [routed(id, now, { department })],
    agents: [],
    events: [{ conversationId: id, event: queued(department, visitorId) }],
  };
}

/** As routing assigns `c` (from its queue, or handed on by a transfer) to `agentId`. */
export function assignWrite(
  c: Routed,
  agentId: string,
  now: number,
  by: AssignedBy = 'claim',
): RoutingWrite {
  const actor = by === 'auto' ? SYSTEM : agentActor(agentId);
  return {
    conversations: [
      {
        ...c,
        state: 'assigned',
        assigneeId: agentId,
        assignedAt: now,
        lastAgentId: agentId,
        transferredFrom: null,
      },
    ],
    agents: [{ id: agentId, status: 'online', lastAssignedAt: now }],
    events: [
      {
        conversationId: c.id,
        event: {
          type: 'assigned',
          actor,
          data: { agentId, agentName: AGENT_NAMES[agentId] ?? agentId, by },
        },
      },
    ],
  };
}

/** As routing resolves `c`: nobody holds it any more, the event says who did. */
export function resolveWrite(c: Routed, now: number, actor = agentActor('a1')): RoutingWrite {
  const holder = c.state === 'assigned' ? c.assigneeId : null;
  return {
    conversations: [{ ...c, state: 'resolved', assigneeId: null, resolvedAt: now }],
    agents: [],
    events: [
      { conversationId: c.id, event: { type: 'resolved', actor, data: { assigneeId: holder } } },
    ],
  };
}

/** Shorthands over one store, for the fixture's visitor and agents. */
export function world(store: Store) {
  /** Conversation `id`'s routing fields as the store holds them. */
  const row = async (id: string): Promise<Routed> => {
    const found = (await store.routing.load([id])).conversations.find(
      (r) => r.conversation.id === id,
    );
    if (!found) throw new Error(`no conversation ${id}`);
    return found.conversation;
  };
  /** Starts conversation `id` for V1 (unless `over` says otherwise), queued. */
  const start = (id: string, now: number, over: StartOptions = {}) =>
    store.routing.apply(startWrite(id, now, over), now);
  /** Any message: by V1 unless `over` names an agent (see `agent`). */
  const says = (
    conversationId: string,
    clientId: string,
    over: Partial<NewMessage> = {},
    now = 4,
  ) =>
    store.messages.append(
      {
        conversationId,
        visitorId: 'V1',
        clientId,
        author: 'visitor',
        authorId: null,
        authorName: null,
        kind: 'text',
        body: clientId,
        ...over,
      },
      now,
    );
  /** The fields that make a message an agent's. */
  const agent = (id: string, kind: MessageKind = 'text'): Partial<NewMessage> => ({
    visitorId: null,
    author: 'agent',
    authorId: id,
    authorName: id,
    kind,
  });
  /** The agent is given the conversation, whoever held it before. */
  const assign = async (id: string, agentId: string, now: number, by?: AssignedBy) =>
    store.routing.apply(assignWrite(await row(id), agentId, now, by), now);
  /** Resolved by a1 (as agent or supervisor) unless `actor` says otherwise. */
  const resolve = async (id: string, now: number, actor?: EventActor) =>
    store.routing.apply(resolveWrite(await row(id), now, actor), now);
  /** [seq, clientId] of each message, oldest first, notes included. */
  const seqs = async (conversationId: string) =>
    (await store.messages.after(conversationId, 0, 10_000, true)).map((m) => [m.seq, m.clientId]);
  return { store, row, start, says, agent, assign, resolve, seqs };
}

/** A seeded store and its shorthands. */
export async function seeded(open: () => Promise<Store>) {
  const store = await open();
  await seed(store);
  return world(store);
}
