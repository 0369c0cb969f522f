import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AgentProfile, AuditAction } from '@switchboard/shared';
import { AgentRef, CreateAgent, ResetPassword, UpdateAgent } from '@switchboard/shared/admin';
import {
  AgentReply,
  AgentsReply,
  CreatedAgentReply,
  PasswordReply,
} from '@switchboard/shared/operations';
import type { FastifyInstance } from 'fastify';
import { nanoid } from 'nanoid';
import { hashPassword, newPassword } from '../../auth/password.ts';
import { fail } from '../../errors.ts';
import { StoreConflict } from '../../store/errors.ts';
import { ErrorReply, GUARDED_ERRORS } from '../replies.ts';
import { stampOf } from './audit.ts';
import { type AdminHooks, type AgentChange, tell } from './hooks.ts';

const policy = { policy: 'agents:manage' } as const;
const audited = <const A extends readonly AuditAction[]>(...audit: A) => ({ ...policy, audit });
const tags = ['agents'];

/**
 * Agents as admins manage them: list, create, update (departments, capacity, role,
 * disable) and reset passwords. Disabling an agent or resetting their password signs
 * them out everywhere, sockets included.
 */
export async function agentAdminRoutes(
  fastify: FastifyInstance,
  hooks: Pick<AdminHooks, 'onAgentChanged'>,
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { store, clock } = app;

  /** Departments are never deleted, so a check before the write holds at the write. */
  async function checkDepartments(ids: readonly string[]): Promise<void> {
    const known = new Set((await store.directory.departments()).map((d) => d.id));
    const unknown = ids.findIndex((id) => !known.has(id));
    if (unknown >= 0) {
      fail('invalid_payload', `body/departments/${unknown} "${ids[unknown]}" is not a department`);
    }
  }

  const list = {
    config: policy,
    schema: {
      operationId: 'listAgents',
      summary: 'Every agent, disabled ones too, by name',
      tags,
      response: { 200: AgentsReply, ...GUARDED_ERRORS },
    },
  } as const;
  app.get('/api/agents', list, async () => ({
    ok: true as const,
    agents: await store.agents.list(),
  }));

  const create = {
    config: audited('agent.created'),
    schema: {
      operationId: 'createAgent',
      summary: 'Create an agent; without a password, one is generated and returned once',
      description:
        'A generated password is temporary: the agent must choose their own at first ' +
        'sign-in (changeOwnPassword) before anything else opens to them.',
      tags,
      body: CreateAgent,
      response: { 201: CreatedAgentReply, ...GUARDED_ERRORS, 409: ErrorReply },
    },
  } as const;
  app.post('/api/agents', create, async (request, reply) => {
    const body = request.body;
    await checkDepartments(body.departments);
    const password = body.password ?? newPassword();
    let agent: AgentProfile;
    try {
      agent = await store.agents.create(
        {
          id: nanoid(),
          email: body.email,
          name: body.name,
          role: body.role,
          departments: body.departments,
          capacity: body.capacity,
          passwordHash: await hashPassword(password),
          mustChangePassword: body.password === undefined,
        },
        clock(),
        stampOf(request),
      );
    } catch (error) {
      if (error instanceof StoreConflict) {
        fail('already_exists', `body/email: an agent already has ${body.email}`);
      }
      throw error;
    }
    reply.code(201);
    return body.password === undefined
      ? { ok: true as const, agent, password }
      : { ok: true as const, agent };
  });

  const update = {
    config: audited('agent.updated', 'agent.disabled', 'agent.enabled'),
    schema: {
      operationId: 'updateAgent',
      summary: "Change an agent's name, role, departments, capacity, or disable them",
      description:
        'Only the fields given change; departments replace the whole list. ' +
        '`disabled: true` signs the agent out everywhere at once. ' +
        'A change that would leave no enabled admin is refused (409 invalid_state).',
      tags,
      params: AgentRef,
      body: UpdateAgent,
      response: { 200: AgentReply, ...GUARDED_ERRORS, 404: ErrorReply, 409: ErrorReply },
    },
  } as const;
  app.patch('/api/agents/:id', update, async (request) => {
    const { id } = request.params;
    const patch = request.body;
    if (patch.departments) await checkDepartments(patch.departments);
    const result = await store.agents.update(id, patch, stampOf(request));
    if (!result.ok) {
      return result.code === 'not_found'
        ? fail('not_found', `no agent ${id}`)
        : fail('invalid_state', 'the hub needs at least one enabled admin');
    }
    // The store has deleted their sessions; their open consoles go now.
    if (patch.disabled) await app.sessions.endAllFor(id);
    const change: AgentChange = {};
    if (patch.name !== undefined) change.name = result.agent.name;
    if (patch.capacity !== undefined) change.capacity = patch.capacity;
    if (patch.departments !== undefined) change.departments = result.agent.departments;
    if (patch.disabled !== undefined) change.disabled = patch.disabled;
    if (patch.role !== undefined) change.role = patch.role;
    if (Object.keys(change).length > 0) {
      await tell(app.log, `agent ${id}'s change`, () => hooks.onAgentChanged(id, change));
    }
    return { ok: true as const, agent: result.agent };
  });

  const reset = {
    config: audited('agent.password_reset'),
    schema: {
      operationId: 'resetAgentPassword',
      summary: "Set an agent's password and sign them out everywhere",
      description:
        'Without a password in the body, one is generated and returned once; it is ' +
        'temporary, so the agent must choose their own at their next sign-in.',
      tags,
      params: AgentRef,
      body: ResetPassword,
      response: { 200: PasswordReply, ...GUARDED_ERRORS, 404: ErrorReply },
    },
  } as const;
  app.post('/api/agents/:id/password', reset, async (request) => {
    const { id } = request.params;
    const given = request.body.password;
    const password = given ?? newPassword();
    const done = await store.agents.setPassword(id, {
      passwordHash: await hashPassword(password),
      mustChange: given === undefined,
      audit: stampOf(request),
    });
    if (!done) fail('not_found', `no agent ${id}`);
    await app.sessions.endAllFor(id);
    return given === undefined ? { ok: true as const, password } : { ok: true as const };
  });
}
