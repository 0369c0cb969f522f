import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/open.ts';
import { createSessions } from './sessions.ts';
import { hashToken } from './tokens.ts';

async function setup() {
  const store = openSqliteStore({ filename: ':memory:' });
  await store.directory.ensureDepartment({ id: 'pre_sales', name: { en: 'P', 'zh-CN': 'P' } }, 0);
  const agent = await store.agents.create(
    {
      id: 'a1',
      email: 'a@example.com',
      name: 'A',
      role: 'agent',
      passwordHash: 'x',
      departments: ['pre_sales'],
    },
    0,
  );
  let now = 1000;
  return {
    store,
    agent,
    sessions: createSessions(store.agents, () => now),
    at: (t: number) => (now = t),
  };
}

describe('sessions', () => {
  it('a started session names its agent until it ends, and its end is heard', async () => {
    const { store, agent, sessions } = await setup();
    const ended: string[] = [];
    sessions.onEnd((hash) => ended.push(hash));
    const token = await sessions.start(agent.id);
    expect((await sessions.agentFor(token))?.id).toBe(agent.id);
    await sessions.end(token);
    expect(await sessions.agentFor(token)).toBeNull();
    expect(ended).toEqual([hashToken(token)]);
    await store.close();
  });

  it('ends every session of one agent at once, and that is heard', async () => {
    const { store, agent, sessions } = await setup();
    const other = await store.agents.create(
      { ...agent, id: 'a2', email: 'b@example.com', passwordHash: 'x' },
      0,
    );
    const all: string[] = [];
    sessions.onEndAll((id) => all.push(id));
    const tokens = [await sessions.start(agent.id), await sessions.start(agent.id)];
    const kept = await sessions.start(other.id);
    await sessions.endAllFor(agent.id);
    for (const token of tokens) expect(await sessions.agentFor(token)).toBeNull();
    expect((await sessions.agentFor(kept))?.id).toBe('a2');
    expect(all).toEqual([agent.id]);
    await store.close();
  });

  it('knows no missing, unknown or expired token', async () => {
    const { store, agent, sessions, at } = await setup();
    expect(await sessions.agentFor(undefined)).toBeNull();
    expect(await sessions.agentFor('nope')).toBeNull();
    const token = await sessions.start(agent.id);
    at(1000 + 8 * 24 * 3600 * 1000);
    expect(await sessions.agentFor(token)).toBeNull();
    await store.close();
  });
});
