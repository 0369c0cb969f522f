import { testConversation } from '@switchboard/shared/testing';
import { describe, expect, it } from 'vitest';
import {
  applyListed,
  groupConversations,
  previewText,
  RECENT_RESOLVED,
  upsertConversations,
  visitorLabel,
} from './conversations.ts';

const ME = 'agent-me';

const conv = testConversation;

const mineAt = (id: string, at: number) =>
  conv(id, {
    status: 'assigned',
    assigneeId: ME,
    updatedAt: 10,
    lastMessage: { seq: 1, author: 'visitor', body: 'hi', createdAt: at },
  });

describe('groupConversations', () => {
  it('puts my assigned chats in Mine, newest activity first', () => {
    const g = groupConversations([mineAt('a', 100), mineAt('b', 300), mineAt('c', 200)], ME, [
      'pre_sales',
    ]);
    expect(g.mine.map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect(g.waiting).toEqual([]);
  });

  it('lists waiting chats of my departments only, longest waiting first', () => {
    const g = groupConversations(
      [
        conv('late', { createdAt: 500 }),
        conv('early', { createdAt: 100 }),
        conv('other-dept', { createdAt: 50, department: 'technical' }),
      ],
      ME,
      ['pre_sales'],
    );
    expect(g.waiting.map((c) => c.id)).toEqual(['early', 'late']);
  });

  it("leaves out others' chats and keeps only my recent resolved ones", () => {
    const others = conv('x', { status: 'assigned', assigneeId: 'someone-else' });
    const resolved = Array.from({ length: RECENT_RESOLVED + 3 }, (_, i) =>
      conv(`r${i}`, { status: 'resolved', assigneeId: ME, resolvedAt: i }),
    );
    const g = groupConversations([others, ...resolved], ME, ['pre_sales']);
    expect(g.mine).toEqual([]);
    expect(g.resolved).toHaveLength(RECENT_RESOLVED);
    expect(g.resolved[0]?.id).toBe(`r${RECENT_RESOLVED + 2}`);
  });
});

describe('upsertConversations', () => {
  it('keeps the fresher copy', () => {
    const held = new Map([['a', conv('a', { updatedAt: 50, status: 'assigned' })]]);
    const stale = upsertConversations(held, [conv('a', { updatedAt: 40 })]);
    expect(stale.get('a')?.status).toBe('assigned');
    const fresh = upsertConversations(held, [conv('a', { updatedAt: 60, status: 'resolved' })]);
    expect(fresh.get('a')?.status).toBe('resolved');
  });
});

describe('applyListed', () => {
  it('drops mine/waiting chats the hub no longer lists, keeps resolved ones', () => {
    const held = new Map(
      [
        conv('gone-waiting'),
        mineAt('gone-mine', 1),
        conv('done', { status: 'resolved', assigneeId: ME }),
      ].map((c) => [c.id, c]),
    );
    const next = applyListed(held, [conv('new')], ME);
    expect([...next.keys()].sort()).toEqual(['done', 'new']);
  });
});

describe('visitorLabel', () => {
  it('prefers the site-given name, else a localized label with the handle', () => {
    expect(visitorLabel(conv('4f2a'), 'en')).toBe('Visitor 4F2A');
    expect(visitorLabel(conv('4f2a'), 'zh-CN')).toBe('访客 4F2A');
    expect(visitorLabel(conv('x', { visitorName: '王小明' }), 'en')).toBe('王小明');
  });
});

describe('previewText', () => {
  it('folds whitespace and never splits a surrogate pair', () => {
    expect(previewText('hello\n  there')).toBe('hello there');
    const cut = previewText('😀😀😀', 2);
    expect(cut).toBe('😀😀…');
    expect(previewText('𠮷𠮷𠮷', 1)).toBe('𠮷…');
  });
});
