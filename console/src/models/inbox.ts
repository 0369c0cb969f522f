/**
 * The conversations this agent sees and what it holds of each: the list, the
 * transcripts (synced after seq), the outbox (shared with the widget:
 * shared/src/client), which one is open. It subscribes to what changes them —
 * agent:hello (re-sync after every (re)connect), message:new, conversation:updated —
 * and pins each transcript's resume point when the connection drops.
 */
import { type ReadonlySignal, type Signal, signal } from '@preact/signals';
import {
  type Ack,
  type AgentProfile,
  type Conversation,
  createOutboxSender,
  createResumePoints,
  type Delivery,
  type Message,
  type MessageKind,
  type Outbox,
  syncPages,
} from '@switchboard/shared';
import type { AgentConnection } from '../socket.ts';
import { type ConversationsModel, createConversationsModel } from './conversations.ts';
import { type NoticeModel, settle } from './notice.ts';
import { createTranscriptsModel, type TranscriptsModel } from './transcripts.ts';

/** Without the list the agent sees an empty queue, so it is asked for again this often. */
export const LIST_RETRY_MS = 5000;

export interface InboxModel {
  conversations: ConversationsModel;
  transcripts: TranscriptsModel;
  /** Messages written here the hub has not acknowledged. */
  outbox: Signal<Outbox>;
  openId: Signal<string | null>;
  /** Conversations whose history is being fetched for the first time. */
  loading: Signal<ReadonlySet<string>>;
  /** Shows this conversation (loading its history once), or none. */
  open(conversationId: string | null): void;
  claim(conversationId: string): Promise<void>;
  resolve(conversationId: string): Promise<void>;
  send(conversationId: string, body: string, kind: MessageKind, clientId: string): void;
  retry(clientId: string): void;
  dispose(): void;
}

export interface InboxDeps {
  conn: AgentConnection;
  agent: ReadonlySignal<AgentProfile>;
  notices: NoticeModel;
  now?: () => number;
}

export function createInboxModel({ conn, agent, notices, now = Date.now }: InboxDeps): InboxModel {
  const conversations = createConversationsModel();
  const transcripts = createTranscriptsModel();
  const outbox = signal<Outbox>([]);
  const openId = signal<string | null>(null);
  const loading = signal<ReadonlySet<string>>(new Set());
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let disposed = false;

  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const holdMessages = (conversationId: string, messages: readonly Message[]) => {
    transcripts.merge(conversationId, messages);
    sender.settle(transcripts.of(conversationId));
    // The hub sends no conversation:updated per message, so the list's preview (and
    // its "newest activity" order) follows the newest visitor-visible message here.
    const held = conversations.byId.value.get(conversationId);
    let newest: Message | undefined;
    for (const m of messages) {
      if (m.kind !== 'note' && (!newest || m.seq > newest.seq)) newest = m;
    }
    if (held && newest && newest.seq > (held.lastMessage?.seq ?? 0)) {
      const { seq, author, body, createdAt } = newest;
      conversations.upsert([
        {
          ...held,
          lastSeq: Math.max(held.lastSeq, seq),
          lastMessage: { seq, author, body, createdAt },
        },
      ]);
    }
  };

  const sender = createOutboxSender({
    store: outbox,
    link: conn,
    async transmit(p): Promise<Delivery> {
      const { conversationId, clientId, body, kind } = p;
      const ack = await conn.request('message:send', { conversationId, clientId, body, kind });
      if (!ack.ok) return ack.error.code;
      holdMessages(ack.message.conversationId, [ack.message]);
      return [ack.message];
    },
    later,
  });

  const resume = createResumePoints();

  /** Fetches everything after what we hold, page by page; the first load starts at 0. */
  async function syncTranscript(conversationId: string): Promise<void> {
    const afterSeq = transcripts.loaded.value.has(conversationId)
      ? resume.start(conversationId, transcripts.of(conversationId))
      : 0;
    const end = await settle(
      syncPages(
        afterSeq,
        (after) => conn.request('conversation:sync', { conversationId, afterSeq: after }),
        (page) => {
          conversations.upsert([page.conversation]);
          holdMessages(conversationId, page.messages);
          return true;
        },
      ),
    );
    if (end === 'complete') {
      resume.clear(conversationId);
      transcripts.markLoaded(conversationId);
    } else if (typeof end === 'object') {
      notices.show(end.refused.code);
    }
  }

  async function loadTranscript(conversationId: string): Promise<void> {
    if (loading.value.has(conversationId)) return;
    loading.value = new Set([...loading.value, conversationId]);
    try {
      await syncTranscript(conversationId);
    } finally {
      const next = new Set(loading.value);
      next.delete(conversationId);
      loading.value = next;
    }
  }

  async function refreshList(): Promise<void> {
    const ack = await settle(conn.request('conversation:list', {}));
    if (ack !== 'timeout' && ack.ok) {
      conversations.applyList(ack.conversations, agent.value.id);
      return;
    }
    notices.show(ack === 'timeout' ? 'timeout' : ack.error.code);
    later(() => {
      if (conn.connected && !disposed) void refreshList();
    }, LIST_RETRY_MS);
  }

  /** Run on every agent:hello, i.e. once the hub has set this socket up, first or again. */
  async function resync(): Promise<void> {
    sender.resendAll();
    await Promise.all([...transcripts.loaded.value].map((id) => syncTranscript(id)));
    const open = openId.value;
    if (open && !transcripts.loaded.value.has(open)) void loadTranscript(open);
    await refreshList();
  }

  /** Claim and resolve answer with the conversation as it is now. */
  async function act(pending: Promise<Ack<{ conversation: Conversation }>>): Promise<void> {
    const ack = await settle(pending);
    if (ack === 'timeout') return notices.show('timeout');
    if (ack.ok) conversations.upsert([ack.conversation]);
    else notices.show(ack.error.code);
  }

  const off = [
    conn.on('agent:hello', () => void resync()),
    conn.on('message:new', (message) => holdMessages(message.conversationId, [message])),
    conn.on('conversation:updated', (c) => conversations.upsert([c])),
    conn.on('disconnect', () => {
      // Messages arrive in order while connected: what is held now is complete.
      for (const id of transcripts.loaded.value) resume.pin(id, transcripts.of(id));
    }),
  ];

  return {
    conversations,
    transcripts,
    outbox,
    openId,
    loading,
    open(conversationId) {
      openId.value = conversationId;
      if (conversationId === null) return;
      if (!transcripts.loaded.value.has(conversationId) && conn.connected) {
        void loadTranscript(conversationId);
      }
    },
    claim: (conversationId) => act(conn.request('conversation:claim', { conversationId })),
    resolve: (conversationId) => act(conn.request('conversation:resolve', { conversationId })),
    send(conversationId, body, kind, clientId) {
      sender.send({ conversationId, clientId, body, kind, failed: null, createdAt: now() });
    },
    retry: (clientId) => sender.retry(clientId),
    dispose() {
      disposed = true;
      for (const unsubscribe of off) unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
