import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import fp from 'fastify-plugin';
import serverPackage from '../package.json' with { type: 'json' };
import { createSessions, type Sessions } from './auth/sessions.ts';
import { DEMO_SITE_KEY } from './bootstrap.ts';
import type { Config } from './config.ts';
import { createDispatcher, type Dispatcher } from './dispatch/dispatcher.ts';
import { createPresence } from './dispatch/presence.ts';
import { adminRoutes } from './http/admin/index.ts';
import { authPlugin } from './http/auth.ts';
import { conversationRoutes } from './http/conversations.ts';
import { DOCS_PREFIX, docsRoutes, openApiPlugin } from './http/docs.ts';
import { describeInvalid, errorsPlugin } from './http/errors.ts';
import { guardPlugin } from './http/guard.ts';
import { consoleRoutes, siteRoutes } from './http/pages.ts';
import { reportRoutes } from './http/reports.ts';
import { validation } from './http/validation.ts';
import { visitorSessionRoutes } from './http/visitor-session.ts';
import { widgetRoutes } from './http/widget.ts';
import { createRateLimits } from './limits/rate-limits.ts';
import { createMetrics, type HubMetrics } from './metrics/metrics.ts';
import { metricsRoutes } from './metrics/routes.ts';
import { registerAgentNamespace } from './realtime/agent.ts';
import { createBacklogGuard } from './realtime/backlog.ts';
import { counted, createBroadcast } from './realtime/broadcast.ts';
import { ioPlugin } from './realtime/io-plugin.ts';
import { registerVisitorNamespace } from './realtime/visitor.ts';
import type { Store } from './store/store.ts';

export type { Config } from './config.ts';
export type { Store } from './store/store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    clock: () => number;
    sessions: Sessions;
    dispatcher: Dispatcher;
    /** Null unless METRICS_TOKEN is set: then nothing is counted at all. */
    metrics: HubMetrics | null;
  }
}

/** How often every socket's unsent output is checked (answers are checked as they go). */
const BACKLOG_CHECK_MS = 2000;

export interface AppDeps {
  config: Config;
  store: Store;
  clock?: () => number;
  logger?: FastifyServerOptions['logger'];
  /** The store's group commits feed it too (see main.ts); made here when not given. */
  metrics?: HubMetrics;
}

/** The one composition root: wires every part, never listens. */
export async function buildApp({
  config,
  store,
  clock = Date.now,
  logger = false,
  metrics = config.metricsToken ? createMetrics() : undefined,
}: AppDeps) {
  const app: FastifyInstance = Fastify({
    logger,
    // One line per request drowns the hub's own events at info level.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    trustProxy: config.trustProxy,
    ...validation,
    schemaErrorFormatter: describeInvalid,
  });

  await app.register(fastifyCookie);
  await app.register(
    fp(
      async (core) => {
        core.decorate('store', store);
        core.decorate('clock', clock);
        core.decorate('sessions', createSessions(store.agents, clock));
        core.decorate('metrics', metrics ?? null);
      },
      { name: 'core' },
    ),
  );
  await app.register(errorsPlugin);
  await app.register(ioPlugin);
  // Before any route: they check each route's policy and documentation as it is added.
  await app.register(guardPlugin, { byPrefix: { [DOCS_PREFIX]: 'docs:read' } });
  await app.register(openApiPlugin, { version: serverPackage.version });
  await app.register(authPlugin);

  const dispatcher = createDispatcher({
    store,
    presence: createPresence(clock()),
    broadcast: counted(createBroadcast(app.namespaces), metrics),
    now: clock,
    onRoutingError: (error) => app.log.error({ err: error }, 'routing failed'),
    graceMs: config.agentGraceMs,
    onStored: metrics && ((m) => metrics.messageStored(m.author, m.kind)),
  });
  const rateLimits = createRateLimits(config, clock);
  const backlog = createBacklogGuard(config.socketBacklogBytes, (socketId, bytes) =>
    app.log.warn({ socketId, bytes }, 'dropped a socket that stopped reading'),
  );
  const stopWatching = backlog.watch(
    [app.namespaces.visitor, app.namespaces.agent],
    BACKLOG_CHECK_MS,
  );
  app.addHook('onClose', async () => stopWatching());
  app.decorate('dispatcher', dispatcher);
  app.addHook('onClose', () => dispatcher.close());
  // Resumes what was due while the hub was down, and arms the timer for what is next.
  app.addHook('onReady', () => dispatcher.tick());
  registerVisitorNamespace(app, dispatcher, { ...config, rateLimits, backlog });
  const refreshAgent = registerAgentNamespace(app, dispatcher, { rateLimits, backlog });

  await app.register(siteRoutes, { demoSiteKey: DEMO_SITE_KEY });
  await app.register(widgetRoutes, { dist: config.widgetDist });
  await app.register(visitorSessionRoutes);
  await app.register(conversationRoutes);
  await app.register(reportRoutes);
  await app.register(adminRoutes, {
    // The agent's open consoles take their new profile first (so they are in their new
    // departments' rooms when routing announces), then routing re-reads the agent.
    onAgentChanged: async (agentId, change) => {
      dispatcher.invalidate();
      try {
        if (change.departments || change.role || change.name) await refreshAgent(agentId);
      } finally {
        await dispatcher.agentChanged(agentId, change);
      }
    },
    onDepartmentChanged: (department) => {
      dispatcher.invalidate();
      return dispatcher.departmentChanged(department);
    },
  });
  await app.register(docsRoutes);
  if (metrics && config.metricsToken) {
    metrics.observe({
      sockets: () => ({
        visitor: app.namespaces.visitor.sockets.size,
        agent: app.namespaces.agent.sockets.size,
      }),
      queues: () => dispatcher.allQueues(),
      databaseFile: join(config.dataDir, 'switchboard.db'),
    });
    await app.register(metricsRoutes, { registry: metrics.registry, token: config.metricsToken });
  }
  await app.register(consoleRoutes, { dist: config.consoleDist, prefix: '/console' });
  return app;
}
