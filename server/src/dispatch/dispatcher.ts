import type {
  AgentProfile,
  AgentStatus,
  Conversation,
  EventActor,
  Message,
  SendMessage,
  StartConversation,
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
import { planAssignments } from '../routing/assign.ts';
import type { ConversationFacts } from '../store/conversations.ts';
import type { MessageTarget, NewMessage } from '../store/messages.ts';
import type { Store } from '../store/store.ts';
import type { Visitor } from '../store/visitors.ts';
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
  typing(conversation: MessageTarget, from: 'visitor' | 'agent', typing: boolean): void;
}

export interface DispatcherDeps {
  store: Store;
  presence: Presence;
  broadcast: Broadcast;
  now: () => number;
  /** Routing runs after an action has committed; its failure is logged, not returned. */
  onRoutingError: (error: unknown) => void;
}

/** Who the event log says did what: the hub itself, or this person. */
const SYSTEM: EventActor = { kind: 'system', id: null, name: null };
const asActor = (who: AgentProfile | Visitor): EventActor =>
  'role' in who
    ? { kind: 'agent', id: who.id, name: who.name }
    : { kind: 'visitor', id: who.id, name: who.name };

/** Upper-case, unambiguous: the first four characters become a visitor's handle. */
export const newVisitorId = customAlphabet('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 16);

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
}: DispatcherDeps) {
  let routing: Promise<void> | null = null;
  let again = false;

  /**
   * Runs routing; calls arriving while it runs coalesce into one more run. Never
   * rejects: the action that asked for it has already committed and must say so.
   */
  function route(): Promise<void> {
    if (routing) {
      again = true;
      return routing;
    }
    routing = (async () => {
      do {
        again = false;
        await routeOnce();
      } while (again);
    })()
      .catch(onRoutingError)
      .finally(() => {
        routing = null;
      });
    return routing;
  }

  async function routeOnce(): Promise<void> {
    const snapshot = await store.conversations.routingSnapshot();
    if (snapshot.waiting.length === 0) return;
    // Routing matches departments; whether a role may hold chats at all (QA may not)
    // is the policy's.
    const holders = presence
      .connectedAgents()
      .filter(({ profile }) => permits(profile.role, 'conversation:hold'));
    const agents = holders.map(({ profile, status }) => ({
      id: profile.id,
      status,
      departments: profile.departments,
      load: snapshot.loads.get(profile.id)?.load ?? 0,
      lastAssignedAt: snapshot.loads.get(profile.id)?.lastAssignedAt ?? 0,
    }));
    const decisions = planAssignments({ agents, waiting: snapshot.waiting }, now());
    if (decisions.length === 0) return;
    const assigned = await store.conversations.assignWaiting(
      decisions.map((d) => ({ ...d, by: 'auto', actor: SYSTEM })),
      now(),
    );
    for (const { conversation } of assigned) announceAssignment(conversation);
  }

  function announceAssignment(c: Conversation): void {
    if (c.assigneeId) broadcast.follow(c.assigneeId, c.id);
    broadcast.conversation(c);
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

  async function send(actor: Actor, m: NewMessage, sender: string | undefined) {
    const c = await store.conversations.facts(m.conversationId);
    if (!c) return fail('not_found', 'no such conversation');
    const decision = authorize(actor, m.kind === 'note' ? 'message:note' : 'message:text', c);
    if (!decision.ok) {
      // A resend of a message stored before the chat was resolved or handed on gets
      // its original back, as append itself would answer it.
      const original = await store.messages.stored(m);
      return original ?? fail(decision.code, decision.message);
    }
    return append(m, sender);
  }

  /**
   * The store re-checks what the policy allowed (resolved, held by someone else)
   * inside the write transaction, so a change in between cannot slip through.
   */
  async function append(m: NewMessage, sender: string | undefined): Promise<Message> {
    const result = await store.messages.append(m, now());
    if (!result.ok) {
      const reason = {
        not_found: 'no such conversation',
        conversation_closed: 'conversation is resolved',
        forbidden: 'conversation is held by another agent',
        invalid_payload: 'clientId already used by another sender',
      } as const;
      return fail(result.code, reason[result.code]);
    }
    if (!result.duplicate) broadcast.message(result.target, result.message, sender);
    return result.message;
  }

  return {
    route,

    async startConversation(visitor: Visitor, p: StartConversation): Promise<Conversation> {
      assertAllowed(visitorActor(visitor), 'conversation:start', { departmentId: p.department });
      const departments = await store.directory.departments();
      if (!departments.some((d) => d.id === p.department)) {
        fail('invalid_payload', `unknown department ${p.department}`);
      }
      const { conversation, created } = await store.conversations.start(
        {
          id: nanoid(),
          siteId: visitor.siteId,
          visitorId: visitor.id,
          clientId: p.clientId,
          department: p.department,
        },
        now(),
        // Queued as it starts, for now; with routing it will be its first message.
        [{ type: 'queued', actor: asActor(visitor), data: { department: p.department } }],
      );
      if (created) broadcast.conversation(conversation);
      // Also on a retried start: the first attempt may have failed before routing.
      await route();
      return (await store.conversations.get(conversation.id)) ?? conversation;
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
      return { conversation, ...syncPage(read) };
    },

    async visitorSend(visitor: Visitor, p: SendMessage, sender?: string): Promise<Message> {
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
      return send(
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
    },

    async agentTyping(agent: AgentProfile, conversationId: string, typing: boolean) {
      const c = await factsFor(staffActor(agent), 'conversation:typing', conversationId);
      broadcast.typing(c, 'agent', typing);
    },

    async claim(agent: AgentProfile, conversationId: string): Promise<Conversation> {
      const c = await conversationFor(staffActor(agent), 'conversation:claim', conversationId);
      if (c.assigneeId === agent.id) return c;
      // Assigns only if still waiting: a claim that lost a race is refused here.
      const [assigned] = await store.conversations.assignWaiting(
        [{ conversationId, agentId: agent.id, by: 'claim', actor: asActor(agent) }],
        now(),
      );
      if (!assigned) return fail('forbidden', 'another agent claimed it first');
      announceAssignment(assigned.conversation);
      return assigned.conversation;
    },

    async resolve(agent: AgentProfile, conversationId: string): Promise<Conversation> {
      const c = await conversationFor(staffActor(agent), 'conversation:resolve', conversationId);
      if (c.status === 'resolved') return c;
      const resolved = await store.conversations.resolve(conversationId, now(), asActor(agent));
      if (resolved) broadcast.conversation(resolved.conversation);
      // A resolved chat frees a slot: someone waiting may now be assigned.
      await route();
      return (
        resolved?.conversation ?? ((await store.conversations.get(conversationId)) as Conversation)
      );
    },

    agentConnected(agent: AgentProfile): AgentStatus {
      return presence.connected(agent);
    },

    async agentDisconnected(agentId: string): Promise<void> {
      presence.disconnected(agentId);
    },

    async setStatus(agent: AgentProfile, status: AgentStatus): Promise<AgentStatus> {
      assertAllowed(staffActor(agent), 'agent:status', { agentId: agent.id });
      presence.setStatus(agent.id, status);
      if (status === 'online') await route();
      return presence.status(agent.id);
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
