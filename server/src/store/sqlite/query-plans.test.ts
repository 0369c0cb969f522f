/**
 * Routing reads its state on every event, so that read must grow with the open
 * conversations, never with the history: its plan may not scan the conversations table.
 */
import { describe, expect, it } from 'vitest';
import { openDb } from './db.ts';
import { OPEN_AND_NAMED } from './routing.ts';

describe('query plans', () => {
  it("routing's load reads open conversations by index, named ones by key", () => {
    const db = openDb(':memory:');
    const plan = db
      .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${OPEN_AND_NAMED}`)
      .all('["c1"]')
      .map((row) => row.detail);
    expect(plan).toContain('SCAN c USING INDEX conversations_open');
    expect(plan).toContain('SEARCH c USING PRIMARY KEY (id=?)');
    expect(plan.filter((step) => /^SCAN c\b/.test(step))).toEqual([
      'SCAN c USING INDEX conversations_open',
    ]);
    db.close();
  });
});
