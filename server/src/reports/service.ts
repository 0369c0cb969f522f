/**
 * A report over the store: the conversations started in a range, each read into its
 * facts (facts.ts), summed into rows (aggregate.ts). It reads through the Store's
 * ordinary methods; a report over months of a busy hub will want a query of its own
 * (QA issue: "a 30-day report ≤ 1 s"), behind the same function.
 */
import { LIMITS } from '@switchboard/shared';
import type { Store } from '../store/store.ts';
import { type GroupBy, type ReportRow, report } from './aggregate.ts';
import { type ConversationFacts, conversationFacts } from './facts.ts';

export interface ReportQuery {
  from: number;
  to: number;
  groupBy: GroupBy;
  timeZone: string;
  /** Only conversations this agent held at some point (an agent's own report). */
  heldBy?: string;
}

/** How many events one page of the range scan reads. */
const PAGE = 1000;

/** The facts of every conversation that started in [from, to). */
export async function factsBetween(
  store: Store,
  from: number,
  to: number,
  now: number,
): Promise<ConversationFacts[]> {
  // A conversation starts with its first event: queued, or a message left.
  const started: string[] = [];
  for (let cursor = 0; ; ) {
    const page = await store.events.between(
      { types: ['queued', 'message_left'], from, to },
      cursor,
      PAGE,
    );
    for (const e of page.events) if (e.seq === 1) started.push(e.conversationId);
    if (page.events.length < PAGE) break;
    cursor = page.cursor;
  }
  const facts: ConversationFacts[] = [];
  for (const id of started) {
    const [conversation, events, replies] = await Promise.all([
      store.conversations.get(id),
      store.events.list(id),
      agentReplies(store, id),
    ]);
    const f = conversation && conversationFacts(events, replies, conversation.department, now);
    if (f) facts.push(f);
  }
  return facts;
}

/** When the agents wrote to the visitor (texts, not notes). */
async function agentReplies(store: Store, conversationId: string): Promise<number[]> {
  const times: number[] = [];
  for (let after = 0; ; ) {
    const page = await store.messages.after(conversationId, after, LIMITS.syncPage, false);
    for (const m of page) if (m.author === 'agent') times.push(m.createdAt);
    const last = page.at(-1);
    if (!last || page.length < LIMITS.syncPage) return times;
    after = last.seq;
  }
}

export async function buildReport(
  store: Store,
  query: ReportQuery,
  now: number,
): Promise<ReportRow[]> {
  const all = await factsBetween(store, query.from, query.to, now);
  const mine = query.heldBy;
  const facts =
    mine === undefined ? all : all.filter((f) => f.handle.some((s) => s.agentId === mine));
  const rows = report(facts, query);
  // An agent's report by agent shows only their own row.
  return mine !== undefined && query.groupBy === 'agent'
    ? rows.filter((r) => r.key === mine)
    : rows;
}
