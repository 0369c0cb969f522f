import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AgentProfile } from '@switchboard/shared';
import { ChangePassword } from '@switchboard/shared/admin';
import { Login } from '@switchboard/shared/schemas';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import { fail } from '../errors.ts';
import { createKeyedLimiter } from '../limits/keyed.ts';
import { stampOf } from './admin/audit.ts';
import { ErrorReply, GUARDED_ERRORS } from './replies.ts';
import { AgentReply, OkReply } from './schemas.ts';

/** Sign-in attempts per client address: enough for typos, too few for guessing. */
const LOGIN_LIMIT = { perSecond: 10 / 60, burst: 10 };

const tags = ['auth'];

declare module 'fastify' {
  interface FastifyRequest {
    agent: AgentProfile | null;
  }
}

/** Agents sign in with email and password; the session lives in an HttpOnly cookie. */
export const authPlugin = fp(
  async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { store, clock } = app;
    const attempts = createKeyedLimiter(LOGIN_LIMIT, clock);
    // Per agent: a stolen session must not become a way to guess the password.
    const changes = createKeyedLimiter(LOGIN_LIMIT, clock);

    app.decorateRequest('agent', null);

    // Open by design (the policy's 'public'); the per-address limit below guards it.
    const login = {
      config: { policy: 'auth:login' },
      schema: {
        operationId: 'signIn',
        summary: 'Sign in; the reply sets the HttpOnly session cookie',
        description:
          'A disabled account is refused with 403 account_disabled. An agent whose ' +
          'password is temporary (`agent.mustChangePassword`) must change it ' +
          '(changeOwnPassword) before any other route or the console socket answers.',
        tags,
        body: Login,
        response: {
          200: AgentReply,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          429: ErrorReply,
        },
      },
    } as const;
    app.post('/api/auth/login', login, async (request, reply) => {
      const { email, password } = request.body;
      if (!attempts.take(request.ip)) fail('rate_limited', 'too many sign-in attempts');
      const agent = await store.agents.byEmail(email.trim());
      // Same answer, same work for an unknown email and a wrong password.
      const valid = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH);
      if (!agent || !valid) fail('unauthorized', 'wrong email or password');
      // Told only to whoever knows the password.
      if (agent.disabled) fail('account_disabled', 'this account is disabled');
      const token = await app.sessions.start(agent.id);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: SESSION_TTL_MS / 1000,
      });
      const { passwordHash: _, ...profile } = agent;
      return { ok: true as const, agent: profile };
    });

    const me = {
      config: { policy: 'session:read' },
      schema: {
        operationId: 'getSession',
        summary: 'Who is signed in',
        tags,
        response: { 200: AgentReply, 401: ErrorReply },
      },
    } as const;
    app.get('/api/auth/me', me, async (request) => ({
      ok: true as const,
      // The guard has loaded it (session:read is not public).
      agent: request.agent ?? fail('unauthorized', 'sign in first'),
    }));

    const change = {
      config: { policy: 'password:change' },
      schema: {
        operationId: 'changeOwnPassword',
        summary: 'Choose your own password; other sessions are signed out',
        description:
          'Needs the current password (a temporary one too) and a new one of 8+ ' +
          'characters that differs from it. This session stays signed in; every other ' +
          'session of the agent ends and its consoles close. Clears mustChangePassword.',
        tags,
        body: ChangePassword,
        response: { 200: AgentReply, ...GUARDED_ERRORS, 429: ErrorReply },
      },
    } as const;
    app.post('/api/auth/password', change, async (request) => {
      const me = request.agent ?? fail('unauthorized', 'sign in first');
      const token = request.cookies[SESSION_COOKIE] ?? fail('unauthorized', 'sign in first');
      if (!changes.take(me.id)) fail('rate_limited', 'too many password attempts');
      const { currentPassword, newPassword } = request.body;
      const stored = await store.agents.byEmail(me.email);
      if (!stored || !(await verifyPassword(currentPassword, stored.passwordHash))) {
        fail('invalid_payload', 'body/currentPassword is not your password');
      }
      if (newPassword === currentPassword) {
        fail('invalid_payload', 'body/newPassword must differ from the current one');
      }
      await store.agents.setPassword(me.id, {
        passwordHash: await hashPassword(newPassword),
        mustChange: false,
        keepSession: hashToken(token),
        audit: stampOf(request),
      });
      await app.sessions.endAllFor(me.id, token);
      return {
        ok: true as const,
        agent: (await store.agents.byId(me.id)) ?? fail('not_found', 'no such agent'),
      };
    });

    // Public: it ends whichever session the cookie names, or none.
    const logout = {
      config: { policy: 'auth:logout' },
      schema: {
        operationId: 'signOut',
        summary: 'End the session and close the sockets opened with it',
        tags,
        response: { 200: OkReply },
      },
    } as const;
    app.post('/api/auth/logout', logout, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      const agent = await app.sessions.agentFor(token);
      if (token) await app.sessions.end(token);
      // Signing out is an explicit offline: the agent's open chats go back to the head
      // of their queues at once, with no grace period.
      if (agent) await app.dispatcher.setStatus(agent, 'offline');
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });
  },
  { name: 'auth', dependencies: ['core', '@fastify/cookie'] },
);

// A valid hash of a random password, so unknown emails cost the same scrypt work.
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
