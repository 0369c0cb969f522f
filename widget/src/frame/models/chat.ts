/**
 * The visitor's side of the conversation protocol: which conversation is shown, its
 * transcript and the outbox, kept right across reconnects. Sockets come in from
 * outside; everything the UI reads is a signal.
 */
import { batch, computed, signal } from '@preact/signals';
import type {
  Conversation,
  Delivery,
  ErrorCode,
  Message,
  Outbox,
  PendingMessage,
} from '@switchboard/shared';
import {
  createOutboxSender,
  createResumePoints,
  mergeBySeq,
  request,
  syncPages,
} from '@switchboard/shared';
import { nanoid } from 'nanoid';
import type { TokenStore } from '../identity.ts';
import type { VisitorSocket } from '../socket.ts';
import { pickConversation, statusLine, transcriptItems } from './transcript-items.ts';
import { createTypingThrottle } from './typing.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** The conversationId of the first message, written before its conversation exists. */
const DRAFT = '';

const TYPING_HIDE_MS = 5_000;
const RETRY_MS = 3_000;

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
  const outbox = signal<Outbox>([]);
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
      const shown = conversation.value;
      if (shown?.id !== next?.id) {
        messages.value = [];
        // Its messages are gone, so a sync of it starts from the beginning again.
        if (shown) resume.clear(shown.id);
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
      sender.settle(incoming);
    });
  }

  // Where the next sync starts (shared/src/client/sync.ts): pinned on a disconnect.
  const resume = createResumePoints();

  async function sync(conversationId: string): Promise<void> {
    const end = await syncPages(
      resume.start(conversationId, messages.value),
      (afterSeq) => request(socket, 'conversation:sync', { conversationId, afterSeq }),
      (page) => {
        if (conversation.value?.id !== conversationId) return false;
        conversation.value = page.conversation;
        accept(page.messages);
        return true;
      },
    );
    if (end === 'complete') resume.clear(conversationId);
  }

  // The outbox and its resend rule are shared with the console (shared/src/client).
  const sender = createOutboxSender({ store: outbox, link: socket, transmit, later: setTimeout });

  async function transmit(entry: PendingMessage): Promise<Delivery> {
    if (entry.conversationId === DRAFT) return startWith(entry);
    const { conversationId, clientId, body } = entry;
    const ack = await request(socket, 'message:send', { conversationId, clientId, body });
    if (!ack.ok) return ack.error.code;
    accept([ack.message]);
    return [ack.message];
  }

  /**
   * The first message starts the conversation. A retry keeps its clientId, so the hub
   * hands back what the first attempt made; a refusal keeps the text with Retry.
   */
  async function startWith(entry: PendingMessage): Promise<Delivery> {
    const department = topic.value;
    if (!department) return null;
    const ack = await request(socket, 'conversation:start', {
      department,
      clientId: entry.clientId,
      body: entry.body,
    });
    if (!ack.ok) {
      const { code } = ack.error;
      return onStartRefused({ department, body: entry.body, code }) ? 'withdrawn' : code;
    }
    adopt(ack.conversation, [ack.message]);
    return [ack.message];
  }

  /** Shows a conversation the hub just answered with, and its new messages. */
  function adopt(next: Conversation, held: readonly Message[] = []): void {
    batch(() => {
      topic.value = null;
      show(next);
      accept(held);
    });
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
          sender.resendAll();
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
    if (conversation.value) resume.pin(conversation.value.id, messages.value);
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
      const clientId = nanoid();
      sender.send({ conversationId, clientId, body, kind: 'text', failed: null, createdAt: now() });
    },

    retry: sender.retry,

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
