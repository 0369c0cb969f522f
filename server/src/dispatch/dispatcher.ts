import type {
  AgentProfile,
  AgentStatus,
  Availability,
  Conversation,
  Department,
  LeaveMessage,
  LeaveMessageOffer,
  Message,
  QueuePosition,
  QueueStats,
  Reassign,
  SendMessage,
  SlaAlert,
  StartConversation,
  Transfer,
} from '@switchboard/shared';
import { LIMITS } from '@switchboard/shared';
import { customAlphabet, nanoid } from 'nanoid';
import { fail } from '../errors.ts';
import {
  type Actor,
  type ConversationAction,
  staffActor,
  visitorActor,
} from '../policy/actions.ts';
import { assertAllowed, authorize, permits } from '../policy/policy.ts';
import { queueStats, type RoutingEvent } from '../routing/index.ts';
import type { ConversationFacts } from '../store/conversations.ts';
import type { AppendCheck, AppendResult, MessageTarget, NewMessage } from '../store/messages.ts';
import type { Store } from '../store/store.ts';
import type { Visitor } from '../store/visitors.ts';
import { type AnnounceDeps, announce, positionOf } from './announce.ts';
import { createRoutingEngine, type Outcome, type RunOptions, routingDepartment } from './engine.ts';
import type { Presence } from './presence.ts';
import { syncPage } from './sync-page.ts';

/** Where the dispatcher's effects go; realtime/ implements it with Socket.IO rooms. */
export interface Broadcast {
  /**
   * `except`: the sending socket, which already has the message in its ack and need
   * not be sent it again.
   */
  message(target: MessageTarget, message: Message, except?: string): void;
  conversation(conversation: Conversation): void;
  /** The agent's sockets start receiving this conversation's staff events. */
  follow(agentId: string, conversationId: string): void;
  /** ...and stop: it was handed on, and they are not a supervisor. */
  unfollow(agentId: string, conversationId: string): void;
  /** Where a queued visitor stands, and how long it may take (null: unknown). */
  queuePosition(visitorId: string, position: QueuePosition): void;
  /** A department's queue as staff see it on their board. */
  queueStats(stats: QueueStats): void;
  /** Routing suggests the visitor leave a message (closed, nobody online, queue full). */
  offerLeaveMessage(visitorId: string, offer: LeaveMessageOffer): void;
  /** An SLA warning or breach, for supervisors. */
  sla(alert: SlaAlert): void;
  typing(conversation: MessageTarget, from: 'visitor' | 'agent', typing: boolean): void;
}

export interface DispatcherDeps {
  store: Store;
  presence: Presence;
  broadcast: Broadcast;
  now: () => number;
  /** A timer's routing run failed; nobody waits on it, so it is only logged. */
  onRoutingError: (error: unknown) => void;
  /** How long a disconnected agent keeps their chats (default 60 s). */
  graceMs?: number;
  /** Told of every message written (not a retry's), e.g. for /metrics. */
  onStored?: (message: Message) => void;
}

/** What the store's refusals that carry no message of their own mean. */
const UNEXPLAINED = {
  not_found: 'no such conversation',
  conversation_closed: 'conversation is resolved',
  forbidden: 'not allowed',
  invalid_payload: 'clientId already used by another sender',
} as const;

/** Upper-case, unambiguous: the first four characters become a visitor's handle. */
export const newVisitorId = customAlphabet('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 16);

/** The policy's answer on a message, as the store's append asks it inside its write. */
function policyCheck(actor: Actor, action: 'message:text' | 'message:note'): AppendCheck {
  return (c) => {
    const decision = authorize(actor, action, c);
    return decision.ok ? null : decision;
  };
}

/**
 * The conversation lifecycle: load what a decision needs, ask policy/ whether the
 * actor may, let routing/ decide, apply it through the store (one transaction each),
 * then broadcast. Socket handlers and HTTP routes call this; it knows nothing of either.
 */
export function createDispatcher({
  store,
  presence,
  broadcast,
  now,
  onRoutingError,
  graceMs,
  onStored,
}: DispatcherDeps) {
  const announceDeps: AnnounceDeps = { store, broadcast, now, told: new Map() };
  const engine = createRoutingEngine({
    store,
    presence,
    now,
    onTimer: (outcome) => announce(announceDeps, outcome),
    onError: onRoutingError,
    config: graceMs === undefined ? {} : { graceMs },
  });
  /** Conversations whose first agent reply routing has already heard of. */
  const responded = new Set<string>();

  /**
   * Applies one routing event and tells everyone concerned. A refusal of the event
   * itself becomes the caller's coded error, after what fell due was still applied.
   */
  async function decide(event: RoutingEvent, options?: RunOptions): Promise<Outcome> {
    const outcome = await engine.run(event, options);
    await announce(announceDeps, outcome);
    const { refusal } = outcome.result;
    if (refusal) fail(refusal.code, refusal.message);
    return outcome;
  }

  /**
   * Applies an event whose outcome also adds a message to the conversation, both in
   * one write, and delivers the message. Nothing is written if routing refuses.
   */
  async function decideWith(
    event: RoutingEvent,
    appended: NewMessage,
    options: Omit<RunOptions, 'appended'> = {},
    sender?: string,
  ): Promise<{ conversation: Conversation; message: Message }> {
    const outcome = await decide(event, { ...options, appended });
    const conversation = await after(outcome, appended.conversationId);
    const message = outcome.written.message;
    if (!message) return fail('unavailable', 'the hub could not complete this; try again');
    onStored?.(message);
    broadcast.message(conversation, message, sender);
    return { conversation, message };
  }

  /**
   * A hand-off's note goes into the transcript as an internal note, written with the
   * hand-off itself, so the next agent reads it first, where they read the chat.
   */
  function handOnNote(agent: AgentProfile, conversationId: string, note: string): NewMessage {
    return {
      conversationId,
      clientId: nanoid(),
      body: note,
      visitorId: null,
      author: 'agent',
      authorId: agent.id,
      authorName: agent.name,
      kind: 'note',
    };
  }

  /** The conversation as clients see it after the outcome wrote it. */
  async function after(outcome: Outcome, id: string): Promise<Conversation> {
    const written = outcome.written.conversations.find((c) => c.id === id);
    return (
      written ?? (await store.conversations.get(id)) ?? fail('not_found', 'no such conversation')
    );
  }

  /** The conversation, if the actor may do `action` on it; a missing one is not_found. */
  async function conversationFor(
    actor: Actor,
    action: ConversationAction,
    id: string,
  ): Promise<Conversation> {
    const c = await store.conversations.get(id);
    if (!c) return fail('not_found', 'no such conversation');
    assertAllowed(actor, action, c);
    return c;
  }

  /** As conversationFor, reading only what the decision needs. */
  async function factsFor(
    actor: Actor,
    action: ConversationAction,
    id: string,
  ): Promise<ConversationFacts> {
    const c = await store.conversations.facts(id);
    if (!c) return fail('not_found', 'no such conversation');
    assertAllowed(actor, action, c);
    return c;
  }

  /** Only what the actor may read, whatever the query returned. */
  function readable(actor: Actor, conversations: Conversation[]): Conversation[] {
    return conversations.filter((c) => authorize(actor, 'conversation:read', c).ok);
  }

  /**
   * The policy decides inside the append's transaction, on the conversation as the
   * insert sees it: one read on the hot path, and no change slips in between.
   */
  async function send(actor: Actor, m: NewMessage, sender: string | undefined) {
    const action = m.kind === 'note' ? 'message:note' : 'message:text';
    const result = await store.messages.append(m, now(), policyCheck(actor, action));
    // A visitor writing again to their resolved conversation reopens it, within
    // routing's window; after it, routing refuses and they start a new one.
    // The reopen and the message are one write: a refusal or a failure leaves neither.
    if (!result.ok && result.code === 'conversation_closed' && actor.kind === 'visitor') {
      const event = { type: 'visitor_wrote', conversationId: m.conversationId } as const;
      return (await decideWith(event, m, {}, sender)).message;
    }
    return delivered(result, sender);
  }

  /** Appends without a policy check: for what the hub itself writes. */
  async function append(m: NewMessage, sender: string | undefined): Promise<Message> {
    return delivered(await store.messages.append(m, now()), sender);
  }

  /** Broadcasts a message new to the store; a refusal becomes the caller's coded error. */
  function delivered(result: AppendResult, sender: string | undefined): Message {
    if (!result.ok) {
      return fail(result.code, result.message ?? UNEXPLAINED[result.code]);
    }
    if (!result.duplicate) {
      onStored?.(result.message);
      broadcast.message(result.target, result.message, sender);
    }
    return result.message;
  }

  return {
    /**
     * A conversation starts with the visitor's first message: both are written with the
     * routing outcome that queues (and perhaps assigns) it, or neither is. A retry with
     * the same clientId returns what the first attempt made.
     */
    async startConversation(
      visitor: Visitor,
      p: StartConversation,
    ): Promise<{ conversation: Conversation; message: Message }> {
      assertAllowed(visitorActor(visitor), 'conversation:start', { departmentId: p.department });
      const existing = await store.conversations.byClientId(visitor.id, p.clientId);
      if (existing) {
        const [first] = await store.messages.after(existing.id, 0, 1, false);
        if (first) return { conversation: existing, message: first };
      }
      const departments = await store.directory.departments();
      if (!departments.some((d) => d.id === p.department)) {
        fail('invalid_payload', `unknown department ${p.department}`);
      }
      const id = nanoid();
      const outcome = await decide(
        {
          type: 'conversation_queued',
          conversationId: id,
          department: p.department,
          vip: p.vip ?? false,
        },
        {
          created: {
            conversation: {
              id,
              siteId: visitor.siteId,
              visitorId: visitor.id,
              clientId: p.clientId,
              department: p.department,
            },
            message: {
              visitorId: visitor.id,
              clientId: p.clientId,
              author: 'visitor',
              authorId: null,
              authorName: null,
              kind: 'text',
              body: p.body,
            },
          },
        },
      );
      const message = outcome.written.message;
      if (!message) return fail('unavailable', 'the conversation was not started; try again');
      onStored?.(message);
      return { conversation: await after(outcome, id), message };
    },

    async visitorConversations(visitor: Visitor): Promise<Conversation[]> {
      return readable(visitorActor(visitor), await store.conversations.listForVisitor(visitor.id));
    },

    async visitorSync(visitor: Visitor, conversationId: string, afterSeq: number) {
      const conversation = await conversationFor(
        visitorActor(visitor),
        'conversation:read',
        conversationId,
      );
      const read = await store.messages.after(conversationId, afterSeq, LIMITS.syncPage + 1, false);
      // A visitor back in the queue hears where they stand, as they would have had
      // they stayed connected.
      if (conversation.status === 'queued') {
        const place = await positionOf(store, await engine.current(), conversationId);
        if (place) broadcast.queuePosition(visitor.id, place);
      }
      return { conversation, ...syncPage(read) };
    },

    visitorSend(visitor: Visitor, p: SendMessage, sender?: string): Promise<Message> {
      return send(
        visitorActor(visitor),
        {
          ...p,
          visitorId: visitor.id,
          author: 'visitor',
          authorId: null,
          authorName: null,
          kind: 'text',
        },
        sender,
      );
    },

    async visitorTyping(visitor: Visitor, conversationId: string, typing: boolean) {
      const c = await factsFor(visitorActor(visitor), 'conversation:typing', conversationId);
      broadcast.typing(c, 'visitor', typing);
    },

    async agentConversations(agent: AgentProfile): Promise<Conversation[]> {
      const mine = await store.conversations.listForAgent(agent.id, agent.departments);
      return readable(staffActor(agent), mine);
    },

    async agentSync(agent: AgentProfile, conversationId: string, afterSeq: number) {
      const conversation = await conversationFor(
        staffActor(agent),
        'conversation:read',
        conversationId,
      );
      broadcast.follow(agent.id, conversationId);
      const read = await store.messages.after(conversationId, afterSeq, LIMITS.syncPage + 1, true);
      return { conversation, ...syncPage(read) };
    },

    async agentSend(
      agent: AgentProfile,
      p: SendMessage & { kind?: 'text' | 'note' | undefined },
      sender?: string,
    ): Promise<Message> {
      const message = await send(
        staffActor(agent),
        {
          conversationId: p.conversationId,
          clientId: p.clientId,
          body: p.body,
          visitorId: null,
          author: 'agent',
          authorId: agent.id,
          authorName: agent.name,
          kind: p.kind ?? 'text',
        },
        sender,
      );
      // The first reply stops the first-response clock. Routing hears of it once per
      // conversation and process; the rest of the replies stay off its path.
      if (message.kind === 'text' && !responded.has(p.conversationId)) {
        responded.add(p.conversationId);
        await engine
          .run({ type: 'agent_replied', conversationId: p.conversationId, agentId: agent.id })
          .then((outcome) => announce(announceDeps, outcome))
          .catch(onRoutingError);
      }
      return message;
    },

    async agentTyping(agent: AgentProfile, conversationId: string, typing: boolean) {
      const c = await factsFor(staffActor(agent), 'conversation:typing', conversationId);
      broadcast.typing(c, 'agent', typing);
    },

    async claim(agent: AgentProfile, conversationId: string): Promise<Conversation> {
      const c = await conversationFor(staffActor(agent), 'conversation:claim', conversationId);
      if (c.assigneeId === agent.id && c.status === 'assigned') return c;
      // Routing checks capacity and that it is still queued: a claim that lost a race
      // is refused with already_assigned.
      const outcome = await decide({ type: 'claim', conversationId, agentId: agent.id });
      return after(outcome, conversationId);
    },

    async resolve(agent: AgentProfile, conversationId: string): Promise<Conversation> {
      const c = await conversationFor(staffActor(agent), 'conversation:resolve', conversationId);
      if (c.status === 'resolved') return c;
      responded.delete(conversationId);
      const outcome = await decide({ type: 'resolve', conversationId, actorId: agent.id });
      return after(outcome, conversationId);
    },

    /** A socket of the agent connected; returns the status they chose, kept in the store. */
    async agentConnected(agent: AgentProfile): Promise<AgentStatus> {
      if (presence.connected(agent.id)) {
        await decide({ type: 'agent_connected', agentId: agent.id }).catch(onRoutingError);
      }
      return store.routing.status(agent.id);
    },

    /** The grace period starts when the agent's last socket is gone. */
    async agentDisconnected(agentId: string): Promise<void> {
      if (presence.disconnected(agentId, now())) {
        await decide({ type: 'agent_disconnected', agentId }).catch(onRoutingError);
      }
    },

    /** Online, away, or offline (signing out: their chats go back to the queue at once). */
    async setStatus(agent: AgentProfile, status: AgentStatus): Promise<AgentStatus> {
      assertAllowed(staffActor(agent), 'agent:status', { agentId: agent.id });
      const outcome = await decide({ type: 'agent_status', agentId: agent.id, status });
      return outcome.result.state.agents.get(agent.id)?.status ?? status;
    },

    /** The visitor stops waiting: the conversation ends, logged as left_queue. */
    async leaveQueue(visitor: Visitor, conversationId: string): Promise<Conversation> {
      const actor = visitorActor(visitor);
      const c = await conversationFor(actor, 'conversation:read', conversationId);
      // Leaving twice (a retry whose first ack was lost) finds it ended: no error.
      if (c.status === 'resolved') return c;
      assertAllowed(actor, 'queue:leave', c);
      const outcome = await decide({ type: 'left_queue', conversationId });
      return after(outcome, conversationId);
    },

    /**
     * Leave-a-message (留言): a new pending conversation with the message as its first,
     * or a queued one the visitor stops waiting in, with the message added.
     */
    async leaveMessage(
      visitor: Visitor,
      p: LeaveMessage,
      sender?: string,
    ): Promise<{ conversation: Conversation; message: Message }> {
      const actor = visitorActor(visitor);
      assertAllowed(actor, 'message:leave', { departmentId: p.department });
      const contact = { name: p.name, email: p.email };
      // Staff see the name they gave from now on (the email is in the event log). The
      // routing view holds visitors' names, so it reads afresh.
      if (p.name && p.name !== visitor.name) {
        await store.visitors.setName(visitor.id, p.name);
        engine.invalidate();
      }
      const text = {
        visitorId: visitor.id,
        clientId: p.clientId,
        author: 'visitor' as const,
        authorId: null,
        authorName: null,
        kind: 'text' as const,
        body: p.body,
      };
      if (p.conversationId) {
        const c = await conversationFor(actor, 'queue:leave', p.conversationId);
        const left = { ...text, conversationId: c.id };
        // Already left (a retry, or a second message): added like an ordinary send.
        if (c.status === 'pending') return { conversation: c, message: await append(left, sender) };
        // Stops waiting and leaves the message in one write; a refusal writes neither.
        return decideWith(
          { type: 'message_left', conversationId: c.id, department: c.department, vip: c.vip },
          left,
          { sender: contact },
          sender,
        );
      }
      const existing = await store.conversations.byClientId(visitor.id, p.clientId);
      if (existing) {
        const [first] = await store.messages.after(existing.id, 0, 1, false);
        if (first) return { conversation: existing, message: first };
      }
      const id = nanoid();
      const outcome = await decide(
        { type: 'message_left', conversationId: id, department: p.department, vip: false },
        {
          sender: contact,
          created: {
            conversation: {
              id,
              siteId: visitor.siteId,
              visitorId: visitor.id,
              clientId: p.clientId,
              department: p.department,
            },
            message: text,
          },
        },
      );
      const message = outcome.written.message;
      if (!message) return fail('unavailable', 'the message was not left; try again');
      onStored?.(message);
      return { conversation: await after(outcome, id), message };
    },

    /** The queues an agent watches now: their departments', or every one for leads. */
    async queues(agent: AgentProfile): Promise<QueueStats[]> {
      const all = permits(agent.role, 'board:view');
      return (await this.allQueues()).filter(
        (q) => all || agent.departments.includes(q.department),
      );
    },

    /** Every department's queue now (for /metrics). */
    async allQueues(): Promise<QueueStats[]> {
      const state = await engine.current();
      return [...state.departments.keys()].map((department) => ({
        department,
        ...queueStats(state, department, now()),
      }));
    },

    /** Chat, or leave-a-message: what to offer for a department now. */
    async availability(visitor: Visitor, department: string): Promise<Availability> {
      assertAllowed(visitorActor(visitor), 'conversation:start', { departmentId: department });
      return (
        (await engine.availability(department)) ??
        fail('invalid_payload', `unknown department ${department}`)
      );
    },

    /** The holder hands a chat on: to a department's queue or a named agent, with a note. */
    async transfer(agent: AgentProfile, p: Transfer): Promise<Conversation> {
      await conversationFor(staffActor(agent), 'conversation:transfer', p.conversationId);
      const handedOn = await decideWith(
        {
          type: 'transfer',
          conversationId: p.conversationId,
          actorId: agent.id,
          to: p.to,
          note: p.note,
        },
        handOnNote(agent, p.conversationId, p.note),
      );
      return handedOn.conversation;
    },

    /** A supervisor or admin hands any conversation to a named agent. */
    async reassign(agent: AgentProfile, p: Reassign): Promise<Conversation> {
      await conversationFor(staffActor(agent), 'conversation:reassign', p.conversationId);
      const event: RoutingEvent = {
        type: 'reassign',
        conversationId: p.conversationId,
        actorId: agent.id,
        agentId: p.agentId,
        ...(p.note === undefined ? {} : { note: p.note }),
      };
      if (!p.note) return after(await decide(event), p.conversationId);
      return (await decideWith(event, handOnNote(agent, p.conversationId, p.note))).conversation;
    },

    /** An admin changed an agent: capacity, departments, disabled (signed out). */
    /** An admin's write changed what routing decides by; it reads afresh from now. */
    invalidate: () => engine.invalidate(),

    async agentChanged(
      agentId: string,
      change: { capacity?: number; departments?: readonly string[]; disabled?: boolean },
    ): Promise<void> {
      const { capacity, departments, disabled } = change;
      await decide({
        type: 'agent_changed',
        agentId,
        ...(capacity === undefined ? {} : { capacity }),
        ...(departments === undefined ? {} : { departments }),
        ...(disabled === undefined ? {} : { disabled }),
      });
    },

    /** An admin created or changed a department: hours, mode, queue limit, SLA. */
    async departmentChanged(department: Department): Promise<void> {
      await decide({ type: 'department_changed', department: routingDepartment(department) });
    },

    /** Runs what fell due (also at start, so a restart resumes timers). */
    async tick(): Promise<void> {
      await decide({ type: 'tick' });
    },

    close: () => engine.close(),
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
