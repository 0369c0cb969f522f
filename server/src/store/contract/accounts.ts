import { DEFAULT_DEPARTMENT_SETTINGS } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './index.ts';

/** Directory, agents and visitors: configuration and who is who. */
export function accountsContract({ open }: ContractContext): void {
  describe('directory', () => {
    it('lists departments by position, then id, and never renames one on a repeat', async () => {
      const store = await open();
      const d = (id: string, en: string) => ({ id, name: { en, 'zh-CN': en } });
      await store.directory.ensureDepartment(d('b', 'B'), 1);
      await store.directory.ensureDepartment(d('c', 'C'), 0);
      await store.directory.ensureDepartment(d('a', 'A'), 1);
      await store.directory.ensureDepartment({ ...d('a', 'renamed'), enabled: false }, 9);
      const stored = (id: string, en: string) => ({ ...d(id, en), ...DEFAULT_DEPARTMENT_SETTINGS });
      expect(await store.directory.departments()).toEqual([
        stored('c', 'C'),
        stored('a', 'A'),
        stored('b', 'B'),
      ]);
    });

    it('finds a site by key; saving it again replaces only its origins', async () => {
      const store = await open();
      expect(await store.directory.siteByKey('k')).toBeNull();
      const site = { id: 's', key: 'k', name: 'Shop', allowedOrigins: ['https://a.example'] };
      await store.directory.saveSite(site, 0);
      expect(await store.directory.siteByKey('k')).toEqual(site);
      await store.directory.saveSite(
        { ...site, name: 'Other', allowedOrigins: ['https://b.example', 'https://c.example'] },
        1,
      );
      expect(await store.directory.siteByKey('k')).toEqual({
        ...site,
        allowedOrigins: ['https://b.example', 'https://c.example'],
      });
      await expect(store.directory.saveSite({ ...site, id: 's2' }, 2)).rejects.toThrow();
    });
  });

  describe('agents', () => {
    const ann = {
      id: 'a1',
      email: 'Ann@Example.com',
      name: 'Ann',
      role: 'supervisor' as const,
      passwordHash: 'scrypt$x',
      departments: ['t', 'p'],
    };
    // What comes back: no hash, departments sorted.
    const { passwordHash: _, ...rest } = ann;
    const expected = {
      ...rest,
      departments: ['p', 't'],
      capacity: 5,
      disabled: false,
      mustChangePassword: false,
    };

    async function withDepartments() {
      const store = await open();
      for (const id of ['p', 't']) {
        await store.directory.ensureDepartment({ id, name: { en: id, 'zh-CN': id } }, 0);
      }
      return store;
    }

    it('finds an agent by id or by email in any case, the hash only by email', async () => {
      const store = await withDepartments();
      expect(await store.agents.create(ann, 0)).toEqual(expected);
      expect(await store.agents.byId('a1')).toEqual(expected);
      expect(await store.agents.byEmail('ann@example.COM')).toEqual({
        ...expected,
        passwordHash: 'scrypt$x',
      });
      expect(await store.agents.byEmail('bob@example.com')).toBeNull();
      expect(await store.agents.byId('nobody')).toBeNull();
      expect(await store.agents.count()).toBe(1);
    });

    it('refuses a taken email or an unknown department, writing nothing', async () => {
      const store = await withDepartments();
      await store.agents.create(ann, 0);
      await expect(
        store.agents.create({ ...ann, id: 'a2', email: 'ANN@example.com' }, 0),
      ).rejects.toThrow();
      await expect(
        store.agents.create({ ...ann, id: 'a3', email: 'c@x', departments: ['p', 'nope'] }, 0),
      ).rejects.toThrow();
      expect(await store.agents.count()).toBe(1);
      expect(await store.agents.byId('a3')).toBeNull();
    });

    it('keeps a session until it expires or is deleted', async () => {
      const store = await withDepartments();
      await store.agents.create(ann, 0);
      await store.agents.createSession('t1', 'a1', 100, 50);
      expect((await store.agents.agentForSession('t1', 149))?.id).toBe('a1');
      expect(await store.agents.agentForSession('t1', 150)).toBeNull();
      expect(await store.agents.agentForSession('unknown', 100)).toBeNull();
      await store.agents.createSession('t2', 'a1', 100, 50);
      await store.agents.deleteSession('t2');
      await store.agents.deleteSession('t2');
      expect(await store.agents.agentForSession('t2', 120)).toBeNull();
    });

    it('signs an agent out everywhere when their password is set', async () => {
      const store = await withDepartments();
      await store.agents.create(ann, 0);
      await store.agents.create({ ...ann, id: 'a2', email: 'bob@x' }, 0);
      await store.agents.createSession('t1', 'a1', 0, 100);
      await store.agents.createSession('t2', 'a1', 0, 100);
      await store.agents.createSession('bob', 'a2', 0, 100);
      await store.agents.setPassword('a1', { passwordHash: 'scrypt$new', mustChange: false });
      expect((await store.agents.byEmail('ann@example.com'))?.passwordHash).toBe('scrypt$new');
      expect(await store.agents.agentForSession('t1', 1)).toBeNull();
      expect(await store.agents.agentForSession('t2', 1)).toBeNull();
      expect((await store.agents.agentForSession('bob', 1))?.id).toBe('a2');
      expect((await store.agents.byEmail('bob@x'))?.passwordHash).toBe('scrypt$x');
    });

    it('drops expired sessions when a new one is created', async () => {
      const store = await withDepartments();
      await store.agents.create(ann, 0);
      await store.agents.createSession('old', 'a1', 0, 10);
      await store.agents.createSession('new', 'a1', 20, 10);
      // Asked as of a time it was valid: it is gone all the same.
      expect(await store.agents.agentForSession('old', 5)).toBeNull();
      expect((await store.agents.agentForSession('new', 25))?.id).toBe('a1');
    });
  });

  describe('visitors', () => {
    it('finds a visitor by token hash within their site only', async () => {
      const store = await open();
      for (const id of ['s1', 's2']) {
        await store.directory.saveSite({ id, key: id, name: id, allowedOrigins: [] }, 0);
      }
      expect(await store.visitors.create('V1', 's1', 'h1', 0)).toEqual({
        id: 'V1',
        siteId: 's1',
        name: null,
      });
      expect(await store.visitors.byToken('s1', 'h1', 5)).toEqual({
        id: 'V1',
        siteId: 's1',
        name: null,
      });
      expect(await store.visitors.byToken('s2', 'h1', 5)).toBeNull();
      expect(await store.visitors.byToken('s1', 'h2', 5)).toBeNull();
      await expect(store.visitors.create('V2', 's1', 'h1', 0)).rejects.toThrow();
      await expect(store.visitors.create('V3', 'nope', 'h3', 0)).rejects.toThrow();
      await store.visitors.setName('V1', '王芳');
      expect(await store.visitors.byToken('s1', 'h1', 6)).toMatchObject({ name: '王芳' });
    });
  });
}
