import type { AgentClientEvents, AgentProfile, AgentServerEvents } from '@switchboard/shared';
import {
  AgentSendMessage,
  ConversationRef,
  SetStatus,
  SyncConversation,
  Typing,
} from '@switchboard/shared/schemas';
import type { FastifyInstance } from 'fastify';
import type { Namespace } from 'socket.io';
import { hashToken } from '../auth/tokens.ts';
import type { Dispatcher } from '../dispatch/dispatcher.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import { isSameOrigin } from '../origin.ts';
import {
  connectError,
  createHandler,
  Empty,
  rateLimiter,
  rejectUnknown,
  typingLimiter,
} from './handler.ts';
import type { RateLimit } from './rate-limit.ts';
import { rooms } from './rooms.ts';

interface AgentData {
  agent: AgentProfile;
  /** Hash of the session token, so signing out can close this socket. */
  session: string;
}

type AgentNamespace = Namespace<
  AgentClientEvents,
  AgentServerEvents,
  Record<string, never>,
  AgentData
>;

export function registerAgentNamespace(
  app: FastifyInstance,
  dispatcher: Dispatcher,
  rateLimit: RateLimit,
): void {
  // One Server carries two namespaces with different event maps; Socket.IO types the
  // server with one map, so each namespace is narrowed to its own here.
  const nsp = app.io.of('/agent') as unknown as AgentNamespace;
  const { store, clock } = app;

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
      socket.data = { agent, session: hashToken(token) };
      next();
    } catch (error) {
      app.log.error({ err: error }, 'agent handshake failed');
      next(connectError('unavailable', 'try again'));
    }
  });

  const handle = createHandler(app.log);

  nsp.on('connection', async (socket) => {
    const { agent } = socket.data;
    const status = dispatcher.agentConnected(agent);
    socket.join([rooms.agent(agent.id), rooms.session(socket.data.session)]);
    for (const d of agent.departments) socket.join(rooms.department(d));
    socket.on('disconnect', () => void dispatcher.agentDisconnected(agent.id));

    const limited = rateLimiter(rateLimit, clock);
    const typingAllowed = typingLimiter(clock);

    socket.onAny(rejectUnknown(socket));
    socket.on(
      'conversation:list',
      handle(Empty, async () => {
        const conversations = await dispatcher.agentConversations(agent);
        for (const c of conversations) {
          if (c.assigneeId === agent.id) socket.join(rooms.conversation(c.id));
        }
        return { conversations };
      }),
    );
    socket.on(
      'conversation:sync',
      handle(SyncConversation, (p) => dispatcher.agentSync(agent, p.conversationId, p.afterSeq)),
    );
    socket.on(
      'conversation:claim',
      handle(ConversationRef, async (p) => ({
        conversation: await dispatcher.claim(agent, p.conversationId),
      })),
    );
    socket.on(
      'conversation:resolve',
      handle(ConversationRef, async (p) => ({
        conversation: await dispatcher.resolve(agent, p.conversationId),
      })),
    );
    socket.on(
      'message:send',
      handle(AgentSendMessage, async (p) => {
        limited();
        return { message: await dispatcher.agentSend(agent, p, socket.id) };
      }),
    );
    socket.on(
      'agent:status',
      handle(SetStatus, async (p) => ({ status: await dispatcher.setStatus(agent, p.status) })),
    );
    socket.on(
      'typing:set',
      handle(Typing, async (p) => {
        if (typingAllowed()) await dispatcher.agentTyping(agent, p.conversationId, p.typing);
        return {};
      }),
    );

    try {
      const departments = await store.directory.departments();
      socket.emit('agent:hello', { agent, status, departments });
    } catch (error) {
      app.log.error({ err: error }, 'agent hello failed');
      socket.disconnect(true);
    }
  });
}
