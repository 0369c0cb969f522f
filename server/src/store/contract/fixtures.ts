import type { EventActor, MessageKind } from '@switchboard/shared';
import type { Assignment } from '../conversations.ts';
import type { EventDraft } from '../events.ts';
import type { NewMessage } from '../messages.ts';
import type { Store } from '../store.ts';

/** The department every fixture conversation starts in, and one more. */
export const DEPT = 'pre_sales';
export const OTHER_DEPT = 'technical';

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
  for (const [id, name] of [
    ['a1', 'Ann'],
    ['a2', 'Bob'],
  ] as const) {
    await store.agents.create(
      { id, email: `${id}@x`, name, role: 'agent', passwordHash: 'x', departments: [DEPT] },
      0,
    );
  }
}

export const SYSTEM: EventActor = { kind: 'system', id: null, name: null };
export const visitorActor = (id = 'V1'): EventActor => ({ kind: 'visitor', id, name: null });
export const agentActor = (id: string): EventActor => ({ kind: 'agent', id, name: id });

/** What the dispatcher records when a conversation starts. */
export const queued = (department = DEPT, visitorId = 'V1'): EventDraft => ({
  type: 'queued',
  actor: visitorActor(visitorId),
  data: { department },
});

/** The agent claims it. */
export const claim = (conversationId: string, agentId: string): Assignment => ({
  conversationId,
  agentId,
  by: 'claim',
  actor: agentActor(agentId),
});

/** Shorthands over one store, for the fixture's visitor and agents. */
export function world(store: Store) {
  /**
   * Starts conversation `id` for V1 (or `visitorId`), its clientId the id itself,
   * queued as the dispatcher records it.
   */
  const start = (
    id: string,
    now: number,
    over: { visitorId?: string; department?: string } = {},
  ) => {
    const visitorId = over.visitorId ?? 'V1';
    const department = over.department ?? DEPT;
    return store.conversations.start(
      { id, siteId: 's', visitorId, clientId: id, department },
      now,
      [queued(department, visitorId)],
    );
  };
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
  /** The agent claims the conversation; the changes made (none if it was not waiting). */
  const assign = (conversationId: string, agentId: string, now: number) =>
    store.conversations.assignWaiting([claim(conversationId, agentId)], now);
  /** Resolved by a1 (as agent or supervisor). */
  const resolve = (conversationId: string, now: number) =>
    store.conversations.resolve(conversationId, now, agentActor('a1'));
  /** [seq, clientId] of each message, oldest first, notes included. */
  const seqs = async (conversationId: string) =>
    (await store.messages.after(conversationId, 0, 10_000, true)).map((m) => [m.seq, m.clientId]);
  return { store, start, says, agent, assign, resolve, seqs };
}

/** A seeded store and its shorthands. */
export async function seeded(open: () => Promise<Store>) {
  const store = await open();
  await seed(store);
  return world(store);
}
