import type { Ack, Conversation, VisitorClientEvents } from '@switchboard/shared';
import { ConversationRef, Empty, SyncConversation, Typing } from '@switchboard/shared/schemas';
import { describe, expect, it } from 'vitest';
import { fail } from '../errors.ts';
import type { Budget } from '../limits/rate-limits.ts';
import { type Budgets, createHandlers } from './handler.ts';

const BUDGETS: Budgets<VisitorClientEvents> = {
  'conversation:list': 'read',
  'conversation:start': 'write',
  'conversation:sync': 'read',
  'message:send': 'write',
  'typing:set': 'typing',
  'conversation:leave': 'write',
  'conversation:leave-message': 'write',
  'queue:availability': 'read',
};

const log = { error() {} };

/** A socket that records listeners, so a test can play the client's frames. */
function fakeSocket(admit: (budget: Budget) => boolean = () => true) {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const socket = {
    connected: true,
    on(event: string, listener: (...args: unknown[]) => void) {
      listeners.set(event, listener);
    },
  };
  const handle = createHandlers<VisitorClientEvents>(socket, BUDGETS, { log, admit });
  /** Delivers a frame and resolves with the ack the handler answers. */
  const deliver = (event: string, ...args: unknown[]) =>
    new Promise<Ack<Record<string, unknown>>>((resolve) => {
      listeners.get(event)?.(...args.map((a) => (a === ACK ? resolve : a)));
    });
  return { socket, handle, deliver };
}
const ACK = Symbol('ack');

const conversation: Conversation = {
  id: 'c1',
  department: 'pre_sales',
  status: 'queued',
  visitorId: 'v1',
  visitorName: null,
  visitorHandle: 'V1',
  assigneeId: null,
  assigneeName: null,
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

describe('createHandlers', () => {
  it('answers an event sent without a payload, validating it as {}', async () => {
    const { handle, deliver } = fakeSocket();
    handle('conversation:list', Empty, () => ({ conversations: [] }));
    handle('conversation:sync', SyncConversation, () => ({
      conversation,
      messages: [],
      more: false,
    }));
    expect(await deliver('conversation:list', ACK)).toEqual({ ok: true, conversations: [] });
    const sync = await deliver('conversation:sync', ACK);
    expect(sync.ok ? 'ok' : sync.error.code).toBe('invalid_payload');
  });

  it('answers coded errors: schema, size, thrown HubError, anything else', async () => {
    const { handle, deliver } = fakeSocket();
    handle('conversation:sync', SyncConversation, (p) => {
      if (p.afterSeq === 1) fail('not_found', 'no such conversation');
      if (p.afterSeq === 2) throw new Error('disk on fire');
      return { conversation, messages: [], more: false };
    });
    const code = async (payload: unknown) => {
      const ack = await deliver('conversation:sync', payload, ACK);
      return ack.ok ? 'ok' : ack.error.code;
    };
    expect(await code({ conversationId: 'c1', afterSeq: -1 })).toBe('invalid_payload');
    expect(await code({ conversationId: 'c1', afterSeq: 1 })).toBe('not_found');
    expect(await code({ conversationId: 'c1', afterSeq: 2 })).toBe('unavailable');
    expect(await code({ conversationId: 'c1', afterSeq: 0 })).toBe('ok');
  });

  it('refuses past the budget with rate_limited, before running the action', async () => {
    let ran = 0;
    const { handle, deliver } = fakeSocket((budget) => budget !== 'read');
    handle('conversation:list', Empty, () => {
      ran += 1;
      return { conversations: [] };
    });
    const ack = await deliver('conversation:list', {}, ACK);
    expect(ack.ok ? 'ok' : ack.error.code).toBe('rate_limited');
    expect(ran).toBe(0);
  });

  it('types handlers from the event map', () => {
    const { handle } = fakeSocket();
    // Each line below must fail to compile; `pnpm typecheck` fails if one compiles.
    // @ts-expect-error conversation:list acks { conversations }, not { conversation }
    handle('conversation:list', Empty, () => ({ conversation }));
    // @ts-expect-error conversation:sync acks { conversation, messages }
    handle('conversation:sync', SyncConversation, () => ({ conversation }));
    // @ts-expect-error the schema must describe the event's payload
    handle('conversation:sync', ConversationRef, () => ({
      conversation,
      messages: [],
      more: false,
    }));
    // @ts-expect-error the payload is typed from the map: Typing has no afterSeq
    handle('typing:set', Typing, (p) => void p.afterSeq);
    // @ts-expect-error no such event in the visitor's map
    handle('conversation:claim', ConversationRef, () => ({ conversation }));
    expect(true).toBe(true);
  });
});
