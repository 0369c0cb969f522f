/**
 * The signed-in workspace: owns the socket and the models, turns hub events into model
 * updates and user actions into emits. It is the one place with effects; the models
 * and their derivations stay pure. `dispose()` closes everything on sign-out.
 */
import { computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import {
  type AgentProfile,
  type AgentStatus,
  type Department,
  type ErrorCode,
  lastSeq,
  type Message,
  type MessageKind,
  type PendingMessage,
  request,
} from '@switchboard/shared';
import { nanoid } from 'nanoid';
import { type ComposerModel, createComposerModel } from './models/composer.ts';
import {
  type ConversationGroups,
  type ConversationsModel,
  createConversationsModel,
  groupConversations,
} from './models/conversations.ts';
import type { KeyValueStorage } from './models/locale.ts';
import { createOutboxModel, type OutboxModel, toResend } from './models/outbox.ts';
import { applyQueueStats, type QueueBoard } from './models/queues.ts';
import { createTranscriptsModel, type TranscriptsModel } from './models/transcripts.ts';
import { createTypingModel, type TypingModel } from './models/typing.ts';
import { createUnreadModel, type UnreadModel, unreadCount } from './models/unread.ts';
import type { AgentSocket } from './socket.ts';
import { createTypingAnnouncer } from './typing-announcer.ts';

const NOTICE_MS = 6000;
const RESEND_MS = 2000;
const LIST_RETRY_MS = 5000;
/** Waiting times shown in minutes need no finer clock than this. */
const CLOCK_TICK_MS = 15_000;

export type FailureCode = ErrorCode | 'timeout';

export interface Workspace {
  agent: Signal<AgentProfile>;
  connected: Signal<boolean>;
  status: Signal<AgentStatus>;
  departments: Signal<readonly Department[]>;
  /** The queues this agent watches, live. */
  queues: Signal<QueueBoard>;
  conversations: ConversationsModel;
  transcripts: TranscriptsModel;
  outbox: OutboxModel;
  unread: UnreadModel;
  composer: ComposerModel;
  typing: TypingModel;
  groups: ReadonlySignal<ConversationGroups>;
  unreadById: ReadonlySignal<ReadonlyMap<string, number>>;
  openId: Signal<string | null>;
  /** Conversations whose history is being fetched for the first time. */
  loading: Signal<ReadonlySet<string>>;
  /** The last refused action, shown until it times out or another replaces it. */
  notice: Signal<FailureCode | null>;
  now: Signal<number>;
  /** Shows this conversation (loading its history once), or none. */
  open(conversationId: string | null): void;
  claim(conversationId: string): Promise<void>;
  resolve(conversationId: string): Promise<void>;
  send(conversationId: string, body: string, kind: MessageKind): void;
  retry(clientId: string): void;
  setStatus(status: 'online' | 'away'): Promise<void>;
  typed(conversationId: string): void;
  stopTyping(): void;
  dispose(): void;
}

export interface WorkspaceDeps {
  agent: AgentProfile;
  socket: AgentSocket;
  storage: KeyValueStorage | null;
  /** Called when the hub refuses the handshake: the cookie session is gone. */
  onUnauthorized(): void;
}

/**
 * Turns a thrown ack timeout (or a disconnect while waiting) into a value, so callers
 * branch instead of catching. DESIGN.md: an ack not back in time leaves a message
 * pending for the reconnect.
 */
async function settle<T>(request: Promise<T>): Promise<T | 'timeout'> {
  try {
    return await request;
  } catch {
    return 'timeout';
  }
}

export function createWorkspace({
  agent: profile,
  socket,
  storage,
  onUnauthorized,
}: WorkspaceDeps): Workspace {
  const agent = signal(profile);
  const connected = signal(false);
  const status = signal<AgentStatus>('offline');
  // The agent's own choice. Presence on the hub ends with the connection, so after a
  // reconnect (network blip, hub restart) the choice is sent again rather than lost.
  let chosen: 'online' | 'away' | null = null;
  const departments = signal<readonly Department[]>([]);
  const queues = signal<QueueBoard>(new Map());
  const conversations = createConversationsModel();
  const transcripts = createTranscriptsModel();
  const outbox = createOutboxModel();
  const unread = createUnreadModel(storage, profile.id);
  const composer = createComposerModel();
  const typing = createTypingModel();
  const openId = signal<string | null>(null);
  const loading = signal<ReadonlySet<string>>(new Set());
  const notice = signal<FailureCode | null>(null);
  const now = signal(Date.now());
  const visible = signal(document.visibilityState === 'visible');
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let disposed = false;

  const groups = computed(() =>
    groupConversations(
      conversations.byId.value.values(),
      agent.value.id,
      agent.value.departments.length > 0
        ? agent.value.departments
        : departments.value.map((d) => d.id),
    ),
  );
  const unreadById = computed(() => {
    const out = new Map<string, number>();
    const { mine, waiting } = groups.value;
    for (const c of [...mine, ...waiting]) {
      const n = unreadCount(c, transcripts.of(c.id), unread.seen.value.get(c.id) ?? 0);
      if (n > 0) out.set(c.id, n);
    }
    return out;
  });

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    return timer;
  };
  let noticeTimer: ReturnType<typeof setTimeout> | null = null;
  const showNotice = (code: FailureCode) => {
    notice.value = code;
    if (noticeTimer) clearTimeout(noticeTimer);
    noticeTimer = later(NOTICE_MS, () => {
      notice.value = null;
    });
  };

  const holdMessages = (conversationId: string, messages: readonly Message[]) => {
    transcripts.merge(conversationId, messages);
    outbox.settle(transcripts.of(conversationId));
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

  async function deliver(p: PendingMessage): Promise<void> {
    // Offline: leave it pending; the next agent:hello re-sends it with the same clientId.
    if (!socket.connected) return;
    const ack = await settle(
      request(socket, 'message:send', {
        conversationId: p.conversationId,
        clientId: p.clientId,
        body: p.body,
        kind: p.kind,
      }),
    );
    if (ack === 'timeout') {
      // Disconnected: the next hello resends it. Still connected (a slow hub): resend
      // now with the same clientId; the hub keeps it once either way.
      if (socket.connected) later(RESEND_MS, () => resendIfPending(p.clientId));
      return;
    }
    if (ack.ok) holdMessages(ack.message.conversationId, [ack.message]);
    else outbox.fail(p.clientId, ack.error.code);
  }

  function resendIfPending(clientId: string): void {
    const entry = outbox.entries.value.find((p) => p.clientId === clientId && p.failed === null);
    if (entry) void deliver(entry);
  }

  // Per transcript, the newest seq held when the connection dropped: everything up to
  // it is complete (messages arrive in order while connected). A live message arriving
  // after the reconnect but before the sync must not move the start past the gap.
  const resumeAfter = new Map<string, number>();

  /** Fetches everything after what we hold, page by page; the first load starts at 0. */
  async function syncTranscript(conversationId: string): Promise<void> {
    let afterSeq = transcripts.loaded.value.has(conversationId)
      ? (resumeAfter.get(conversationId) ?? lastSeq(transcripts.of(conversationId)))
      : 0;
    for (;;) {
      const ack = await settle(request(socket, 'conversation:sync', { conversationId, afterSeq }));
      if (ack === 'timeout') return;
      if (!ack.ok) return showNotice(ack.error.code);
      conversations.upsert([ack.conversation]);
      holdMessages(conversationId, ack.messages);
      // A page may be cut by size long before it holds LIMITS.syncPage messages.
      if (!ack.more) {
        resumeAfter.delete(conversationId);
        return transcripts.markLoaded(conversationId);
      }
      afterSeq = lastSeq(ack.messages);
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
    const ack = await settle(request(socket, 'conversation:list', {}));
    if (ack !== 'timeout' && ack.ok) {
      conversations.applyList(ack.conversations, agent.value.id);
      return;
    }
    showNotice(ack === 'timeout' ? 'timeout' : ack.error.code);
    // Without the list the agent sees an empty queue, so keep asking while connected.
    later(LIST_RETRY_MS, () => {
      if (socket.connected && !disposed) void refreshList();
    });
  }

  /** Run on every agent:hello, i.e. once the hub has set this socket up, first or again. */
  async function resync(): Promise<void> {
    for (const p of toResend(outbox.entries.value)) void deliver(p);
    await Promise.all([...transcripts.loaded.value].map((id) => syncTranscript(id)));
    const open = openId.value;
    if (open && !transcripts.loaded.value.has(open)) void loadTranscript(open);
    await refreshList();
  }

  socket.on('connect', () => {
    connected.value = true;
  });
  socket.on('disconnect', (reason) => {
    connected.value = false;
    for (const id of transcripts.loaded.value) {
      if (!resumeAfter.has(id)) resumeAfter.set(id, lastSeq(transcripts.of(id)));
    }
    // The hub hung up on purpose (e.g. a restart); the client will not retry by itself.
    if (reason === 'io server disconnect') later(1000, () => socket.connect());
  });
  socket.on('connect_error', (err) => {
    if (err.message === 'unauthorized') return onUnauthorized();
    // A refusal from the hub's middleware stops the built-in retries; keep trying.
    if (!socket.active) later(3000, () => socket.connect());
  });
  socket.on('agent:hello', (hello) => {
    agent.value = hello.agent;
    status.value = hello.status;
    departments.value = hello.departments;
    // The hello lists every queue this agent watches now; any other is no longer theirs.
    queues.value = applyQueueStats(new Map(), hello.queues, Date.now());
    if (chosen && hello.status !== chosen) void sendStatus(chosen);
    void resync();
  });
  socket.on('message:new', (message) => holdMessages(message.conversationId, [message]));
  socket.on('conversation:updated', (c) => conversations.upsert([c]));
  socket.on('queue:stats', (stats) => {
    queues.value = applyQueueStats(queues.value, [stats], Date.now());
  });
  socket.on('typing:changed', (t) => typing.set(t.conversationId, t.typing));

  const stopClock = setInterval(() => {
    now.value = Date.now();
  }, CLOCK_TICK_MS);
  const onVisibility = () => {
    visible.value = document.visibilityState === 'visible';
  };
  document.addEventListener('visibilitychange', onVisibility);

  // Reading the open conversation while the tab is visible marks it seen.
  const disposeSeen = effect(() => {
    const id = openId.value;
    if (!id || !visible.value) return;
    const held = transcripts.messages.value.get(id) ?? [];
    const preview = conversations.byId.value.get(id)?.lastMessage?.seq ?? 0;
    unread.markSeen(id, Math.max(lastSeq(held), preview));
  });
  const disposeTitle = effect(() => {
    let total = 0;
    for (const n of unreadById.value.values()) total += n;
    document.title = total > 0 ? `(${total}) Switchboard` : 'Switchboard';
  });

  async function sendStatus(next: 'online' | 'away'): Promise<void> {
    const ack = await settle(request(socket, 'agent:status', { status: next }));
    if (ack === 'timeout') return showNotice('timeout');
    if (ack.ok) status.value = ack.status;
    else showNotice(ack.error.code);
  }

  const announcer = createTypingAnnouncer((conversationId, on) => {
    if (socket.connected) socket.emit('typing:set', { conversationId, typing: on });
  });
  const stopTyping = () => announcer.stop();

  return {
    agent,
    connected,
    status,
    departments,
    queues,
    conversations,
    transcripts,
    outbox,
    unread,
    composer,
    typing,
    groups,
    unreadById,
    openId,
    loading,
    notice,
    now,
    open(conversationId) {
      if (openId.value !== conversationId) stopTyping();
      openId.value = conversationId;
      if (conversationId === null) return;
      if (!transcripts.loaded.value.has(conversationId) && socket.connected) {
        void loadTranscript(conversationId);
      }
    },
    async claim(conversationId) {
      const ack = await settle(request(socket, 'conversation:claim', { conversationId }));
      if (ack === 'timeout') return showNotice('timeout');
      if (ack.ok) conversations.upsert([ack.conversation]);
      else showNotice(ack.error.code);
    },
    async resolve(conversationId) {
      const ack = await settle(request(socket, 'conversation:resolve', { conversationId }));
      if (ack === 'timeout') return showNotice('timeout');
      if (ack.ok) conversations.upsert([ack.conversation]);
      else showNotice(ack.error.code);
    },
    send(conversationId, body, kind) {
      stopTyping();
      const entry: PendingMessage = {
        conversationId,
        clientId: nanoid(),
        body,
        kind,
        failed: null,
        createdAt: Date.now(),
      };
      outbox.add(entry);
      void deliver(entry);
    },
    retry(clientId) {
      const entry = outbox.entries.value.find((p) => p.clientId === clientId);
      if (!entry) return;
      outbox.retrying(clientId);
      void deliver({ ...entry, failed: null });
    },
    async setStatus(next) {
      chosen = next;
      await sendStatus(next);
    },
    typed(conversationId) {
      announcer.typed(conversationId);
    },
    stopTyping,
    dispose() {
      if (disposed) return;
      disposed = true;
      disposeSeen();
      disposeTitle();
      clearInterval(stopClock);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      document.removeEventListener('visibilitychange', onVisibility);
      typing.dispose();
      announcer.stop();
      socket.removeAllListeners();
      socket.disconnect();
      document.title = 'Switchboard';
    },
  };
}
