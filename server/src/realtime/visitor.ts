import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { VisitorClientEvents, VisitorServerEvents } from '@switchboard/shared';
import {
  SendMessage,
  StartConversation,
  SyncConversation,
  Typing,
  VisitorAuth,
} from '@switchboard/shared/schemas';
import type { FastifyInstance } from 'fastify';
import type { Namespace } from 'socket.io';
import { hashToken, newToken } from '../auth/tokens.ts';
import { visitorCookieName } from '../auth/visitor-cookie.ts';
import { type Dispatcher, newVisitorId } from '../dispatch/dispatcher.ts';
import { isSameOrigin } from '../origin.ts';
import type { Visitor } from '../store/visitors.ts';
import {
  connectError,
  createHandler,
  Empty,
  rateLimiter,
  rejectUnknown,
  typingLimiter,
} from './handler.ts';
import { addressLimiter, type RateLimit } from './rate-limit.ts';
import { rooms } from './rooms.ts';

interface VisitorData {
  visitor: Visitor;
  token: string;
}

type VisitorNamespace = Namespace<
  VisitorClientEvents,
  VisitorServerEvents,
  Record<string, never>,
  VisitorData
>;

const checkAuth = TypeCompiler.Compile(VisitorAuth);
export interface VisitorLimits {
  rateLimit: RateLimit;
  newVisitorLimit: RateLimit;
  /** Take the client address from X-Forwarded-For (set with TRUST_PROXY). */
  trustProxy: boolean;
}

export function registerVisitorNamespace(
  app: FastifyInstance,
  dispatcher: Dispatcher,
  { rateLimit, newVisitorLimit, trustProxy }: VisitorLimits,
): void {
  // One Server carries two namespaces with different event maps; Socket.IO types the
  // server with one map, so each namespace is narrowed to its own here.
  const nsp = app.io.of('/visitor') as unknown as VisitorNamespace;
  const { store, clock } = app;

  const newVisitorAllowed = addressLimiter(newVisitorLimit, clock);

  // Only the chat frame, on the hub's own origin, may connect: host pages never
  // hold the visitor's socket or token.
  nsp.use(async (socket, next) => {
    try {
      if (!isSameOrigin(socket.handshake.headers)) {
        return next(connectError('forbidden', 'connect from the chat frame'));
      }
      const auth: unknown = socket.handshake.auth;
      if (!checkAuth.Check(auth))
        return next(connectError('invalid_payload', 'auth needs siteKey'));
      const site = await store.directory.siteByKey(auth.siteKey);
      if (!site) return next(connectError('not_found', 'unknown site'));
      const now = clock();
      // The frame's own token first; then the partitioned cookie, which is all a
      // cross-site frame keeps across reloads when its storage is refused.
      const cookies = app.parseCookie(socket.handshake.headers.cookie ?? '');
      let known: { visitor: Visitor; token: string } | null = null;
      for (const token of [auth.token, cookies[visitorCookieName(auth.siteKey)]]) {
        const visitor = token ? await store.visitors.byToken(site.id, hashToken(token), now) : null;
        if (visitor && token) {
          known = { visitor, token };
          break;
        }
      }
      if (known) {
        socket.data = known;
      } else {
        if (!newVisitorAllowed(clientAddress(socket.handshake, trustProxy))) {
          return next(connectError('rate_limited', 'too many new visitors from this address'));
        }
        const token = newToken();
        const visitor = await store.visitors.create(newVisitorId(), site.id, hashToken(token), now);
        socket.data = { visitor, token };
      }
      next();
    } catch (error) {
      app.log.error({ err: error }, 'visitor handshake failed');
      next(connectError('unavailable', 'try again'));
    }
  });

  const handle = createHandler(app.log);

  nsp.on('connection', (socket) => {
    const { visitor, token } = socket.data;
    socket.join(rooms.visitor(visitor.id));
    socket.emit('visitor:session', { visitorId: visitor.id, token });

    const limited = rateLimiter(rateLimit, clock);
    const typingAllowed = typingLimiter(clock);

    socket.onAny(rejectUnknown(socket));
    socket.on(
      'conversation:list',
      handle(Empty, async () => ({
        conversations: await dispatcher.visitorConversations(visitor),
      })),
    );
    socket.on(
      'conversation:start',
      handle(StartConversation, async (p) => {
        limited();
        return { conversation: await dispatcher.startConversation(visitor, p) };
      }),
    );
    socket.on(
      'conversation:sync',
      handle(SyncConversation, (p) =>
        dispatcher.visitorSync(visitor, p.conversationId, p.afterSeq),
      ),
    );
    socket.on(
      'message:send',
      handle(SendMessage, async (p) => {
        limited();
        return { message: await dispatcher.visitorSend(visitor, p, socket.id) };
      }),
    );
    socket.on(
      'typing:set',
      handle(Typing, async (p) => {
        if (typingAllowed()) await dispatcher.visitorTyping(visitor, p.conversationId, p.typing);
        return {};
      }),
    );
  });
}

/** The visitor's address; behind a trusted proxy, the first X-Forwarded-For entry. */
function clientAddress(
  handshake: { address: string; headers: Record<string, string | string[] | undefined> },
  trustProxy: boolean,
): string {
  const forwarded = handshake.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return trustProxy && first ? first : handshake.address;
}
