import type { AgentClientEvents, AgentProfile, AgentStatus } from '@switchboard/shared';
import {
  AgentSendMessage,
  ConversationRef,
  Empty,
  Reassign,
  SetStatus,
  SyncConversation,
  Transfer,
  Typing,
} from '@switchboard/shared/schemas';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Dispatcher } from '../dispatch/dispatcher.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import { isSameOrigin } from '../origin.ts';
import { permits } from '../policy/policy.ts';
import type { BacklogGuard } from './backlog.ts';
import { type Budgets, connectError, createHandlers, rejectUnknown } from './handler.ts';
import type { AgentNamespace } from './namespaces.ts';
import { rooms } from './rooms.ts';

const BUDGETS: Budgets<AgentClientEvents> = {
  'conversation:list': 'read',
  'conversation:sync': 'read',
  'conversation:claim': 'write',
  'conversation:resolve': 'write',
  'message:send': 'write',
  'agent:status': 'write',
  'typing:set': 'typing',
  'conversation:transfer': 'write',
  'conversation:reassign': 'write',
};

/** Registers the /agent namespace; returns how to refresh an agent an admin changed. */
export function registerAgentNamespace(
  app: FastifyInstance,
  dispatcher: Dispatcher,
  { rateLimits, backlog }: { rateLimits: RateLimits; backlog: BacklogGuard },
): (agentId: string) => Promise<void> {
  const nsp = app.namespaces.agent;
  const { store } = app;

  // Signing out closes every socket opened with that session.
  app.sessions.onEnd((hash) => nsp.in(rooms.session(hash)).disconnectSockets(true));
  // An agent disabled or given a new password is signed out of every console; one who
  // changed their own keeps the console they changed it from.
  app.sessions.onEndAll((agentId, kept) => {
    const theirs = nsp.in(rooms.agent(agentId));
    (kept ? theirs.except(rooms.session(kept)) : theirs).disconnectSockets(true);
  });

  // The session cookie alone would let any site's page open a socket as the agent
  // (WebSockets ignore CORS), so the Origin must be the hub's own too.
  nsp.use(async (socket, next) => {
    try {
      if (!isSameOrigin(socket.handshake.headers)) {
        return next(connectError('forbidden', 'connect from the console'));
      }
      const token = app.parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      const agent = await app.sessions.agentFor(token);
      if (!agent || !token) return next(connectError('unauthorized', 'sign in first'));
      // A temporary password opens nothing but changing it (see http/guard.ts).
      if (agent.mustChangePassword) {
        return next(connectError('password_change_required', 'choose your own password first'));
      }
      socket.data = { agent, session: hashToken(token) };
      next();
    } catch (error) {
      app.log.error({ err: error }, 'agent handshake failed');
      next(connectError('unavailable', 'try again'));
    }
  });

  nsp.on('connection', async (socket) => {
    // The profile as it is now: an admin's change reaches open sockets (refreshAgent).
    const me = () => socket.data.agent;
    const { agent } = socket.data;
    // Counted at once (so a quick disconnect pairs with it); the hello waits for it.
    const status = dispatcher.agentConnected(agent);
    socket.join([rooms.agent(agent.id), rooms.session(socket.data.session)]);
    joinRoles(socket, agent);
    socket.on('disconnect', () => void dispatcher.agentDisconnected(agent.id));

    const handle = createHandlers<AgentClientEvents>(socket, BUDGETS, {
      // Which socket and agent, on every line a handler logs.
      log: {
        error: (fields, message) =>
          app.log.error({ ...fields, socket: socket.id, agent: agent.id }, message),
      },
      admit: (budget) => rateLimits.admit({ kind: 'agent', id: agent.id }, budget),
      answered: (event, budget, ok, seconds) => {
        if (budget === 'read') backlog.check(socket);
        app.metrics?.answered(event, ok, seconds);
      },
    });
    socket.onAny(rejectUnknown(socket));
    handle('conversation:list', Empty, async () => {
      const conversations = await dispatcher.agentConversations(me());
      for (const c of conversations) {
        if (c.assigneeId === agent.id) socket.join(rooms.conversation(c.id));
      }
      return { conversations };
    });
    handle('conversation:sync', SyncConversation, (p) =>
      dispatcher.agentSync(me(), p.conversationId, p.afterSeq),
    );
    handle('conversation:claim', ConversationRef, async (p) => ({
      conversation: await dispatcher.claim(me(), p.conversationId),
    }));
    handle('conversation:resolve', ConversationRef, async (p) => ({
      conversation: await dispatcher.resolve(me(), p.conversationId),
    }));
    handle('message:send', AgentSendMessage, async (p) => ({
      message: await dispatcher.agentSend(me(), p, socket.id),
    }));
    handle('agent:status', SetStatus, async (p) => ({
      status: await dispatcher.setStatus(me(), p.status),
    }));
    handle('typing:set', Typing, (p) => dispatcher.agentTyping(me(), p.conversationId, p.typing));
    handle('conversation:transfer', Transfer, async (p) => ({
      conversation: await dispatcher.transfer(me(), p),
    }));
    handle('conversation:reassign', Reassign, async (p) => ({
      conversation: await dispatcher.reassign(me(), p),
    }));

    try {
      await hello(socket, await status);
    } catch (error) {
      app.log.error({ err: error }, 'agent hello failed');
      socket.disconnect(true);
    }
  });

  async function hello(socket: AgentSocket, status: AgentStatus): Promise<void> {
    const { agent } = socket.data;
    const [departments, queues] = await Promise.all([
      store.directory.departments(),
      dispatcher.queues(agent),
    ]);
    socket.emit('agent:hello', { agent, status, departments, queues });
  }

  /**
   * An admin changed the agent (departments, role): their open consoles take the new
   * profile, move to their new departments' rooms, and hear a new hello. Sockets on
   * this hub only; with several hubs, each hub does this for its own.
   */
  return async function refreshAgent(agentId: string): Promise<void> {
    const profile = await store.agents.byId(agentId);
    if (!profile) return;
    const status = await store.routing.status(agentId);
    // Every socket takes the profile at once (no await in between, so two quick edits
    // cannot interleave), and leaves the conversations it followed: the hello's resync
    // rejoins those the new profile may still read.
    const sockets = [...nsp.sockets.values()].filter((s) => s.rooms.has(rooms.agent(agentId)));
    for (const socket of sockets) {
      leaveRoles(socket, socket.data.agent);
      for (const room of socket.rooms) {
        if (room.startsWith(rooms.conversation(''))) socket.leave(room);
      }
      socket.data.agent = profile;
      joinRoles(socket, profile);
    }
    await Promise.allSettled(sockets.map((socket) => hello(socket, status)));
  };
}

type AgentSocket = Parameters<Parameters<AgentNamespace['on']>[1]>[0];

/** The rooms an agent's role and departments put their sockets in. */
function rolesRooms(agent: AgentProfile): string[] {
  const joined = agent.departments.map(rooms.department);
  if (permits(agent.role, 'board:view')) joined.push(rooms.supervisors());
  return joined;
}

function joinRoles(socket: AgentSocket, agent: AgentProfile): void {
  socket.join(rolesRooms(agent));
}

function leaveRoles(socket: AgentSocket, agent: AgentProfile): void {
  for (const room of rolesRooms(agent)) socket.leave(room);
}
