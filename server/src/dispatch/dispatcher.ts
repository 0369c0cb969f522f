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
import { planAssignments } from '../routing/assign.ts';
import type { MessageTarget, NewMessage } from '../store/messages.ts';
import type { Store } from '../store/store.ts';
import type { Visitor } from '../store/visitors.ts';
import type { Presence } from './presence.ts';

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
  typing(conversation: Conversation, from: 'visitor' | 'agent', typing: boolean): void;
}

export interface DispatcherDeps {
  store: Store;
  presence: Presence;
  broadcast: Broadcast;
  now: () => number;
  /** Routing runs after an action has committed; its failure is logged, not returned. */
  onRoutingError: (error: unknown) => void;
}

/** Roles that may read every department's conversations. */
const READS_ALL = new Set(['admin', 'supervisor', 'qa']);

/** Who the event log says did what: the hub itself, or this person. */
const SYSTEM: EventActor = { kind: 'system', id: null, name: null };
const asActor = (who: AgentProfile | Visitor): EventActor =>
  'role' in who
    ? { kind: 'agent', id: who.id, name: who.name }
    : { kind: 'visitor', id: who.id, name: who.name };

/** Upper-case, unambiguous: the first four characters become a visitor's handle. */
export const newVisitorId = customAlphabet('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 16);

/**
 * The conversation lifecycle: load what a decision needs, let routing/ decide, apply
 * it through the store (one transaction each), then broadcast. Socket handlers and
 * HTTP routes call this; it knows nothing of either.
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
    const agents = presence.connectedAgents().map(({ profile, status }) => ({
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

  async function visibleTo(agent: AgentProfile, conversationId: string): Promise<Conversation> {
    const c = await store.conversations.get(conversationId);
    if (!c) return fail('not_found', 'no such conversation');
    if (!READS_ALL.has(agent.role) && !agent.departments.includes(c.department)) {
      fail('forbidden', 'conversation belongs to another department');
    }
    return c;
  }

  async function ownedBy(visitor: Visitor, conversationId: string): Promise<Conversation> {
    const c = await store.conversations.get(conversationId);
    // Another visitor's conversation is reported as missing, so ids leak nothing.
    if (!c || c.visitorId !== visitor.id) return fail('not_found', 'no such conversation');
    return c;
  }

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
      return store.conversations.listForVisitor(visitor.id);
    },

    async visitorSync(visitor: Visitor, conversationId: string, afterSeq: number) {
      const conversation = await ownedBy(visitor, conversationId);
      const messages = await store.messages.after(conversationId, afterSeq, LIMITS.syncPage, false);
      return { conversation, messages };
    },

    /** The store checks that the conversation is the visitor's as it appends. */
    async visitorSend(visitor: Visitor, p: SendMessage, sender?: string): Promise<Message> {
      return append(
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
      broadcast.typing(await ownedBy(visitor, conversationId), 'visitor', typing);
    },

    async agentConversations(agent: AgentProfile): Promise<Conversation[]> {
      return store.conversations.listForAgent(agent.id, agent.departments);
    },

    async agentSync(agent: AgentProfile, conversationId: string, afterSeq: number) {
      const conversation = await visibleTo(agent, conversationId);
      broadcast.follow(agent.id, conversationId);
      const messages = await store.messages.after(conversationId, afterSeq, LIMITS.syncPage, true);
      return { conversation, messages };
    },

    async agentSend(
      agent: AgentProfile,
      p: SendMessage & { kind?: 'text' | 'note' | undefined },
      sender?: string,
    ): Promise<Message> {
      const kind = p.kind ?? 'text';
      // Text needs the agent to hold the chat, which the store checks as it appends;
      // a note needs only read access to the conversation's department.
      if (kind === 'note') await visibleTo(agent, p.conversationId);
      return append(
        {
          conversationId: p.conversationId,
          clientId: p.clientId,
          body: p.body,
          visitorId: null,
          author: 'agent',
          authorId: agent.id,
          authorName: agent.name,
          kind,
        },
        sender,
      );
    },

    /** Only the agent holding the chat is shown typing to the visitor. */
    async agentTyping(agent: AgentProfile, conversationId: string, typing: boolean) {
      const c = await visibleTo(agent, conversationId);
      if (c.assigneeId !== agent.id) fail('forbidden', 'only the agent holding it');
      broadcast.typing(c, 'agent', typing);
    },

    async claim(agent: AgentProfile, conversationId: string): Promise<Conversation> {
      // QA reads every transcript but never writes to visitors.
      if (agent.role === 'qa') fail('forbidden', 'QA reviewers do not take chats');
      const c = await visibleTo(agent, conversationId);
      if (c.status === 'resolved') fail('conversation_closed', 'conversation is resolved');
      if (c.status === 'assigned') {
        if (c.assigneeId === agent.id) return c;
        fail('forbidden', 'conversation is held by another agent');
      }
      const [assigned] = await store.conversations.assignWaiting(
        [{ conversationId, agentId: agent.id, by: 'claim', actor: asActor(agent) }],
        now(),
      );
      if (!assigned) return fail('forbidden', 'another agent claimed it first');
      announceAssignment(assigned.conversation);
      return assigned.conversation;
    },

    async resolve(agent: AgentProfile, conversationId: string): Promise<Conversation> {
      const c = await visibleTo(agent, conversationId);
      if (c.status === 'resolved') return c;
      const mayResolve =
        c.assigneeId === agent.id || agent.role === 'admin' || agent.role === 'supervisor';
      if (!mayResolve) fail('forbidden', 'only the agent holding it may resolve it');
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

    async setStatus(agentId: string, status: AgentStatus): Promise<AgentStatus> {
      presence.setStatus(agentId, status);
      if (status === 'online') await route();
      return presence.status(agentId);
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
