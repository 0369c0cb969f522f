import { type Message, type PendingMessage, settlePending } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { addPending, markFailed, markRetrying, pendingIn, toResend } from './outbox.ts';

function entry(clientId: string, createdAt: number, conversationId = 'c1'): PendingMessage {
  return { conversationId, clientId, body: clientId, kind: 'text', failed: null, createdAt };
}

describe('outbox reducers', () => {
  it('adds once per clientId', () => {
    const one = addPending([], entry('a', 1));
    expect(addPending(one, entry('a', 2))).toHaveLength(1);
    expect(addPending(one, entry('b', 2))).toHaveLength(2);
  });

  it('re-sends pending entries oldest first, never refused ones', () => {
    let box = [entry('late', 3), entry('early', 1), entry('refused', 2)];
    box = markFailed(box, 'refused', 'conversation_closed');
    expect(toResend(box).map((p) => p.clientId)).toEqual(['early', 'late']);
    box = markRetrying(box, 'refused');
    expect(toResend(box).map((p) => p.clientId)).toEqual(['early', 'refused', 'late']);
    expect(box.find((p) => p.clientId === 'refused')?.failed).toBeNull();
  });

  it('filters by conversation', () => {
    const box = [entry('a', 1, 'c1'), entry('b', 2, 'c2')];
    expect(pendingIn(box, 'c2').map((p) => p.clientId)).toEqual(['b']);
  });

  it('settles entries whose clientId the hub stored', () => {
    const stored: Message = {
      conversationId: 'c1',
      seq: 7,
      clientId: 'a',
      author: 'agent',
      authorName: 'Me',
      kind: 'text',
      body: 'a',
      createdAt: 1,
    };
    expect(settlePending([entry('a', 1), entry('b', 2)], [stored]).map((p) => p.clientId)).toEqual([
      'b',
    ]);
  });
});
