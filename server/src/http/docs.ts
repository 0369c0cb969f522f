import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { isPublic } from '../policy/policy.ts';

/** The page that shows the API; the OpenAPI document itself is at `${DOCS_PREFIX}/json`. */
export const DOCS_PREFIX = '/api/docs';

const TAGS = [
  { name: 'agents', description: 'Staff accounts: departments, capacity, roles, passwords' },
  { name: 'departments', description: 'Routing settings, business hours, SLA targets' },
  { name: 'conversations', description: 'Conversations with their timeline' },
  { name: 'auth', description: 'Console sign-in' },
  { name: 'widget', description: 'What the embedded chat asks the hub' },
];

/** Only /api/ is the API; pages, the widget and the console are no part of it. */
function isApi(route: Pick<RouteOptions, 'url'>): boolean {
  return route.url.startsWith('/api/');
}

/**
 * The OpenAPI document, built from the routes' TypeBox schemas as they are added. Each
 * /api/ route must say what it is for (operationId, summary, tags): a route that does
 * not fails the hub's start, as a route without a policy action does. Register it
 * before any route.
 */
export const openApiPlugin = fp(
  async (app: FastifyInstance, opts: { version: string }) => {
    await app.register(fastifySwagger, {
      openapi: {
        // 3.1 is JSON Schema itself: TypeBox's `type: 'null'` unions stay as they are.
        openapi: '3.1.0',
        info: {
          title: 'Switchboard hub',
          version: opts.version,
          description:
            'The HTTP API of a Switchboard hub. Sign in with POST /api/auth/login: its ' +
            'HttpOnly session cookie authorizes the other routes, for the roles each ' +
            'allows (the admin routes: admins only). Errors are ' +
            '`{ ok: false, error: { code, message } }` with a stable code.',
        },
        tags: TAGS,
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          },
        },
      },
      transform: ({ schema, url, route }) => {
        if (!isApi(route)) return { schema: { ...schema, hide: true }, url };
        const action = route.config?.policy;
        const security = action && !isPublic(action) ? [{ session: [] }] : [];
        return { schema: { ...schema, security }, url };
      },
    });

    app.addHook('onRoute', (route) => {
      if (!isApi(route) || route.method === 'HEAD' || route.schema?.hide) return;
      const { operationId, summary, tags } = route.schema ?? {};
      if (!operationId || !summary || !tags?.length) {
        throw new Error(
          `${route.method} ${route.url} needs an operationId, a summary and tags in its schema`,
        );
      }
    });
  },
  { name: 'openapi' },
);

/**
 * The page at /api/docs: Swagger UI, served from the hub with everything it loads, so
 * it works with no internet. It reads the document from /api/docs/json. Both are
 * public (the routes they describe are not), and "Try it out" sends the page's own
 * session cookie, so a signed-in admin can call the API from it.
 */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { deepLinking: true, docExpansion: 'list', defaultModelsExpandDepth: 0 },
    theme: { title: 'Switchboard API' },
    // The package's own CSP upgrades every request to https, which breaks a hub on
    // plain http (the default on 127.0.0.1). Swagger UI styles elements inline.
    staticCSP: [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  });
}
