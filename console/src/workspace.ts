/**
 * The signed-in workspace: composes the models of one sign-in. Each model owns its own
 * subscriptions through the typed connection adapter (`on` returns the unsubscribe,
 * `request` the typed ack) and is unit-tested against a fake one. What stays here is
 * what needs the raw socket (reconnect policy, the unauthorized handshake) or the page
 * (visibility, the tab title, the clock). `dispose()` closes everything on sign-out.
 */
import { computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import {
  type AgentProfile,
  type AgentStatus,
  type Department,
  lastSeq,
  type MessageKind,
  type Outbox,
  socketConnection,
} from '@switchboard/shared';
import { nanoid } from 'nanoid';
import { type ComposerModel, createComposerModel } from './models/composer.ts';
import {
  type ConversationGroups,
  type ConversationsModel,
  groupConversations,
} from './models/conversations.ts';
import { createInboxModel } from './models/inbox.ts';
import type { KeyValueStorage } from './models/locale.ts';
import { createNoticeModel, type FailureCode } from './models/notice.ts';
import { createPresenceModel } from './models/presence.ts';
import type { QueueBoard } from './models/queues.ts';
import type { TranscriptsModel } from './models/transcripts.ts';
import { createTypingModel, type TypingModel } from './models/typing.ts';
import { createUnreadModel, type UnreadModel, unreadCount } from './models/unread.ts';
import type { AgentSocket } from './socket.ts';

export type { FailureCode } from './models/notice.ts';

/** Waiting times shown in minutes need no finer clock than this. */
const CLOCK_TICK_MS = 15_000;

export interface Workspace {
  agent: Signal<AgentProfile>;
  connected: Signal<boolean>;
  status: Signal<AgentStatus>;
  departments: Signal<readonly Department[]>;
  /** The queues this agent watches, live. */
  queues: Signal<QueueBoard>;
  conversations: ConversationsModel;
  transcripts: TranscriptsModel;
  /** Messages written here the hub has not acknowledged (shared/src/client/outbox.ts). */
  outbox: Signal<Outbox>;
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

export function createWorkspace({
  agent: profile,
  socket,
  storage,
  onUnauthorized,
}: WorkspaceDeps): Workspace {
  const conn = socketConnection(socket);
  const notices = createNoticeModel();
  // Presence first: on agent:hello it sets the profile the inbox's re-sync reads.
  const presence = createPresenceModel(conn, profile, notices);
  const inbox = createInboxModel({ conn, agent: presence.agent, notices });
  const typing = createTypingModel(conn);
  const unread = createUnreadModel(storage, profile.id);
  const composer = createComposerModel();
  const { agent, departments } = presence;
  const { conversations, transcripts, openId } = inbox;
  const connected = signal(false);
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

  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!disposed) fn();
    }, ms);
    timers.add(timer);
  };

  // The socket's own lifecycle: what the client will not retry by itself.
  const off = [
    conn.on('connect', () => {
      connected.value = true;
    }),
    conn.on('disconnect', (reason) => {
      connected.value = false;
      // The hub hung up on purpose (e.g. a restart).
      if (reason === 'io server disconnect') later(() => socket.connect(), 1000);
    }),
    conn.on('connect_error', (err) => {
      if (err.message === 'unauthorized') return onUnauthorized();
      // A refusal from the hub's middleware stops the built-in retries; keep trying.
      if (!socket.active) later(() => socket.connect(), 3000);
    }),
  ];

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

  return {
    agent,
    connected,
    status: presence.status,
    departments,
    queues: presence.queues,
    conversations,
    transcripts,
    outbox: inbox.outbox,
    unread,
    composer,
    typing,
    groups,
    unreadById,
    openId,
    loading: inbox.loading,
    notice: notices.notice,
    now,
    open(conversationId) {
      if (openId.value !== conversationId) typing.stop();
      inbox.open(conversationId);
    },
    claim: inbox.claim,
    resolve: inbox.resolve,
    send(conversationId, body, kind) {
      typing.stop();
      inbox.send(conversationId, body, kind, nanoid());
    },
    retry: inbox.retry,
    setStatus: presence.setStatus,
    typed: typing.typed,
    stopTyping: typing.stop,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const unsubscribe of off) unsubscribe();
      presence.dispose();
      inbox.dispose();
      typing.dispose();
      notices.dispose();
      disposeSeen();
      disposeTitle();
      clearInterval(stopClock);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      document.removeEventListener('visibilitychange', onVisibility);
      socket.removeAllListeners();
      socket.disconnect();
      document.title = 'Switchboard';
    },
  };
}
