import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { VisitorClientEvents } from '@switchboard/shared';
import {
  ConversationRef,
  DepartmentRef,
  Empty,
  LeaveMessage,
  SendMessage,
  StartConversation,
  SyncConversation,
  Typing,
  VisitorAuth,
} from '@switchboard/shared/schemas';
import type { FastifyInstance } from 'fastify';
import { hashToken, newToken } from '../auth/tokens.ts';
import { visitorCookieName } from '../auth/visitor-cookie.ts';
import { type Dispatcher, newVisitorId } from '../dispatch/dispatcher.ts';
import type { RateLimit } from '../limits/bucket.ts';
import { createKeyedLimiter } from '../limits/keyed.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import { isSameOrigin } from '../origin.ts';
import type { Visitor } from '../store/visitors.ts';
import type { BacklogGuard } from './backlog.ts';
import { type Budgets, connectError, createHandlers, rejectUnknown } from './handler.ts';
import { rooms } from './rooms.ts';

const BUDGETS: Budgets<VisitorClientEvents> = {
  'conversation:list': 'read',
  'conversation:start': 'write',
  'conversation:sync': 'read',
  'message:send': 'write',
  'typing:set': 'typing',
  'conversation:leave': 'write',
  'conversation:leave-message': 'write',
  'queue:availability': 'read',
};

const checkAuth = TypeCompiler.Compile(VisitorAuth);
export interface VisitorLimits {
  rateLimits: RateLimits;
  backlog: BacklogGuard;
  newVisitorLimit: RateLimit;
  /** Take the client address from X-Forwarded-For (set with TRUST_PROXY). */
  trustProxy: boolean;
}

export function registerVisitorNamespace(
  app: FastifyInstance,
  dispatcher: Dispatcher,
  { rateLimits, backlog, newVisitorLimit, trustProxy }: VisitorLimits,
): void {
  const nsp = app.namespaces.visitor;
  const { store, clock } = app;

  const newVisitorAllowed = createKeyedLimiter(newVisitorLimit, clock);

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
      const address = clientAddress(socket.handshake, trustProxy);
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
        socket.data = { ...known, address };
      } else {
        if (!newVisitorAllowed.take(address)) {
          return next(connectError('rate_limited', 'too many new visitors from this address'));
        }
        const token = newToken();
        const visitor = await store.visitors.create(newVisitorId(), site.id, hashToken(token), now);
        socket.data = { visitor, token, address };
      }
      next();
    } catch (error) {
      app.log.error({ err: error }, 'visitor handshake failed');
      next(connectError('unavailable', 'try again'));
    }
  });

  nsp.on('connection', (socket) => {
    const { visitor, token, address } = socket.data;
    socket.join(rooms.visitor(visitor.id));
    socket.emit('visitor:session', { visitorId: visitor.id, token });

    const handle = createHandlers<VisitorClientEvents>(socket, BUDGETS, {
      // Which socket and visitor, on every line a handler logs.
      log: {
        error: (fields, message) =>
          app.log.error({ ...fields, socket: socket.id, visitor: visitor.id }, message),
      },
      admit: (budget) => rateLimits.admit({ kind: 'visitor', id: visitor.id, address }, budget),
      answered: (event, budget, ok, seconds) => {
        if (budget === 'read') backlog.check(socket);
        app.metrics?.answered(event, ok, seconds);
      },
    });
    socket.onAny(rejectUnknown(socket));
    handle('conversation:list', Empty, async () => ({
      conversations: await dispatcher.visitorConversations(visitor),
    }));
    handle('conversation:start', StartConversation, (p) =>
      dispatcher.startConversation(visitor, p),
    );
    handle('conversation:sync', SyncConversation, (p) =>
      dispatcher.visitorSync(visitor, p.conversationId, p.afterSeq),
    );
    handle('message:send', SendMessage, async (p) => ({
      message: await dispatcher.visitorSend(visitor, p, socket.id),
    }));
    handle('typing:set', Typing, (p) =>
      dispatcher.visitorTyping(visitor, p.conversationId, p.typing),
    );
    handle('conversation:leave', ConversationRef, async (p) => ({
      conversation: await dispatcher.leaveQueue(visitor, p.conversationId),
    }));
    handle('conversation:leave-message', LeaveMessage, (p) =>
      dispatcher.leaveMessage(visitor, p, socket.id),
    );
    handle('queue:availability', DepartmentRef, async (p) => ({
      availability: await dispatcher.availability(visitor, p.department),
    }));
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
