import type { Conversation, Message } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { markSeen, unreadCount } from './unread.ts';

const base: Conversation = {
  id: 'c1',
  department: 'pre_sales',
  status: 'assigned',
  visitorId: 'v',
  visitorName: null,
  visitorHandle: '0001',
  assigneeId: 'me',
  assigneeName: 'Me',
  createdAt: 0,
  updatedAt: 0,
  resolvedAt: null,
  lastSeq: 0,
  lastMessage: null,
  vip: false,
  queuedAt: null,
  firstResponseDueAt: null,
  resolutionDueAt: null,
};

function msg(seq: number, author: Message['author'], kind: Message['kind'] = 'text'): Message {
  return {
    conversationId: 'c1',
    seq,
    clientId: `m${seq}`,
    author,
    authorName: author === 'agent' ? 'Me' : null,
    kind,
    body: 'x',
    createdAt: seq,
  };
}

describe('unreadCount', () => {
  const held = [msg(1, 'visitor'), msg(2, 'agent'), msg(3, 'visitor'), msg(4, 'visitor')];

  it('counts visitor messages above the seen seq', () => {
    expect(unreadCount(base, held, 0)).toBe(3);
    expect(unreadCount(base, held, 3)).toBe(1);
    expect(unreadCount(base, held, 4)).toBe(0);
  });

  it("ignores the agents' own messages and notes", () => {
    expect(unreadCount(base, [msg(5, 'agent'), msg(6, 'agent', 'note')], 0)).toBe(0);
  });

  it('counts one when only the preview shows a newer visitor message', () => {
    const c = {
      ...base,
      lastMessage: { seq: 9, author: 'visitor' as const, body: 'hi', createdAt: 9 },
    };
    expect(unreadCount(c, [], 3)).toBe(1);
    expect(unreadCount(c, [], 9)).toBe(0);
  });
});

describe('markSeen', () => {
  it('only moves forward', () => {
    const a = markSeen(new Map(), 'c1', 5);
    expect(a.get('c1')).toBe(5);
    expect(markSeen(a, 'c1', 3)).toBe(a);
    expect(markSeen(a, 'c1', 7).get('c1')).toBe(7);
  });
});
