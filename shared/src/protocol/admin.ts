/**
 * Request schemas of the admin HTTP API (agents and departments). The hub validates
 * with them and documents them as OpenAPI; the console imports only the static types
 * (`import type`). Business hours also need `businessHoursProblem` (business-hours.ts)
 * for what a JSON schema cannot say: a real time zone, intervals in order.
 */
import { type Static, Type } from '@sinclair/typebox';
import { AUDIT_ACTIONS } from './audit.ts';

const DepartmentId = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9_]+$',
  description: 'lower-case letters, digits and _',
});
/** A display name: something visible, not only spaces. */
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Role = Type.Union(
  [Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent'), Type.Literal('qa')],
  { description: 'admin, supervisor, agent or qa' },
);
const Password = Type.String({
  minLength: 8,
  maxLength: 1024,
  description: 'omit it and the hub generates one, returned once',
});

// ---- path parameters -------------------------------------------------------------

export const AgentRef = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
export type AgentRef = Static<typeof AgentRef>;

export const DepartmentRef = Type.Object({ id: DepartmentId }, { additionalProperties: false });
export type DepartmentRef = Static<typeof DepartmentRef>;

// ---- agents ----------------------------------------------------------------------

const Departments = Type.Array(DepartmentId, {
  maxItems: 100,
  uniqueItems: true,
  description: 'ids of existing departments; replaces the whole list',
});
const Capacity = Type.Integer({
  minimum: 1,
  maximum: 50,
  description: 'most open conversations at once (default 5)',
});

export const CreateAgent = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Name,
    role: Role,
    departments: Departments,
    capacity: Type.Optional(Capacity),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type CreateAgent = Static<typeof CreateAgent>;

/** Only the fields given change. `disabled: true` signs the agent out everywhere. */
export const UpdateAgent = Type.Object(
  {
    name: Type.Optional(Name),
    role: Type.Optional(Role),
    departments: Type.Optional(Departments),
    capacity: Type.Optional(Capacity),
    disabled: Type.Optional(
      Type.Boolean({ description: 'true signs the agent out everywhere; they cannot sign in' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAgent = Static<typeof UpdateAgent>;

export const ResetPassword = Type.Object(
  { password: Type.Optional(Password) },
  { additionalProperties: false },
);
export type ResetPassword = Static<typeof ResetPassword>;

/** The agent's own password: the one they have (temporary or not), and their choice. */
export const ChangePassword = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({
      minLength: 8,
      maxLength: 1024,
      description: 'at least 8 characters, not the current one',
    }),
  },
  { additionalProperties: false },
);
export type ChangePassword = Static<typeof ChangePassword>;

// ---- audit log -------------------------------------------------------------------

const Action = Type.Union(
  AUDIT_ACTIONS.map((a) => Type.Literal(a)),
  { description: 'a stable action name, e.g. agent.updated' },
);

/** Filters of the audit log; each one given narrows it. Newest first. */
export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "the acting agent's id" }),
    ),
    action: Type.Optional(Action),
    since: Type.Optional(
      Type.Integer({ minimum: 0, description: 'epoch ms, inclusive: entries at or after' }),
    ),
    until: Type.Optional(
      Type.Integer({ minimum: 0, description: 'epoch ms, exclusive: entries before' }),
    ),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'the `next` of the previous page: entries older than it',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, description: 'entries per page (default 50)' }),
    ),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

// ---- departments -----------------------------------------------------------------

const Interval = Type.Object(
  {
    from: Type.Integer({ minimum: 0, maximum: 1439 }),
    to: Type.Integer({ minimum: 1, maximum: 1440 }),
  },
  {
    additionalProperties: false,
    description: 'local minutes since midnight, [from, to); 540–1080 is 9:00 to 18:00',
  },
);
const Intervals = Type.Array(Interval, {
  maxItems: 48,
  description: 'in order, not overlapping',
});

export const BusinessHoursSchema = Type.Object(
  {
    timeZone: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA time zone, e.g. Asia/Shanghai',
    }),
    weekly: Type.Object(
      {
        mon: Intervals,
        tue: Intervals,
        wed: Intervals,
        thu: Intervals,
        fri: Intervals,
        sat: Intervals,
        sun: Intervals,
      },
      { additionalProperties: false },
    ),
    exceptions: Type.Record(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Intervals, {
      maxProperties: 1000,
      description:
        'by local date YYYY-MM-DD: [] closes the day (a holiday), intervals replace its hours',
    }),
  },
  { additionalProperties: false },
);

const SlaTargets = Type.Object(
  {
    firstResponseMs: Type.Integer({ minimum: 1000, maximum: 7 * 86_400_000 }),
    resolutionMs: Type.Integer({ minimum: 1000, maximum: 90 * 86_400_000 }),
  },
  { additionalProperties: false },
);

/** Each optional: what a create leaves out takes DEFAULT_DEPARTMENT_SETTINGS. */
const settings = {
  enabled: Type.Optional(Type.Boolean({ description: 'false: takes no new conversations' })),
  mode: Type.Optional(
    Type.Union([Type.Literal('auto'), Type.Literal('manual')], {
      description: 'auto: the hub assigns; manual: agents claim from the queue',
    }),
  ),
  sla: Type.Optional(
    Type.Union([SlaTargets, Type.Null()], { description: 'null: no SLA is tracked' }),
  ),
  hours: Type.Optional(
    Type.Union([BusinessHoursSchema, Type.Null()], { description: 'null: around the clock' }),
  ),
  maxQueue: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()], {
      description: 'most conversations waiting at once; null: no limit',
    }),
  ),
  leaveMessage: Type.Optional(
    Type.Boolean({ description: 'whether visitors are offered leave-a-message' }),
  ),
};

const Names = Type.Object({ en: Name, 'zh-CN': Name }, { additionalProperties: false });

export const CreateDepartment = Type.Object(
  { id: DepartmentId, name: Names, ...settings },
  { additionalProperties: false },
);
export type CreateDepartment = Static<typeof CreateDepartment>;

/** Only the fields given change; `name` may give one locale only. */
export const UpdateDepartment = Type.Object(
  {
    name: Type.Optional(
      Type.Object(
        { en: Type.Optional(Name), 'zh-CN': Type.Optional(Name) },
        { additionalProperties: false, minProperties: 1 },
      ),
    ),
    ...settings,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDepartment = Static<typeof UpdateDepartment>;
