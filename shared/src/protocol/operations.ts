/**
 * The HTTP operations clients call by operationId: method, path, and the TypeBox
 * schemas of their parameters, query, body and success reply. The hub's routes declare
 * these same schemas (so they validate, serialize and document with them), and the
 * typed client (client/http.ts) derives its types from them: a request shape is never
 * written twice. Reply schemas are also what the hub serializes with, so a field left
 * out here never leaves it.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import {
  AgentRef,
  AuditQuery,
  BusinessHoursSchema,
  ChangePassword,
  CreateAgent,
  CreateDepartment,
  DepartmentRef,
  ResetPassword,
  UpdateAgent,
  UpdateDepartment,
} from './admin.ts';
import { AUDIT_ACTIONS, type AuditEntry } from './audit.ts';
import type { AgentProfile, Department } from './model.ts';
import { Login } from './schemas.ts';

/**
 * The schema, if everything it describes is a valid T; otherwise the call asks for a
 * second argument that cannot be given, and does not compile.
 */
export const describes =
  <T>() =>
  <S extends TSchema>(schema: S, ..._fits: Static<S> extends T ? [] : [never]): S =>
    schema;

const Nullable = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);
const Ok = Type.Literal(true);

const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('supervisor'),
  Type.Literal('agent'),
  Type.Literal('qa'),
]);

export const AgentProfileSchema = describes<AgentProfile>()(
  Type.Object({
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    departments: Type.Array(Type.String()),
    capacity: Type.Integer(),
    disabled: Type.Boolean(),
    mustChangePassword: Type.Boolean({
      description: 'a temporary password: changeOwnPassword is the only way on',
    }),
  }),
);

export const DepartmentSchema = describes<Department>()(
  Type.Object({
    id: Type.String(),
    name: Type.Object({ en: Type.String(), 'zh-CN': Type.String() }),
    enabled: Type.Boolean(),
    mode: Type.Union([Type.Literal('auto'), Type.Literal('manual')]),
    sla: Nullable(Type.Object({ firstResponseMs: Type.Integer(), resolutionMs: Type.Integer() })),
    hours: Nullable(BusinessHoursSchema),
    maxQueue: Nullable(Type.Integer()),
    leaveMessage: Type.Boolean(),
  }),
);

export const AuditEntrySchema = describes<AuditEntry>()(
  Type.Object({
    id: Type.String(),
    at: Type.Integer(),
    actor: Type.Object({
      kind: Type.Union([Type.Literal('agent'), Type.Literal('operator')]),
      id: Nullable(Type.String()),
      name: Nullable(Type.String()),
      role: Nullable(RoleSchema),
    }),
    action: Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a))),
    target: Type.Object({
      kind: Type.Union([Type.Literal('agent'), Type.Literal('department')]),
      id: Type.String(),
    }),
    changes: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() }), {
      description: 'by field: its value before and after (null before a create)',
    }),
  }),
);

const Generated = Type.String({
  description: 'the generated temporary password, shown this once; absent when you gave one',
});

export const AgentReply = Type.Object({ ok: Ok, agent: AgentProfileSchema });
export const AgentsReply = Type.Object({ ok: Ok, agents: Type.Array(AgentProfileSchema) });
export const CreatedAgentReply = Type.Object({
  ok: Ok,
  agent: AgentProfileSchema,
  password: Type.Optional(Generated),
});
export const PasswordReply = Type.Object({ ok: Ok, password: Type.Optional(Generated) });
export const DepartmentReply = Type.Object({ ok: Ok, department: DepartmentSchema });
export const DepartmentsReply = Type.Object({
  ok: Ok,
  departments: Type.Array(DepartmentSchema),
});
export const AuditReply = Type.Object({
  ok: Ok,
  entries: Type.Array(AuditEntrySchema, { description: 'newest first' }),
  next: Nullable(
    Type.String({ description: 'pass as `cursor` for the next (older) page; null: no more' }),
  ),
});
export const OkReply = Type.Object({ ok: Ok });

/** What one operation is made of; parts it does not take are absent. */
export interface OperationSpec {
  method: 'GET' | 'POST' | 'PATCH';
  /** Fastify's form: `:id` for a path parameter. */
  path: string;
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** The success reply's status (200 unless given). */
  status?: 200 | 201;
  reply: TSchema;
}

/** The operations of the console's sign-in and admin screens, by operationId. */
export const OPERATIONS = {
  signIn: { method: 'POST', path: '/api/auth/login', body: Login, reply: AgentReply },
  getSession: { method: 'GET', path: '/api/auth/me', reply: AgentReply },
  signOut: { method: 'POST', path: '/api/auth/logout', reply: OkReply },
  changeOwnPassword: {
    method: 'POST',
    path: '/api/auth/password',
    body: ChangePassword,
    reply: AgentReply,
  },
  listAgents: { method: 'GET', path: '/api/agents', reply: AgentsReply },
  createAgent: {
    method: 'POST',
    path: '/api/agents',
    body: CreateAgent,
    status: 201,
    reply: CreatedAgentReply,
  },
  updateAgent: {
    method: 'PATCH',
    path: '/api/agents/:id',
    params: AgentRef,
    body: UpdateAgent,
    reply: AgentReply,
  },
  resetAgentPassword: {
    method: 'POST',
    path: '/api/agents/:id/password',
    params: AgentRef,
    body: ResetPassword,
    reply: PasswordReply,
  },
  listDepartments: { method: 'GET', path: '/api/departments', reply: DepartmentsReply },
  createDepartment: {
    method: 'POST',
    path: '/api/departments',
    body: CreateDepartment,
    status: 201,
    reply: DepartmentReply,
  },
  updateDepartment: {
    method: 'PATCH',
    path: '/api/departments/:id',
    params: DepartmentRef,
    body: UpdateDepartment,
    reply: DepartmentReply,
  },
  listAuditLog: { method: 'GET', path: '/api/admin/audit', query: AuditQuery, reply: AuditReply },
} as const satisfies Record<string, OperationSpec>;

export type Operations = typeof OPERATIONS;
export type OperationId = keyof Operations;
