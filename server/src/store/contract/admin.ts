import {
  type BusinessHours,
  DEFAULT_DEPARTMENT_SETTINGS,
  type Department,
} from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import type { NewAgent } from '../agents.ts';
import { StoreConflict } from '../errors.ts';
import type { ContractContext } from './index.ts';

const names = (en: string) => ({ en, 'zh-CN': `${en}（中文）` });

const HOURS: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: {
    mon: [{ from: 540, to: 1080 }],
    tue: [{ from: 540, to: 1080 }],
    wed: [
      { from: 540, to: 720 },
      { from: 780, to: 1080 },
    ],
    thu: [{ from: 540, to: 1080 }],
    fri: [{ from: 540, to: 1080 }],
    sat: [],
    sun: [],
  },
  exceptions: { '2025-10-01': [], '2025-09-28': [{ from: 540, to: 1080 }] },
};

/** Departments' settings, and agents as admins manage them. */
export function adminContract({ open, peer }: ContractContext): void {
  describe('department settings', () => {
    it('gives a department the default settings unless it is created with its own', async () => {
      const store = await open();
      await store.directory.ensureDepartment({ id: 'pre', name: names('Pre') }, 0);
      await store.directory.ensureDepartment(
        { id: 'tech', name: names('Tech'), mode: 'manual', hours: HOURS, sla: null },
        1,
      );
      expect(await store.directory.departments()).toEqual([
        { id: 'pre', name: names('Pre'), ...DEFAULT_DEPARTMENT_SETTINGS },
        {
          id: 'tech',
          name: names('Tech'),
          ...DEFAULT_DEPARTMENT_SETTINGS,
          mode: 'manual',
          hours: HOURS,
          sla: null,
        },
      ]);
      expect(await store.directory.department('tech')).toMatchObject({ hours: HOURS });
      expect(await store.directory.department('nope')).toBeNull();
    });

    it('creates a department after the others, and refuses a taken id', async () => {
      const store = await open();
      await store.directory.ensureDepartment({ id: 'b', name: names('B') }, 5);
      await store.directory.ensureDepartment({ id: 'a', name: names('A') }, 7);
      const vip: Department = {
        id: 'vip',
        name: names('VIP'),
        enabled: false,
        mode: 'manual',
        sla: { firstResponseMs: 30_000, resolutionMs: 600_000 },
        hours: HOURS,
        maxQueue: 0,
        leaveMessage: false,
      };
      expect(await store.directory.createDepartment(vip)).toEqual(vip);
      expect(await store.directory.createDepartment({ id: 'c', name: names('C') })).toEqual({
        id: 'c',
        name: names('C'),
        ...DEFAULT_DEPARTMENT_SETTINGS,
      });
      expect((await store.directory.departments()).map((d) => d.id)).toEqual([
        'b',
        'a',
        'vip',
        'c',
      ]);
      const taken = store.directory.createDepartment({ id: 'a', name: names('Other') });
      await expect(taken).rejects.toBeInstanceOf(StoreConflict);
      await expect(taken).rejects.toMatchObject({ field: 'id' });
      expect(await store.directory.department('a')).toMatchObject({ name: names('A') });
    });

    it('changes only what a patch names; null clears, a missing field keeps', async () => {
      const store = await open();
      await store.directory.createDepartment({ id: 'd', name: names('D'), hours: HOURS });
      const renamed = await store.directory.updateDepartment('d', { name: { en: 'Billing' } });
      expect(renamed?.name).toEqual({ en: 'Billing', 'zh-CN': 'D（中文）' });
      expect(renamed?.hours).toEqual(HOURS);
      const changed = await store.directory.updateDepartment('d', {
        enabled: false,
        mode: 'manual',
        sla: null,
        hours: null,
        maxQueue: 3,
        leaveMessage: false,
      });
      const expected: Department = {
        id: 'd',
        name: { en: 'Billing', 'zh-CN': 'D（中文）' },
        enabled: false,
        mode: 'manual',
        sla: null,
        hours: null,
        maxQueue: 3,
        leaveMessage: false,
      };
      expect(changed).toEqual(expected);
      expect(await store.directory.department('d')).toEqual(expected);
      expect(await store.directory.updateDepartment('d', { enabled: true })).toEqual({
        ...expected,
        enabled: true,
      });
    });

    it('refuses to update an unknown department, creating nothing', async () => {
      const store = await open();
      expect(await store.directory.updateDepartment('ghost', { enabled: false })).toBeNull();
      expect(await store.directory.departments()).toEqual([]);
    });

    it('keeps both of two updates to different fields from two hubs', async () => {
      const one = await open();
      await one.directory.createDepartment({ id: 'd', name: names('D') });
      const two = await peer(one);
      await Promise.all([
        one.directory.updateDepartment('d', { maxQueue: 10 }),
        two.directory.updateDepartment('d', { name: { 'zh-CN': '账单' } }),
      ]);
      expect(await one.directory.department('d')).toMatchObject({
        maxQueue: 10,
        name: { en: 'D', 'zh-CN': '账单' },
      });
    });
  });

  describe('agent administration', () => {
    async function withDepartments() {
      const store = await open();
      for (const id of ['p', 't', 'x']) {
        await store.directory.ensureDepartment({ id, name: names(id) }, 0);
      }
      return store;
    }
    const agent = (id: string, over: Partial<NewAgent> = {}): NewAgent => ({
      id,
      email: `${id}@example.com`,
      name: id.toUpperCase(),
      role: 'agent',
      passwordHash: 'scrypt$x',
      departments: ['p'],
      ...over,
    });
    const adminNamed = (id: string): NewAgent => agent(id, { role: 'admin' });

    it('creates agents with a capacity (default 5), enabled, and lists all by name', async () => {
      const store = await withDepartments();
      expect(await store.agents.create(agent('b1', { name: 'Bo', capacity: 2 }), 0)).toEqual({
        id: 'b1',
        email: 'b1@example.com',
        name: 'Bo',
        role: 'agent',
        departments: ['p'],
        capacity: 2,
        disabled: false,
        mustChangePassword: false,
      });
      await store.agents.create(agent('a2', { name: 'Al', departments: ['t', 'p'] }), 0);
      await store.agents.create(agent('a1', { name: 'Al' }), 0);
      const listed = await store.agents.list();
      expect(listed.map((a) => [a.id, a.capacity])).toEqual([
        ['a1', 5],
        ['a2', 5],
        ['b1', 2],
      ]);
      expect(listed[1]?.departments).toEqual(['p', 't']);
      expect(await store.agents.byId('b1')).toEqual(listed[2]);
    });

    it('rejects a taken email or id with StoreConflict, naming which', async () => {
      const store = await withDepartments();
      await store.agents.create(agent('a1'), 0);
      const email = store.agents.create(agent('a2', { email: 'A1@example.COM' }), 0);
      await expect(email).rejects.toBeInstanceOf(StoreConflict);
      await expect(email).rejects.toMatchObject({ field: 'email' });
      const id = store.agents.create(agent('a1', { email: 'new@example.com' }), 0);
      await expect(id).rejects.toMatchObject({ field: 'id' });
      expect(await store.agents.count()).toBe(1);
    });

    it('updates only what the patch names, replacing departments whole', async () => {
      const store = await withDepartments();
      await store.agents.create(agent('a1', { departments: ['p', 't'] }), 0);
      const updated = await store.agents.update('a1', {
        name: 'Ann',
        role: 'supervisor',
        capacity: 8,
        departments: ['x'],
      });
      expect(updated).toEqual({
        ok: true,
        agent: {
          id: 'a1',
          email: 'a1@example.com',
          name: 'Ann',
          role: 'supervisor',
          departments: ['x'],
          capacity: 8,
          disabled: false,
          mustChangePassword: false,
        },
      });
      expect(await store.agents.update('a1', { capacity: 1 })).toMatchObject({
        ok: true,
        agent: { name: 'Ann', departments: ['x'], capacity: 1 },
      });
      expect(await store.agents.update('a1', { departments: [] })).toMatchObject({
        agent: { departments: [] },
      });
      expect(await store.agents.update('nobody', { name: 'X' })).toEqual({
        ok: false,
        code: 'not_found',
      });
    });

    it('writes nothing of an update that names an unknown department', async () => {
      const store = await withDepartments();
      await store.agents.create(agent('a1', { departments: ['p', 't'] }), 0);
      await expect(
        store.agents.update('a1', { name: 'Changed', departments: ['x', 'nope'] }),
      ).rejects.toThrow();
      expect(await store.agents.byId('a1')).toMatchObject({ name: 'A1', departments: ['p', 't'] });
    });

    it('signs a disabled agent out everywhere, for good, until enabled again', async () => {
      const store = await withDepartments();
      await store.agents.create(agent('a1'), 0);
      await store.agents.create(agent('a2'), 0);
      await store.agents.createSession('s1', 'a1', 0, 1000);
      await store.agents.createSession('s2', 'a1', 0, 1000);
      await store.agents.createSession('other', 'a2', 0, 1000);
      expect(await store.agents.update('a1', { disabled: true })).toMatchObject({
        ok: true,
        agent: { disabled: true },
      });
      expect(await store.agents.agentForSession('s1', 1)).toBeNull();
      expect(await store.agents.agentForSession('s2', 1)).toBeNull();
      expect((await store.agents.agentForSession('other', 1))?.id).toBe('a2');
      // A session made after the change (a sign-in that raced it) is no way back in.
      await store.agents.createSession('late', 'a1', 2, 1000);
      expect(await store.agents.agentForSession('late', 3)).toBeNull();
      // Sign-in still finds them, to tell them they are disabled.
      expect(await store.agents.byEmail('a1@example.com')).toMatchObject({ disabled: true });
      await store.agents.update('a1', { disabled: false });
      expect(await store.agents.agentForSession('s1', 4)).toBeNull();
      await store.agents.createSession('s3', 'a1', 4, 1000);
      expect((await store.agents.agentForSession('s3', 5))?.id).toBe('a1');
    });

    it('ends every session of one agent only', async () => {
      const store = await withDepartments();
      await store.agents.create(agent('a1'), 0);
      await store.agents.create(agent('a2'), 0);
      await store.agents.createSession('s1', 'a1', 0, 1000);
      await store.agents.createSession('s2', 'a1', 0, 1000);
      await store.agents.createSession('other', 'a2', 0, 1000);
      await store.agents.deleteSessionsOf('a1');
      await store.agents.deleteSessionsOf('nobody');
      expect(await store.agents.agentForSession('s1', 1)).toBeNull();
      expect(await store.agents.agentForSession('s2', 1)).toBeNull();
      expect((await store.agents.agentForSession('other', 1))?.id).toBe('a2');
    });

    it('never leaves the hub without an enabled admin', async () => {
      const store = await withDepartments();
      await store.agents.create(adminNamed('root'), 0);
      await store.agents.createSession('s', 'root', 0, 1000);
      const refused = { ok: false, code: 'invalid_state' };
      expect(await store.agents.update('root', { disabled: true, name: 'X' })).toEqual(refused);
      expect(await store.agents.update('root', { role: 'supervisor' })).toEqual(refused);
      // Nothing of a refused change is written, its sessions included.
      expect(await store.agents.byId('root')).toMatchObject({ name: 'ROOT', role: 'admin' });
      expect((await store.agents.agentForSession('s', 1))?.id).toBe('root');
      // With a second admin, either may go, but not both.
      await store.agents.create(adminNamed('second'), 0);
      expect(await store.agents.update('root', { role: 'agent' })).toMatchObject({ ok: true });
      expect(await store.agents.update('second', { disabled: true })).toEqual(refused);
      // A disabled admin does not count.
      await store.agents.create(adminNamed('third'), 0);
      await store.agents.update('third', { disabled: true });
      expect(await store.agents.update('second', { role: 'qa' })).toEqual(refused);
      expect(await store.agents.update('second', { name: 'Still admin' })).toMatchObject({
        ok: true,
      });
    });

    it('refuses one of two hubs disabling the last two admins at once', async () => {
      const one = await withDepartments();
      await one.agents.create(adminNamed('r1'), 0);
      await one.agents.create(adminNamed('r2'), 0);
      const two = await peer(one);
      const results = await Promise.all([
        one.agents.update('r1', { disabled: true }),
        two.agents.update('r2', { disabled: true }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'invalid_state' }]);
      const admins = (await one.agents.list()).filter((a) => a.role === 'admin' && !a.disabled);
      expect(admins).toHaveLength(1);
    });
  });
}
