/**
 * The visitor's side of the conversation protocol: which conversation is shown, its
 * transcript and the outbox, kept right across reconnects. Sockets come in from
 * outside; everything the UI reads is a signal.
 */
import { batch, computed, signal } from '@preact/signals';
import type {
  Conversation,
  ErrorCode,
  EventAck,
  Message,
  PendingMessage,
  VisitorClientEvents,
} from '@switchboard/shared';
import { lastSeq, mergeBySeq, request } from '@switchboard/shared';
import { nanoid } from 'nanoid';
import type { TokenStore } from '../identity.ts';
import type { VisitorSocket } from '../socket.ts';
import { acknowledge, enqueue, fail, resendable, unfail } from './outbox.ts';
import { pickConversation, statusLine, transcriptItems } from './transcript-items.ts';
import { createTypingThrottle } from './typing.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** The conversationId of the first message, written before its conversation exists. */
const DRAFT = '';

const TYPING_HIDE_MS = 5_000;
const RETRY_MS = 3_000;
const RESEND_MS = 2_000;

export interface ChatDeps {
  socket: VisitorSocket;
  siteKey: string;
  tokens: TokenStore;
  onAgentMessage: () => void;
  /**
   * The hub refused the first message with `code`. Return true to take the text over
   * (leave-a-message, when chat is closed or full); it then leaves the outbox.
   */
  onStartRefused?: (start: { department: string; body: string; code: ErrorCode }) => boolean;
  now?: () => number;
}

export function createChatModel({
  socket,
  siteKey,
  tokens,
  onAgentMessage,
  onStartRefused = () => false,
  now = Date.now,
}: ChatDeps) {
  const connection = signal<ConnectionState>('connecting');
  /** False until the first conversation list arrived, so the picker does not flash. */
  const loaded = signal(false);
  const conversation = signal<Conversation | null>(null);
  const lastResolved = signal<Conversation | null>(null);
  const messages = signal<Message[]>([]);
  const outbox = signal<PendingMessage[]>([]);
  const agentTyping = signal(false);
  /** The topic picked before the first message: the conversation starts with that. */
  const topic = signal<string | null>(null);

  const items = computed(() =>
    transcriptItems(messages.value, outbox.value, conversation.value?.id ?? DRAFT),
  );
  const status = computed(() => statusLine(conversation.value));
  /** A first message is on its way (or refused): the topic is no longer a free choice. */
  const drafting = computed(() => outbox.value.some((p) => p.conversationId === DRAFT));
  const canWrite = computed(() =>
    conversation.value === null ? topic.value !== null : conversation.value.status !== 'resolved',
  );

  const typing = createTypingThrottle();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const later = (ms: number, run: () => void) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(run, ms);
  };

  function show(next: Conversation | null): void {
    batch(() => {
      if (conversation.value?.id !== next?.id) {
        messages.value = [];
        resumeAfter = null;
      }
      conversation.value = next;
      agentTyping.value = false;
    });
  }

  function accept(incoming: readonly Message[]): void {
    const shownId = conversation.value?.id;
    const visible = incoming.filter((m) => m.kind !== 'note' && m.conversationId === shownId);
    batch(() => {
      messages.value = mergeBySeq(messages.value, visible);
      outbox.value = acknowledge(outbox.value, incoming);
    });
  }

  // Where the next sync starts. While connected, messages arrive in seq order, so on a
  // disconnect everything up to the newest held one is complete. A live message that
  // arrives after the reconnect but before the sync must not move that point past
  // the gap, hence it is pinned here rather than read from the transcript.
  let resumeAfter: number | null = null;

  async function sync(conversationId: string): Promise<void> {
    let afterSeq = resumeAfter ?? lastSeq(messages.value);
    for (;;) {
      const ack = await request(socket, 'conversation:sync', { conversationId, afterSeq });
      if (!ack.ok || conversation.value?.id !== conversationId) return;
      conversation.value = ack.conversation;
      accept(ack.messages);
      // A page may be cut by size long before it holds LIMITS.syncPage messages.
      if (!ack.more) break;
      afterSeq = lastSeq(ack.messages);
    }
    resumeAfter = null;
  }

  async function deliver(entry: PendingMessage): Promise<void> {
    // Offline sends wait in the outbox; the reconnect handler resends them.
    if (!socket.connected) return;
    if (entry.conversationId === DRAFT) return startWith(entry);
    const { conversationId, clientId, body } = entry;
    let ack: EventAck<VisitorClientEvents, 'message:send'>;
    try {
      ack = await request(socket, 'message:send', { conversationId, clientId, body });
    } catch {
      // Timed out. Disconnected: the reconnect resends it. Still connected (a slow
      // hub): resend now with the same clientId; the hub keeps it once either way.
      if (socket.connected) setTimeout(() => resendIfPending(entry.clientId), RESEND_MS);
      return;
    }
    if (ack.ok) {
      accept([ack.message]);
    } else {
      outbox.value = fail(outbox.value, clientId, ack.error.code);
    }
  }

  /**
   * The first message starts the conversation. A retry keeps its clientId, so the hub
   * hands back what the first attempt made; a refusal keeps the text with Retry.
   */
  async function startWith(entry: PendingMessage): Promise<void> {
    const department = topic.value;
    if (!department) return;
    let ack: EventAck<VisitorClientEvents, 'conversation:start'>;
    try {
      ack = await request(socket, 'conversation:start', {
        department,
        clientId: entry.clientId,
        body: entry.body,
      });
    } catch {
      if (socket.connected) setTimeout(() => resendIfPending(entry.clientId), RESEND_MS);
      return;
    }
    if (!ack.ok) {
      const { code } = ack.error;
      outbox.value = onStartRefused({ department, body: entry.body, code })
        ? outbox.value.filter((p) => p.clientId !== entry.clientId)
        : fail(outbox.value, entry.clientId, code);
      return;
    }
    adopt(ack.conversation, [ack.message]);
  }

  /** Shows a conversation the hub just answered with, and its new messages. */
  function adopt(next: Conversation, held: readonly Message[] = []): void {
    batch(() => {
      topic.value = null;
      show(next);
      accept(held);
    });
  }

  function resendIfPending(clientId: string): void {
    const entry = outbox.value.find((p) => p.clientId === clientId && p.failed === null);
    if (entry) void deliver(entry);
  }

  async function refresh(): Promise<void> {
    const ack = await request(socket, 'conversation:list', {});
    if (!ack.ok) return;
    const shown = conversation.value;
    const stillThere = shown && ack.conversations.find((c) => c.id === shown.id);
    if (stillThere) {
      conversation.value = stillThere;
    } else {
      const picked = pickConversation(ack.conversations, !loaded.value, now());
      batch(() => {
        show(picked.active);
        lastResolved.value = picked.lastResolved;
      });
    }
    loaded.value = true;
    const current = conversation.value;
    if (current) await sync(current.id);
  }

  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;
  // One refresh at a time: a list racing a sync could show a conversation twice.
  function requestRefresh(): void {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        try {
          await refresh();
          for (const entry of resendable(outbox.value)) void deliver(entry);
        } catch {
          // Timed out or disconnected: the next connect refreshes again.
        }
      } while (refreshAgain && socket.connected);
      refreshing = null;
    })();
  }

  socket.on('connect', () => {
    connection.value = 'connected';
    requestRefresh();
  });
  socket.on('disconnect', (reason) => {
    connection.value = 'reconnecting';
    if (conversation.value) resumeAfter ??= lastSeq(messages.value);
    agentTyping.value = false;
    // The hub dropped us on purpose; socket.io will not retry that by itself.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    if (socket.active) return;
    // The hub refused the handshake. The token is never dropped here: the hub answers
    // an unknown token with a fresh visitor itself, and forgetting a good token on a
    // passing 'unavailable' would lose the visitor's conversation. Only refusals that
    // pass (unavailable, rate_limited) are retried; forbidden/not_found are the
    // embed's own mistake.
    if (error.message === 'unavailable' || error.message === 'rate_limited') {
      later(RETRY_MS, () => socket.connect());
    }
  });
  socket.on('visitor:session', ({ token }) => tokens.set(siteKey, token));
  socket.on('message:new', (message) => {
    if (message.kind === 'note') return;
    if (message.author === 'agent') {
      agentTyping.value = false;
      onAgentMessage();
    }
    if (message.conversationId === conversation.value?.id) accept([message]);
    else if (message.conversationId !== lastResolved.value?.id) requestRefresh();
  });
  socket.on('conversation:updated', (updated) => {
    if (updated.id === conversation.value?.id) {
      conversation.value = updated;
      if (updated.status === 'resolved') agentTyping.value = false;
    } else if (updated.id !== lastResolved.value?.id) {
      requestRefresh();
    }
  });
  socket.on('typing:changed', ({ conversationId, typing: on }) => {
    if (conversationId !== conversation.value?.id) return;
    clearTimeout(typingTimer);
    agentTyping.value = on;
    // A lost "stopped typing" event must not leave the indicator up forever.
    if (on) typingTimer = setTimeout(() => (agentTyping.value = false), TYPING_HIDE_MS);
  });

  function emitTyping(on: boolean): void {
    const id = conversation.value?.id;
    if (id && socket.connected) socket.emit('typing:set', { conversationId: id, typing: on });
  }

  return {
    connection,
    loaded,
    conversation,
    lastResolved,
    items,
    status,
    canWrite,
    drafting,
    agentTyping,
    topic,

    /** Picks the topic; nothing reaches the hub until the first message. */
    start(department: string): void {
      topic.value = department;
    },

    /** Back to the topic picker, while the first message has not been written. */
    changeTopic(): void {
      if (conversation.value || drafting.value) return;
      topic.value = null;
    },

    adopt,

    send(body: string): void {
      const shown = conversation.value;
      if (!shown && !topic.value) return;
      if (typing.stop()) emitTyping(false);
      const conversationId = shown?.id ?? DRAFT;
      const entry = { conversationId, clientId: nanoid(), body, createdAt: now() };
      outbox.value = enqueue(outbox.value, entry);
      const added = outbox.value[outbox.value.length - 1];
      if (added) void deliver(added);
    },

    retry(clientId: string): void {
      outbox.value = unfail(outbox.value, clientId);
      const entry = outbox.value.find((p) => p.clientId === clientId);
      if (entry) void deliver(entry);
    },

    typed(): void {
      if (typing.input(now())) emitTyping(true);
    },

    stoppedTyping(): void {
      if (typing.stop()) emitTyping(false);
    },

    /** Leave an ended conversation for the topic picker; it stays one click away. */
    startNew(): void {
      const ended = conversation.value;
      batch(() => {
        if (ended) lastResolved.value = ended;
        show(null);
      });
    },

    viewPrevious(): void {
      const previous = lastResolved.value;
      if (!previous) return;
      show(previous);
      void sync(previous.id).catch(() => undefined);
    },

    dispose(): void {
      clearTimeout(typingTimer);
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}

export type ChatModel = ReturnType<typeof createChatModel>;
