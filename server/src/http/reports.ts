import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { fail } from '../errors.ts';
import { permits } from '../policy/policy.ts';
import { buildReport } from '../reports/service.ts';
import { ErrorReply, GUARDED_ERRORS } from './replies.ts';

const DAY = 24 * 3600 * 1000;
/** A year of figures at most per request. */
const MAX_RANGE = 366 * DAY;

const ReportQuery = Type.Object(
  {
    from: Type.Integer({
      minimum: 0,
      description: 'epoch ms, inclusive: conversations started from',
    }),
    to: Type.Integer({ minimum: 0, description: 'epoch ms, exclusive' }),
    groupBy: Type.Union(
      [
        Type.Literal('department'),
        Type.Literal('agent'),
        Type.Literal('day'),
        Type.Literal('hour'),
      ],
      { description: 'one row per department, agent, local day or local hour of day' },
    ),
    timeZone: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'IANA time zone for days and hours (default UTC)',
      }),
    ),
  },
  { additionalProperties: false },
);

const Spread = Type.Object({
  count: Type.Integer(),
  p50: Type.Union([Type.Number(), Type.Null()], { description: 'median, ms' }),
  p90: Type.Union([Type.Number(), Type.Null()], { description: '90th percentile, ms' }),
});
const Rate = Type.Union([Type.Number(), Type.Null()], {
  description: 'a share from 0 to 1; null when nothing counts toward it',
});

const ReportRow = Type.Object({
  key: Type.String({ description: 'department id, agent id, YYYY-MM-DD, or hour 00–23' }),
  volume: Type.Integer({ description: 'conversations started' }),
  frt: Spread,
  wait: Spread,
  abandoned: Type.Integer(),
  abandonedRate: Rate,
  ahtMs: Type.Union([Type.Number(), Type.Null()]),
  resolution: Spread,
  fcrRate: Rate,
  slaBreachRate: Rate,
  leftMessages: Type.Integer(),
  leftMessageAnswer: Spread,
});

const ReportReply = Type.Object({ ok: Type.Literal(true), rows: Type.Array(ReportRow) });

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Service figures as PRODUCT.md defines them, from the conversation event log. */
export async function reportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const get = {
    config: { policy: 'reports:read' },
    schema: {
      operationId: 'getReport',
      summary: 'FRT, wait, abandonment, AHT, resolution, FCR, SLA breaches and left messages',
      description:
        'For conversations started in [from, to), grouped. Definitions: PRODUCT.md. ' +
        'Agents get only the conversations they held; QA, supervisors and admins all.',
      tags: ['reports'],
      querystring: ReportQuery,
      response: { 200: ReportReply, ...GUARDED_ERRORS, 400: ErrorReply },
    },
  } as const;
  app.get('/api/reports', get, async (request) => {
    const agent = request.agent ?? fail('unauthorized', 'sign in first');
    const { from, to, groupBy } = request.query;
    const timeZone = request.query.timeZone ?? 'UTC';
    if (to <= from) fail('invalid_payload', 'querystring/to must be after from');
    if (to - from > MAX_RANGE) fail('invalid_payload', 'querystring: at most 366 days at once');
    if (!validTimeZone(timeZone)) {
      fail('invalid_payload', `querystring/timeZone: ${timeZone} is not a time zone`);
    }
    // QA and leads read every figure; an agent, those of the chats they held.
    const heldBy = permits(agent.role, 'transcripts:search') ? undefined : agent.id;
    const rows = await buildReport(
      app.store,
      { from, to, groupBy, timeZone, ...(heldBy ? { heldBy } : {}) },
      app.clock(),
    );
    return { ok: true as const, rows };
  });
}
