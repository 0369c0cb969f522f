import type { Conversation, Message, PendingMessage } from '@switchboard/shared';
import { testConversation } from '@switchboard/shared/testing';
import { describe, expect, it } from 'vitest';
import { pickConversation, statusLine, transcriptItems } from './transcript-items.ts';

const msg = (seq: number, over: Partial<Message> = {}): Message => ({
  conversationId: 'c1',
  seq,
  clientId: `m${seq}`,
  author: 'agent',
  authorName: 'Ada',
  kind: 'text',
  body: 'hello',
  createdAt: seq,
  ...over,
});
const pending = (clientId: string, conversationId = 'c1'): PendingMessage => ({
  conversationId,
  clientId,
  body: 'hi',
  kind: 'text',
  failed: null,
  createdAt: 0,
});
const conv = (id: string, createdAt: number, over: Partial<Conversation> = {}): Conversation =>
  testConversation(id, {
    visitorId: 'v',
    visitorHandle: '4F2A',
    createdAt,
    updatedAt: createdAt,
    ...over,
  });

describe('transcriptItems', () => {
  it('shows messages then pending ones, skipping notes and other conversations', () => {
    const items = transcriptItems(
      [msg(1), msg(2, { kind: 'note' }), msg(3, { conversationId: 'c2' })],
      [pending('p1'), pending('p2', 'c2')],
      'c1',
    );
    expect(items.map((i) => i.key)).toEqual(['m1', 'pp1']);
  });
  it('does not show a pending message twice once it is stored', () => {
    const items = transcriptItems(
      [msg(1, { clientId: 'p1', author: 'visitor' })],
      [pending('p1')],
      'c1',
    );
    expect(items.map((i) => i.kind)).toEqual(['message']);
  });
});

describe('statusLine', () => {
  it('follows the conversation status', () => {
    // The queue panel tells a queued visitor where they stand.
    expect(statusLine(conv('a', 1))).toBeNull();
    expect(statusLine(conv('a', 1, { status: 'pending' }))).toEqual({ key: 'messageLeft' });
    expect(statusLine(conv('a', 1, { status: 'assigned', assigneeName: 'Ada' }))).toEqual({
      key: 'joined',
      name: 'Ada',
    });
    expect(statusLine(conv('a', 1, { status: 'resolved' }))).toEqual({ key: 'ended' });
    expect(statusLine(null)).toBeNull();
  });
});

describe('pickConversation', () => {
  it('shows the newest open conversation', () => {
    const r = pickConversation([conv('old', 1), conv('new', 2, { status: 'assigned' })]);
    expect(r.active?.id).toBe('new');
  });
  it('offers the topic picker when the newest has ended', () => {
    const r = pickConversation([conv('old', 1), conv('new', 2, { status: 'resolved' })]);
    expect(r).toEqual({ active: null, lastResolved: expect.objectContaining({ id: 'new' }) });
  });
  it('keeps a recently answered, ended conversation on show when the frame first loads', () => {
    const answered = conv('new', 2, {
      status: 'resolved',
      resolvedAt: 10,
      lastMessage: { seq: 2, author: 'agent', body: 'Shipped', createdAt: 9 },
    });
    expect(pickConversation([conv('old', 1), answered], true, 20).active?.id).toBe('new');
    // ...not after the visitor chose to start anew, nor days later, nor unanswered.
    expect(pickConversation([answered], false, 20).active).toBeNull();
    expect(pickConversation([answered], true, 10 + 73 * 3_600_000).active).toBeNull();
    const unanswered = conv('new', 2, {
      status: 'resolved',
      resolvedAt: 10,
      lastMessage: { seq: 2, author: 'visitor', body: 'Bye', createdAt: 9 },
    });
    expect(pickConversation([unanswered], true, 20).active).toBeNull();
  });
  it('handles no conversations', () => {
    expect(pickConversation([])).toEqual({ active: null, lastResolved: null });
  });
});
