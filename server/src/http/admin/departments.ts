import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type AuditAction,
  type BusinessHours,
  businessHoursProblem,
  type Department,
} from '@switchboard/shared';
import { CreateDepartment, DepartmentRef, UpdateDepartment } from '@switchboard/shared/admin';
import { DepartmentReply, DepartmentsReply } from '@switchboard/shared/operations';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../errors.ts';
import { StoreConflict } from '../../store/errors.ts';
import { ErrorReply, GUARDED_ERRORS } from '../replies.ts';
import { stampOf } from './audit.ts';
import { type AdminHooks, tell } from './hooks.ts';

const policy = { policy: 'departments:manage' } as const;
const audited = <const A extends readonly AuditAction[]>(...audit: A) => ({ ...policy, audit });
const tags = ['departments'];

/** What the hours' schema cannot say: a real time zone, intervals in order, real dates. */
function checkHours(hours: BusinessHours | null | undefined): void {
  const problem = hours ? businessHoursProblem(hours, 'body/hours') : null;
  if (problem) fail('invalid_payload', problem);
}

/**
 * Departments as admins manage them: list, create, rename, change settings, disable.
 * None is ever deleted (conversations refer to them); a disabled one takes no new
 * conversations and is no longer offered to visitors.
 */
export async function departmentAdminRoutes(
  fastify: FastifyInstance,
  hooks: Pick<AdminHooks, 'onDepartmentChanged'>,
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = app;
  const changed = (department: Department) =>
    tell(app.log, `department ${department.id}'s change`, () =>
      hooks.onDepartmentChanged(department),
    );

  const list = {
    config: policy,
    schema: {
      operationId: 'listDepartments',
      summary: 'Every department with its settings, disabled ones too',
      tags,
      response: { 200: DepartmentsReply, ...GUARDED_ERRORS },
    },
  } as const;
  app.get('/api/departments', list, async () => ({
    ok: true as const,
    departments: await store.directory.departments(),
  }));

  const create = {
    config: audited('department.created'),
    schema: {
      operationId: 'createDepartment',
      summary: 'Create a department, listed after the others',
      description:
        'Settings left out start as the seeded departments do: enabled, automatic, open ' +
        'around the clock, leave-a-message on, SLA 3 min to first response and 2 h to ' +
        'resolution, no queue limit.',
      tags,
      body: CreateDepartment,
      response: { 201: DepartmentReply, ...GUARDED_ERRORS, 409: ErrorReply },
    },
  } as const;
  app.post('/api/departments', create, async (request, reply) => {
    const body = request.body;
    checkHours(body.hours);
    let department: Department;
    try {
      department = await store.directory.createDepartment(body, stampOf(request));
    } catch (error) {
      if (error instanceof StoreConflict) {
        fail('already_exists', `body/id: a department already has the id ${body.id}`);
      }
      throw error;
    }
    await changed(department);
    reply.code(201);
    return { ok: true as const, department };
  });

  const update = {
    config: audited('department.updated'),
    schema: {
      operationId: 'updateDepartment',
      summary: 'Rename a department, change its settings, disable or enable it',
      description: 'Only the fields given change; null clears sla, hours or maxQueue.',
      tags,
      params: DepartmentRef,
      body: UpdateDepartment,
      response: { 200: DepartmentReply, ...GUARDED_ERRORS, 404: ErrorReply },
    },
  } as const;
  app.patch('/api/departments/:id', update, async (request) => {
    const { id } = request.params;
    checkHours(request.body.hours);
    const department = await store.directory.updateDepartment(id, request.body, stampOf(request));
    if (!department) return fail('not_found', `no department ${id}`);
    await changed(department);
    return { ok: true as const, department };
  });
}
