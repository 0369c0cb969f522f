import type { AuditAction } from '@switchboard/shared';
import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { fail } from '../errors.ts';
import type { Action } from '../policy/actions.ts';
import { isPublic, permits } from '../policy/policy.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action this route performs. Every /api/ route names one. */
    policy?: Action;
    /**
     * The audit actions a route that changes admin data records (through the
     * AuditStamp it passes to the store). Every such route names at least one.
     */
    audit?: readonly AuditAction[];
  }
}

/** Actions whose routes change what admins manage: each change is audited. */
const ADMIN_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'agents:manage',
  'departments:manage',
  'sites:manage',
]);

export interface GuardOptions {
  /**
   * The action of routes that plugins add without route config (the OpenAPI page's),
   * by URL prefix. Every other /api/ route names its own.
   */
  byPrefix?: Readonly<Record<string, Action>>;
}

/**
 * Every /api/ route names its policy action in `config.policy`; a route that names
 * none fails the hub's start rather than serving unchecked. Public actions load no
 * session. Any other loads the signed-in agent into `request.agent` (401 without
 * one) and refuses the roles the action is never for (403), before the body is
 * validated, so strangers learn nothing of a route's schema. A route that acts on
 * one resource asks `assertAllowed` again once it has loaded it.
 *
 * Pages and assets outside /api/ (the demo page, the widget loader and frame, the
 * console, /healthz) are public and serve no conversation data.
 */
export const guardPlugin = fp(
  async (app: FastifyInstance, options: GuardOptions) => {
    const byPrefix = Object.entries(options.byPrefix ?? {});
    const prefixAction = (url: string): Action | undefined =>
      byPrefix.find(([prefix]) => url === prefix || url.startsWith(`${prefix}/`))?.[1];
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      const action = route.config?.policy ?? prefixAction(route.url);
      if (!action) {
        throw new Error(`${route.method} ${route.url} names no policy action (config.policy)`);
      }
      // Like the policy, the audit log is not left to remembering: a route that changes
      // admin data and names no audit action fails the hub's start.
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const changes = methods.some((m) => m !== 'GET' && m !== 'HEAD');
      if (ADMIN_ACTIONS.has(action) && changes && !route.config?.audit?.length) {
        throw new Error(
          `${route.method} ${route.url} changes admin data but names no audit action (config.audit)`,
        );
      }
      if (isPublic(action)) return;
      const own = route.preValidation ?? [];
      route.preValidation = [signedIn(action), ...(Array.isArray(own) ? own : [own])];
    });
  },
  { name: 'guard' },
);

/**
 * What an agent signed in with a temporary password may do: see who they are, and
 * choose their own password. Everything else answers password_change_required.
 */
export const OPEN_BEFORE_PASSWORD_CHANGE: ReadonlySet<Action> = new Set<Action>([
  'session:read',
  'password:change',
]);

function signedIn(action: Action): preValidationHookHandler {
  return async (request: FastifyRequest) => {
    const agent = await request.server.sessions.agentFor(request.cookies[SESSION_COOKIE]);
    if (!agent) return fail('unauthorized', 'sign in first');
    if (agent.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.has(action)) {
      fail('password_change_required', 'choose your own password first (changeOwnPassword)');
    }
    if (!permits(agent.role, action)) fail('forbidden', `${action} is not for ${agent.role}`);
    request.agent = agent;
  };
}
