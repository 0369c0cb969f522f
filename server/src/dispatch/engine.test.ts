/**
 * The engine keeps routing's view of the store between events instead of reading every
 * open conversation and agent again each time. Over random days at the desk, with a
 * real SQLite store and admin changes written as the admin API writes them, that view
 * must equal what a fresh read of the store gives after every event.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoutingEvent, RoutingState } from '../routing/index.ts';
import { AGENTS, command, DEPTS, START, toEvent } from '../routing/random-events.ts';
import { openSqliteStore } from '../store/sqlite/open.ts';
import type { Store } from '../store/store.ts';
import { createRoutingEngine } from './engine.ts';
import { createPresence } from './presence.ts';

let dir: string | null = null;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function seededStore(n: number): Promise<Store> {
  dir ??= await mkdtemp(join(tmpdir(), 'switchboard-engine-'));
  const store = openSqliteStore({ filename: join(dir, `${n}.db`) });
  for (const [i, id] of DEPTS.entries()) {
    await store.directory.ensureDepartment({ id, name: { en: id, 'zh-CN': id } }, i);
  }
  await store.directory.updateDepartment('pre_sales', {
    maxQueue: 6,
    sla: { firstResponseMs: 300_000, resolutionMs: 1_800_000 },
  });
  await store.directory.updateDepartment('post_sales', { mode: 'manual' });
  await store.directory.saveSite({ id: 's', key: 'k', name: 'S', allowedOrigins: [] }, 0);
  await store.visitors.create('V1', 's', 'hash', 0);
  for (const [i, id] of AGENTS.entries()) {
    await store.agents.create(
      {
        id,
        email: `${id}@x`,
        name: id,
        role: 'agent',
        passwordHash: 'x',
        departments: [DEPTS[i % DEPTS.length] ?? 'pre_sales'],
      },
      0,
    );
  }
  return store;
}

/** A state as comparable data: maps in key order. */
function plain(state: RoutingState) {
  const sorted = <V>(m: ReadonlyMap<string, V>) => [...m].sort(([a], [b]) => a.localeCompare(b));
  return {
    departments: sorted(state.departments),
    agents: sorted(state.agents),
    conversations: sorted(state.conversations),
  };
}

let runs = 0;

describe('routing engine', () => {
  it('keeps a view of the store that a fresh read agrees with after every event', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40 }), async (commands) => {
        const store = await seededStore(++runs);
        let at = START;
        const now = () => at;
        const presence = createPresence(START);
        const deps = {
          store,
          presence,
          now,
          onTimer: async () => undefined,
          onError: () => undefined,
        };
        const engine = createRoutingEngine(deps);
        let ids = 0;
        try {
          // The team starts the day online, so chats get assigned from the first arrival.
          for (const id of AGENTS) {
            presence.connected(id);
            await engine.run({ type: 'agent_status', agentId: id, status: 'online' });
          }
          for (const cmd of commands) {
            const event = admissible(toEvent(cmd, await engine.current(), () => `c${++ids}`));
            if (typeof event === 'number') {
              at += event;
              await engine.run({ type: 'tick' });
            } else {
              await beforeEvent(store, presence, event, at);
              const created =
                (event.type === 'conversation_queued' || event.type === 'message_left') &&
                event.conversationId.startsWith('c') &&
                !(await store.conversations.get(event.conversationId));
              await engine
                .run(
                  event,
                  created
                    ? {
                        created: {
                          conversation: {
                            id: event.conversationId,
                            siteId: 's',
                            visitorId: 'V1',
                            clientId: event.conversationId,
                            department: event.department,
                          },
                          message: {
                            visitorId: 'V1',
                            clientId: event.conversationId,
                            author: 'visitor',
                            authorId: null,
                            authorName: null,
                            kind: 'text',
                            body: 'hi',
                          },
                        },
                      }
                    : {},
                )
                // Refusals are routing's answer; the view must agree with the store either way.
                .catch(() => undefined);
            }
            const fresh = createRoutingEngine(deps);
            expect(plain(await engine.current())).toEqual(plain(await fresh.current()));
            await fresh.close();
          }
        } finally {
          await engine.close();
          await store.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

/**
 * As the hub would send them: actors are agents it knows (an unknown one makes the
 * engine read the store afresh, which would hide a stale view), and the admin API takes
 * capacities from 1.
 */
function admissible(event: RoutingEvent | number): RoutingEvent | number {
  if (typeof event === 'number') return event;
  if (event.type === 'agent_changed' && event.capacity === 0) return { ...event, capacity: 1 };
  if (event.type === 'agent_replied') return { ...event, agentId: 'a1' };
  if ('actorId' in event) return { ...event, actorId: 'a2' };
  return event;
}

/** What the hub does before routing hears of an event: presence, and the admin's write. */
async function beforeEvent(
  store: Store,
  presence: ReturnType<typeof createPresence>,
  event: RoutingEvent,
  at: number,
): Promise<void> {
  if (event.type === 'agent_connected') presence.connected(event.agentId);
  if (event.type === 'agent_disconnected') presence.disconnected(event.agentId, at);
  if (event.type === 'agent_changed') {
    const { agentId, capacity, departments, disabled } = event;
    await store.agents.update(agentId, {
      ...(capacity === undefined ? {} : { capacity }),
      ...(departments === undefined ? {} : { departments: [...departments] }),
      ...(disabled === undefined ? {} : { disabled }),
    });
  }
}
