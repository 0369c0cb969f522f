/**
 * The visitor's side of routing: whether the picked topic takes chats now, where a
 * queued conversation stands and how long it may take, and leaving the queue. What
 * the hub pushes (positions, offers) is kept as it comes, since it may arrive before
 * the ack that names the conversation it is about.
 */
import { computed, effect, signal } from '@preact/signals';
import type {
  Availability,
  ErrorCode,
  LeaveMessageOffer,
  QueuePosition,
} from '@switchboard/shared';
import { request } from '@switchboard/shared';
import type { VisitorSocket } from '../socket.ts';
import type { ChatModel } from './chat.ts';
import { refusedForNow, topicOffer, waitMinutes, wasRequeued } from './queue-status.ts';

export interface QueueDeps {
  socket: VisitorSocket;
  chat: Pick<ChatModel, 'conversation' | 'topic' | 'start' | 'adopt'>;
}

/** What the queue panel shows for the conversation on screen, while it is queued. */
export interface QueueView {
  conversationId: string;
  /** null until the hub has said (it does when the queue moves). */
  position: { number: number; minutes: number | null } | null;
  /** The agent holding it was disconnected and it went back to the head of the queue. */
  requeued: boolean;
  /** Queued with nobody of the department online: a message may serve them better. */
  nobodyOnline: boolean;
}

export function createQueueModel({ socket, chat }: QueueDeps) {
  const availability = signal<{
    department: string;
    value: Availability | 'checking' | 'failed';
  } | null>(null);
  const position = signal<QueuePosition | null>(null);
  const offer = signal<LeaveMessageOffer | null>(null);
  const requeuedId = signal<string | null>(null);
  const leaving = signal(false);
  const leaveFailed = signal<ErrorCode | null>(null);

  socket.on('queue:position', (p) => {
    position.value = p;
  });
  socket.on('conversation:offer', (o) => {
    offer.value = o;
  });

  // The hub says nothing more than the change itself (assigned → queued, same
  // department), so the notice is read off the transition.
  let before = chat.conversation.peek();
  const stopWatching = effect(() => {
    const after = chat.conversation.value;
    if (wasRequeued(before, after) && after) requeuedId.value = after.id;
    if (before?.id !== after?.id) leaveFailed.value = null;
    before = after;
  });

  /** The picked topic's offer: chat, leave-a-message, or neither. */
  const offered = computed(() => {
    const topic = chat.topic.value;
    const known = availability.value;
    return topicOffer(known && known.department === topic ? known.value : 'checking');
  });

  const view = computed((): QueueView | null => {
    const c = chat.conversation.value;
    if (c?.status !== 'queued') return null;
    const p = position.value?.conversationId === c.id ? position.value : null;
    const o = offer.value;
    return {
      conversationId: c.id,
      position: p && { number: p.position, minutes: waitMinutes(p.estimatedWaitMs) },
      requeued: requeuedId.value === c.id,
      nobodyOnline: o?.conversationId === c.id && o.reason === 'no_agent_online',
    };
  });

  async function check(department: string): Promise<void> {
    availability.value = { department, value: 'checking' };
    let value: Availability | 'failed' = 'failed';
    try {
      const ack = await request(socket, 'queue:availability', { department });
      if (ack.ok) value = ack.availability;
    } catch {
      // No answer in time: offer chat; the first message learns the rest.
    }
    if (availability.value?.department === department) availability.value = { department, value };
  }

  return {
    offered,
    view,
    leaving,
    leaveFailed,

    /** Picks the topic and asks the hub whether it takes chats now. */
    chooseTopic(department: string): void {
      chat.start(department);
      void check(department);
    },

    /**
     * The first message was refused because chat is closed or full. When the hub
     * offered a message instead (its offer arrives before the refusal), the topic
     * turns to leave-a-message; returns whether it did.
     */
    refusedStart(department: string, code: ErrorCode): boolean {
      const o = offer.value;
      if (!refusedForNow(code) || !o || o.queued || o.department !== department) return false;
      const status = o.reason === 'no_agent_online' ? 'unstaffed' : o.reason;
      availability.value = { department, value: { status, leaveMessage: true } };
      return true;
    },

    /** Stops waiting: the conversation ends (the hub logs it as abandoned). */
    async leave(): Promise<void> {
      const c = chat.conversation.value;
      if (!c || leaving.value) return;
      leaving.value = true;
      leaveFailed.value = null;
      try {
        const ack = await request(socket, 'conversation:leave', { conversationId: c.id });
        if (ack.ok) chat.adopt(ack.conversation);
        else leaveFailed.value = ack.error.code;
      } catch {
        leaveFailed.value = 'unavailable';
      } finally {
        leaving.value = false;
      }
    },

    dispose: stopWatching,
  };
}

export type QueueModel = ReturnType<typeof createQueueModel>;
