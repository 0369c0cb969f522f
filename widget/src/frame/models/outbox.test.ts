import type { Message } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { acknowledge, enqueue, fail, resendable, unfail } from './outbox.ts';

const message = (clientId: string, seq: number): Message => ({
  conversationId: 'c1',
  seq,
  clientId,
  author: 'visitor',
  authorName: null,
  kind: 'text',
  body: 'x',
  createdAt: 0,
});

describe('outbox', () => {
  const one = enqueue([], { conversationId: 'c1', clientId: 'a', body: 'hi', createdAt: 1 });
  const two = enqueue(one, { conversationId: 'c1', clientId: 'b', body: 'yo', createdAt: 2 });

  it('holds entries in order until acknowledged', () => {
    expect(two.map((p) => p.clientId)).toEqual(['a', 'b']);
    expect(acknowledge(two, [message('a', 1)]).map((p) => p.clientId)).toEqual(['b']);
  });

  it('does not resend refused entries until retried, and keeps the clientId', () => {
    const failed = fail(two, 'a', 'too_large');
    expect(failed[0]?.failed).toBe('too_large');
    expect(resendable(failed).map((p) => p.clientId)).toEqual(['b']);
    const retried = unfail(failed, 'a');
    expect(resendable(retried).map((p) => p.clientId)).toEqual(['a', 'b']);
  });

  it('filters by conversation', () => {
    const other = enqueue(two, { conversationId: 'c2', clientId: 'z', body: '!', createdAt: 3 });
    expect(resendable(other, 'c2').map((p) => p.clientId)).toEqual(['z']);
  });
});
