/**
 * Peers and observations the routing integration tests share: visitors who start a
 * chat (VIP or not), the codes of refused acks, and ways to know the hub has heard a
 * dropped connection without sleeping.
 */

import type {
  Ack,
  Conversation,
  ConversationEventType,
  Message,
  QueuePosition,
} from '@switchboard/shared';
import { afterEach } from 'vitest';
import {
  type AgentSocket,
  call,
  connectVisitor,
  expectOk,
  type Hub,
  nanoid,
  next,
  type VisitorPeer,
} from './harness.ts';

export interface ChattingVisitor extends VisitorPeer {
  conversation: Conversation;
  /**
   * Every position this visitor was told, oldest first. What the hub emits before an
   * ack arrives before it, so a position is here once the call that caused it returns.
   */
  positions: QueuePosition[];
}

/** A new visitor who starts a conversation of `department` with a first message. */
export async function chattingVisitor(
  hub: Pick<Hub, 'url'>,
  department = 'pre_sales',
  options: { vip?: boolean; body?: string } = {},
): Promise<ChattingVisitor> {
  const peer = await connectVisitor(hub);
  const positions: QueuePosition[] = [];
  peer.socket.on('queue:position', (p) => positions.push(p));
  const start = {
    department,
    clientId: nanoid(),
    body: options.body ?? 'Hello',
    ...(options.vip === undefined ? {} : { vip: options.vip }),
  };
  const { conversation } = expectOk(
    await call<{ conversation: Conversation; message: Message }>(
      peer.socket,
      'conversation:start',
      start,
    ),
  );
  return { ...peer, conversation, positions };
}

/** The code of a refused ack, or 'ok'. */
export function codeOf(ack: Ack<object>): string {
  return ack.ok ? 'ok' : ack.error.code;
}

/** The types of a conversation's event log, in order. */
export async function eventTypes(
  hub: Hub,
  conversationId: string,
): Promise<ConversationEventType[]> {
  return (await hub.store.events.list(conversationId)).map((e) => e.type);
}

/** The stored status and holder of a conversation. */
export async function stored(hub: Hub, conversationId: string) {
  const c = await hub.store.conversations.get(conversationId);
  return { status: c?.status, assigneeId: c?.assigneeId ?? null, department: c?.department };
}

/** The last position this visitor was told for their conversation, if any. */
export function lastPosition(peer: ChattingVisitor): number | undefined {
  return peer.positions.filter((p) => p.conversationId === peer.conversation.id).at(-1)?.position;
}

/** The next position this visitor is told for this conversation. */
export function nextPosition(peer: ChattingVisitor, position?: number): Promise<QueuePosition> {
  return next<QueuePosition>(
    peer.socket,
    'queue:position',
    (p) =>
      p.conversationId === peer.conversation.id &&
      (position === undefined || p.position === position),
  );
}

/** The next update of this conversation its visitor hears with the given status. */
export function nextUpdate(
  peer: ChattingVisitor,
  status: Conversation['status'],
): Promise<Conversation> {
  return next<Conversation>(
    peer.socket,
    'conversation:updated',
    (c) => c.id === peer.conversation.id && c.status === status,
  );
}

/** The agent's view of their conversations. */
export async function agentList(socket: AgentSocket): Promise<Conversation[]> {
  return expectOk(await call<{ conversations: Conversation[] }>(socket, 'conversation:list', {}))
    .conversations;
}

/**
 * Peers to close after each test: `track(peer)` returns the peer. Call it after the
 * file's own hooks: after-hooks run last registered first, so the peers close before
 * the hub does.
 */
export function closedAfterEach(): <T extends { socket: { close(): unknown } }>(peer: T) => T {
  const sockets: { close(): unknown }[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  return (peer) => {
    sockets.push(peer.socket);
    return peer;
  };
}
