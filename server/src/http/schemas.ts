/**
 * Shapes of the HTTP API that only the hub validates or serializes: query strings and
 * reply bodies. Request bodies clients share live in shared/src/protocol/schemas.ts
 * (the admin API's in admin.ts); model reply schemas in replies.ts.
 * A reply schema is also what Fastify serializes with, so a field left out here never
 * leaves the hub.
 */
import { Type } from '@sinclair/typebox';

export { AgentReply, OkReply } from '@switchboard/shared/operations';

const SiteKey = Type.String({ minLength: 1, maxLength: 64 });

export const SiteQuery = Type.Object({ site: SiteKey });

export const FrameQuery = Type.Object({
  site: SiteKey,
  origin: Type.String({ minLength: 1, maxLength: 512 }),
  locale: Type.Optional(Type.String({ maxLength: 16 })),
});

const Department = Type.Object({
  id: Type.String(),
  name: Type.Object({ en: Type.String(), 'zh-CN': Type.String() }),
});

export const WidgetConfigReply = Type.Object({
  ok: Type.Literal(true),
  site: Type.Object({ key: Type.String(), name: Type.String() }),
  departments: Type.Array(Department, { description: 'the enabled departments, in order' }),
});
