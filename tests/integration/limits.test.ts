/**
 * Limits tried as an attacker would (issue 11, part 0 item 5): many sockets of one
 * visitor, many visitors of one address, reads, and a client that floods the hub
 * with reads and never reads the answers.
 */
import type { Message } from '@switchboard/shared';
import { LIMITS } from '@switchboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  connectVisitor,
  expectOk,
  type Hub,
  nanoid,
  startConversation,
  startHub,
  type VisitorPeer,
} from '../harness.ts';
import { stalledVisitor } from '../stalled-client.ts';

const generous = { perSecond: 1_000_000, burst: 1_000_000 };
/** A clock that never moves, so buckets never refill and counts are exact. */
const frozen = () => 1_700_000_000_000;

let hub: Hub;
const peers: VisitorPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) p.socket.close();
  await hub.close();
});

async function visitor(token?: string): Promise<VisitorPeer> {
  const peer = await connectVisitor(hub, token ? { token } : {});
  peers.push(peer);
  return peer;
}

const codes = (acks: { ok: boolean; error?: { code: string } }[]) =>
  acks.map((a) => (a.ok ? 'ok' : (a.error?.code ?? '?')));

function send(peer: VisitorPeer, conversationId: string, body = 'hi') {
  return call<{ message: Message }>(peer.socket, 'message:send', {
    conversationId,
    clientId: nanoid(),
    body,
  });
}

describe('write limits', () => {
  it('20 sockets of one visitor share one budget', async () => {
    const rateLimit = { perSecond: 1, burst: 10 };
    hub = await startHub({ config: { rateLimit, addressLimit: generous }, clock: frozen });
    const first = await visitor();
    const conversation = await startConversation(first.socket); // spends one write
    const tabs = [first];
    for (let i = 1; i < 20; i += 1) tabs.push(await visitor(first.token));
    expect(new Set(tabs.map((t) => t.visitorId)).size).toBe(1);

    const acks = await Promise.all(
      tabs.flatMap((tab) => [1, 2, 3].map(() => send(tab, conversation.id, 'x'.repeat(4000)))),
    );
    const answered = codes(acks);
    expect(answered.filter((c) => c === 'ok')).toHaveLength(rateLimit.burst - 1);
    expect(answered.filter((c) => c !== 'ok').every((c) => c === 'rate_limited')).toBe(true);
    const stored = expectOk(
      await call<{ messages: Message[] }>(first.socket, 'conversation:sync', {
        conversationId: conversation.id,
        afterSeq: 0,
      }),
    ).messages;
    // The message that started the conversation, and the ones accepted after it.
    expect(stored).toHaveLength(rateLimit.burst);
  });

  it('visitors at one address share its budget, however many tokens they mint', async () => {
    const addressLimit = { perSecond: 1, burst: 12 };
    hub = await startHub({ config: { rateLimit: generous, addressLimit }, clock: frozen });
    const visitors = [await visitor(), await visitor(), await visitor(), await visitor()];
    const conversations: { id: string }[] = [];
    for (const v of visitors) conversations.push(await startConversation(v.socket)); // 4 events
    const acks = await Promise.all(
      visitors.flatMap((v, i) =>
        Array.from({ length: 10 }, () => send(v, conversations[i]?.id ?? '')),
      ),
    );
    expect(codes(acks).filter((c) => c === 'ok')).toHaveLength(addressLimit.burst - 4);
  });
});

describe('read limits', () => {
  it('lists and syncs spend a read budget per visitor', async () => {
    const readLimit = { perSecond: 1, burst: 6 };
    hub = await startHub({ config: { readLimit, addressLimit: generous }, clock: frozen });
    const tab = await visitor();
    const other = await visitor(tab.token);
    const conversation = await startConversation(tab.socket);
    const sync = { conversationId: conversation.id, afterSeq: 0 };
    const acks = await Promise.all([
      ...Array.from({ length: 5 }, () => call(tab.socket, 'conversation:sync', sync)),
      ...Array.from({ length: 5 }, () => call(other.socket, 'conversation:list', {})),
    ]);
    expect(codes(acks).filter((c) => c === 'ok')).toHaveLength(readLimit.burst);
    expect(codes(acks).filter((c) => c === 'rate_limited')).toHaveLength(10 - readLimit.burst);
    // Writes have their own budget.
    expectOk(await send(tab, conversation.id));
  });
});

describe('a client that never reads', () => {
  it('is dropped before the hub buffers its answers, and others are still answered', async () => {
    const socketBacklogBytes = 1024 * 1024;
    hub = await startHub({
      config: {
        rateLimit: generous,
        readLimit: generous,
        addressLimit: generous,
        socketBacklogBytes,
      },
    });
    const owner = await visitor();
    const conversation = await startConversation(owner.socket);
    // ~12 KB of UTF-8 each: a sync page is cut by size, at LIMITS.syncPageBytes.
    for (let i = 0; i < 60; i += 1) expectOk(await send(owner, conversation.id, '字'.repeat(4000)));

    const heapBefore = process.memoryUsage().heapUsed;
    const stalled = await stalledVisitor(hub.url, owner.token);
    const requests = 200;
    for (let id = 0; id < requests; id += 1) {
      stalled.emit(id, 'conversation:sync', { conversationId: conversation.id, afterSeq: 0 });
    }
    // Another visitor is served meanwhile.
    const bystander = await visitor();
    expectOk(await call(bystander.socket, 'conversation:list', {}));
    await startConversation(bystander.socket);

    // Reading again, the client gets what the kernel held and then the hub's close:
    // far less than the answers it asked for.
    const { bytes, closed } = await stalled.drainUntilClosed(15_000);
    stalled.close();
    expect(closed).toBe(true);
    expect(bytes).toBeLessThan((requests * LIMITS.syncPageBytes) / 4);
    // The hub runs in this process. Answering all 200 would hold ~50 MB of pages (and
    // read ~4 MB from SQLite for each); dropped early, the heap barely moves. The
    // bound is generous, for a garbage collector that runs when it likes.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expectOk(await call(bystander.socket, 'conversation:list', {}));
  });
});

describe('sync pages', () => {
  it('are cut by size, and paging while `more` returns every message once', async () => {
    hub = await startHub({ config: { rateLimit: generous } });
    const owner = await visitor();
    const conversation = await startConversation(owner.socket);
    for (let i = 0; i < 60; i += 1) expectOk(await send(owner, conversation.id, '字'.repeat(4000)));
    const got: Message[] = [];
    let afterSeq = 0;
    let pages = 0;
    for (;;) {
      const page = expectOk(
        await call<{ messages: Message[]; more: boolean }>(owner.socket, 'conversation:sync', {
          conversationId: conversation.id,
          afterSeq,
        }),
      );
      pages += 1;
      got.push(...page.messages);
      if (!page.more) break;
      afterSeq = page.messages[page.messages.length - 1]?.seq ?? afterSeq;
    }
    expect(pages).toBeGreaterThan(1);
    // 60 and the message that started the conversation.
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: 61 }, (_, i) => i + 1));
  });
});
