import type { Conversation } from '@switchboard/shared';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Conversation as Routed } from '../../routing/model.ts';
import { DEPT, OTHER_DEPT, seeded, startWrite, world } from './fixtures.ts';
import type { ContractContext } from './index.ts';

/** Epoch ms as routing may hold them: anything a JavaScript number counts exactly. */
const time = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

/**
 * Every routing field of a conversation, at random and not necessarily consistent
 * (a queued row with an assignee, say): the store writes rows as routing gives them,
 * so it must keep whatever it is given. Only references must hold: the department
 * and the assignee exist.
 */
const fields = fc.record({
  department: fc.constantFrom(DEPT, OTHER_DEPT),
  state: fc.constantFrom('queued', 'assigned', 'pending', 'resolved'),
  vip: fc.boolean(),
  queuedAt: fc.option(time),
  atHead: fc.boolean(),
  assigneeId: fc.constantFrom(null, 'a1', 'a2'),
  assignedAt: fc.option(time),
  lastAgentId: fc.option(fc.string()),
  transferredFrom: fc.option(fc.string()),
  firstResponseAt: fc.option(time),
  firstResponseWarnAt: fc.option(time),
  firstResponseDueAt: fc.option(time),
  resolutionDueAt: fc.option(time),
  firstResponseWarned: fc.boolean(),
  firstResponseBreached: fc.boolean(),
  resolutionBreached: fc.boolean(),
  resolvedAt: fc.option(time),
}) satisfies fc.Arbitrary<Omit<Routed, 'id' | 'createdAt'>>;

/** What clients see of a row: SLA due times stop counting down once met. */
function shown(c: Routed, updatedAt: number): Partial<Conversation> {
  return {
    id: c.id,
    department: c.department,
    status: c.state,
    vip: c.vip,
    createdAt: c.createdAt,
    updatedAt,
    queuedAt: c.queuedAt,
    // A resolved conversation shows who held it last.
    assigneeId: c.state === 'resolved' ? c.lastAgentId : c.assigneeId,
    resolvedAt: c.resolvedAt,
    firstResponseDueAt: c.firstResponseAt === null ? c.firstResponseDueAt : null,
    resolutionDueAt: c.resolvedAt === null ? c.resolutionDueAt : null,
  };
}

/** `apply` keeps every routing field exactly, through a restart too. */
export function routingFieldsContract({ open, peer }: ContractContext): void {
  it('keep every routing field a write gives, as given, across a restart', async () => {
    const { store, row } = await seeded(open);
    const last = new Map<string, Routed>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fields, fields, time, async (first, then, createdAt) => {
        const id = `r${++n}`;
        // Created with random fields, then rewritten with others: both must read back.
        const created: Routed = { ...first, id, createdAt };
        const write = { ...startWrite(id, createdAt), conversations: [created] };
        const one = await store.routing.apply(write, createdAt);
        expect(await row(id)).toEqual(created);
        expect(one.conversations).toEqual([expect.objectContaining(shown(created, createdAt))]);

        const changed: Routed = { ...then, id, createdAt };
        const two = await store.routing.apply(
          { conversations: [changed], agents: [], events: [] },
          7,
        );
        expect(await row(id)).toEqual(changed);
        const updatedAt = Math.max(7, createdAt);
        expect(two.conversations).toEqual([expect.objectContaining(shown(changed, updatedAt))]);
        expect(await store.conversations.get(id)).toEqual(two.conversations[0]);
        last.set(id, changed);
      }),
      { numRuns: 60 },
    );
    await store.close();
    const again = world(await peer(store));
    const loaded = await again.store.routing.load([...last.keys()]);
    expect(new Map(loaded.conversations.map((r) => [r.conversation.id, r.conversation]))).toEqual(
      last,
    );
  });
}
