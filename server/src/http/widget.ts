import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type ErrorCode, HTTP_STATUS, type PublicDepartment } from '@switchboard/shared';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { fail } from '../errors.ts';
import { normalizeOrigin } from '../origin.ts';
import { ErrorReply } from './replies.ts';
import { FrameQuery, SiteQuery, WidgetConfigReply } from './schemas.ts';

/** Missing build output is an operator's problem; say how to fix it. */
async function built(path: string, log: FastifyBaseLogger): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    log.error({ path }, 'widget build output missing: run `pnpm build`');
    return fail('unavailable', 'the widget is not built');
  }
}

/**
 * The embeddable widget: the loader script, the chat frame page (with a CSP naming the
 * site's allowed origins as the only pages that may frame it) and its assets.
 */
export async function widgetRoutes(
  fastify: FastifyInstance,
  opts: { dist: string },
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = app;
  const frameDir = join(opts.dist, 'frame');

  app.get('/widget.js', async (_request, reply) => {
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(await built(join(opts.dist, 'loader', 'widget.js'), app.log));
  });

  const config = {
    config: { policy: 'widget:config' },
    schema: {
      operationId: 'getWidgetConfig',
      summary: "A site's name and the topics its visitors pick from",
      tags: ['widget'],
      querystring: SiteQuery,
      response: { 200: WidgetConfigReply, 400: ErrorReply, 404: ErrorReply },
    },
  } as const;
  app.get('/api/widget/config', config, async (request) => {
    const site = await store.directory.siteByKey(request.query.site);
    if (!site) fail('not_found', 'unknown site');
    // Visitors pick a topic: the enabled departments, by name. Their settings are staff's.
    const departments: PublicDepartment[] = (await store.directory.departments())
      .filter((d) => d.enabled)
      .map((d) => ({ id: d.id, name: d.name }));
    return { ok: true as const, site: { key: site.key, name: site.name }, departments };
  });

  app.get('/widget/frame', { schema: { querystring: FrameQuery } }, async (request, reply) => {
    const { query } = request;
    const site = await store.directory.siteByKey(query.site);
    // With TRUST_PROXY, protocol and host are the ones the browser used.
    const self = `${request.protocol}://${request.host}`;
    const origin = normalizeOrigin(query.origin);
    // The frame posts to this origin; it must be one the site trusts.
    const refusal: ErrorCode | null = !site
      ? 'not_found'
      : !origin || (origin !== self && !site.allowedOrigins.includes(origin))
        ? 'forbidden'
        : null;
    if (!site || refusal) {
      // A browser showing the frame gets a readable page, API clients the JSON error.
      const code = refusal ?? 'not_found';
      if (request.headers.accept?.includes('text/html')) {
        return reply.status(HTTP_STATUS[code]).type('text/html; charset=utf-8').send(FRAME_REFUSED);
      }
      return fail(
        code,
        code === 'not_found' ? 'unknown site' : 'this page origin is not allowed for the site',
      );
    }
    const ancestors = ["'self'", ...site.allowedOrigins].join(' ');
    reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        [
          "default-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "base-uri 'none'",
          "form-action 'none'",
          `frame-ancestors ${ancestors}`,
        ].join('; '),
      )
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .send(await built(join(frameDir, 'index.html'), app.log));
  });

  await app.register(fastifyStatic, {
    root: join(frameDir, 'assets'),
    prefix: '/widget/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
  });
}

/** Shown inside the chat panel when the embed is wrong; the visitor can do nothing about it. */
const FRAME_REFUSED = `<!doctype html>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat</title>
<style>
  body { margin: 0; display: grid; place-items: center; min-height: 100vh; text-align: center;
    font: 15px/1.6 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #52606d; background: #fff; }
</style>
<div>
  <p lang="zh-CN">此页面暂时无法使用在线客服。</p>
  <p lang="en">Chat is not available on this page.</p>
</div>
`;
