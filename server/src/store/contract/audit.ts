import type { AuditActor, AuditEntry } from '@switchboard/shared';
import { DEFAULT_DEPARTMENT_SETTINGS } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import type { NewAgent } from '../agents.ts';
import type { AuditStamp } from '../audit.ts';
import { StoreConflict, StoreInvalidCursor } from '../errors.ts';
import type { Store } from '../store.ts';
import type { ContractContext } from './index.ts';

const ROOT: AuditActor = { kind: 'agent', id: 'root', name: 'Root', role: 'admin' };
const OTHER: AuditActor = { kind: 'agent', id: 'boss', name: 'Boss', role: 'admin' };
const by = (at: number, actor: AuditActor = ROOT): AuditStamp => ({ actor, at });
const names = (en: string) => ({ en, 'zh-CN': `${en}（中文）` });
const HASH = 'scrypt$32768$8$1$c2FsdA$a2V5';

const agent = (id: string, over: Partial<NewAgent> = {}): NewAgent => ({
  id,
  email: `${id}@example.com`,
  name: id.toUpperCase(),
  role: 'agent',
  passwordHash: HASH,
  departments: ['p'],
  ...over,
});

/** Every entry, newest first, paging through the whole log. */
async function everything(store: Store): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.audit.list({ limit: 2, ...(cursor ? { cursor } : {}) });
    all.push(...page.entries);
    cursor = page.next ?? undefined;
  } while (cursor);
  return all;
}

const summary = (entries: AuditEntry[]) =>
  entries.map((e) => [e.action, e.target.id, e.actor.id, e.at]);

/** The audit log: written by the admin changes themselves, read a page at a time. */
export function auditContract({ open, peer }: ContractContext): void {
  describe('audit log', () => {
    async function withDepartments() {
      const store = await open();
      for (const id of ['p', 't']) {
        await store.directory.ensureDepartment({ id, name: names(id) }, 0);
      }
      return store;
    }

    it('records a created agent with every field but the password, and who did it', async () => {
      const store = await withDepartments();
      await store.agents.create(agent('a1', { capacity: 3, mustChangePassword: true }), 5, by(7));
      // Without a stamp (seeding, the first admin) nothing is recorded.
      await store.agents.create(agent('a2'), 5);
      const { entries, next } = await store.audit.list({ limit: 10 });
      expect(next).toBeNull();
      expect(entries).toEqual([
        {
          id: expect.any(String),
          at: 7,
          actor: ROOT,
          action: 'agent.created',
          target: { kind: 'agent', id: 'a1' },
          changes: {
            email: { from: null, to: 'a1@example.com' },
            name: { from: null, to: 'A1' },
            role: { from: null, to: 'agent' },
            departments: { from: null, to: ['p'] },
            capacity: { from: null, to: 3 },
            disabled: { from: null, to: false },
            mustChangePassword: { from: null, to: true },
          },
        },
      ]);
      expect(JSON.stringify(entries)).not.toContain('scrypt');
    });

    it('records what an update changed, before → after, and names disabling and enabling', async () => {
      const store = await withDepartments();
      await store.agents.create(agent('a1'), 0);
      await store.agents.update('a1', { capacity: 8, departments: ['t', 'p'], name: 'A1' }, by(1));
      await store.agents.update('a1', { disabled: true, role: 'qa' }, by(2, OTHER));
      await store.agents.update('a1', { disabled: false }, by(3));
      // Nothing changed, nothing recorded.
      await store.agents.update('a1', { capacity: 8 }, by(4));
      const entries = await everything(store);
      expect(summary(entries)).toEqual([
        ['agent.enabled', 'a1', 'root', 3],
        ['agent.disabled', 'a1', 'boss', 2],
        ['agent.updated', 'a1', 'root', 1],
      ]);
      expect(entries.map((e) => e.changes)).toEqual([
        { disabled: { from: true, to: false } },
        { disabled: { from: false, to: true }, role: { from: 'agent', to: 'qa' } },
        { capacity: { from: 5, to: 8 }, departments: { from: ['p'], to: ['p', 't'] } },
      ]);
    });

    it('records nothing of a refused or failed change', async () => {
      const store = await withDepartments();
      await store.agents.create(agent('root', { role: 'admin' }), 0);
      await store.agents.create(agent('a1'), 0);
      expect(await store.agents.update('root', { disabled: true }, by(1))).toMatchObject({
        ok: false,
      });
      expect(await store.agents.update('ghost', { capacity: 2 }, by(1))).toMatchObject({
        ok: false,
      });
      await expect(
        store.agents.update('a1', { name: 'X', departments: ['nope'] }, by(1)),
      ).rejects.toThrow();
      await expect(store.agents.create(agent('a1'), 0, by(1))).rejects.toBeInstanceOf(
        StoreConflict,
      );
      await expect(
        store.directory.createDepartment({ id: 'p', name: names('P') }, by(1)),
      ).rejects.toBeInstanceOf(StoreConflict);
      expect(await store.directory.updateDepartment('ghost', { maxQueue: 1 }, by(1))).toBeNull();
      expect(
        await store.agents.setPassword('ghost', {
          passwordHash: HASH,
          mustChange: true,
          audit: by(1),
        }),
      ).toBe(false);
      expect(await everything(store)).toEqual([]);
    });

    it('records a password reset or change, never the password, and keeps only the session asked', async () => {
      const store = await withDepartments();
      await store.agents.create(agent('a1'), 0);
      await store.agents.createSession('s1', 'a1', 0, 1000);
      await store.agents.createSession('s2', 'a1', 0, 1000);
      expect(
        await store.agents.setPassword('a1', {
          passwordHash: 'scrypt$reset',
          mustChange: true,
          audit: by(1),
        }),
      ).toBe(true);
      expect(await store.agents.byId('a1')).toMatchObject({ mustChangePassword: true });
      expect(await store.agents.agentForSession('s1', 2)).toBeNull();
      await store.agents.createSession('s3', 'a1', 2, 1000);
      await store.agents.createSession('s4', 'a1', 2, 1000);
      const self: AuditActor = { kind: 'agent', id: 'a1', name: 'A1', role: 'agent' };
      await store.agents.setPassword('a1', {
        passwordHash: 'scrypt$mine',
        mustChange: false,
        keepSession: 's3',
        audit: by(3, self),
      });
      expect((await store.agents.agentForSession('s3', 4))?.mustChangePassword).toBe(false);
      expect(await store.agents.agentForSession('s4', 4)).toBeNull();
      expect((await store.agents.byEmail('a1@example.com'))?.passwordHash).toBe('scrypt$mine');
      const entries = await everything(store);
      expect(summary(entries)).toEqual([
        ['agent.password_changed', 'a1', 'a1', 3],
        ['agent.password_reset', 'a1', 'root', 1],
      ]);
      expect(entries.map((e) => e.changes)).toEqual([{}, {}]);
      expect(JSON.stringify(entries)).not.toContain('scrypt');
    });

    it('records departments created and what an update changed', async () => {
      const store = await open();
      await store.directory.createDepartment({ id: 'd', name: names('D'), maxQueue: 4 }, by(1));
      await store.directory.updateDepartment(
        'd',
        { name: { en: 'Billing' }, maxQueue: null },
        by(2),
      );
      await store.directory.updateDepartment('d', { maxQueue: null }, by(3));
      const [updated, createdEntry] = await everything(store);
      expect(createdEntry).toMatchObject({
        action: 'department.created',
        target: { kind: 'department', id: 'd' },
        changes: {
          name: { from: null, to: names('D') },
          maxQueue: { from: null, to: 4 },
          sla: { from: null, to: DEFAULT_DEPARTMENT_SETTINGS.sla },
        },
      });
      expect(updated).toMatchObject({
        action: 'department.updated',
        at: 2,
        changes: {
          name: { from: names('D'), to: { en: 'Billing', 'zh-CN': 'D（中文）' } },
          maxQueue: { from: 4, to: null },
        },
      });
      expect(Object.keys(updated?.changes ?? {}).sort()).toEqual(['maxQueue', 'name']);
    });

    it('filters by actor, action and time range, and pages through each exactly once', async () => {
      const store = await withDepartments();
      for (let i = 1; i <= 7; i++) {
        await store.agents.create(agent(`a${i}`), 0, by(i * 10, i % 2 ? ROOT : OTHER));
      }
      await store.agents.update('a1', { capacity: 2 }, by(80));
      expect(summary(await everything(store)).map(([, id]) => id)).toEqual([
        'a1',
        'a7',
        'a6',
        'a5',
        'a4',
        'a3',
        'a2',
        'a1',
      ]);
      const ids = async (filter: Omit<Parameters<Store['audit']['list']>[0], 'limit'>) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.audit.list({
            ...filter,
            limit: 2,
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...page.entries.map((e) => `${e.action}:${e.target.id}`));
          cursor = page.next ?? undefined;
        } while (cursor);
        return seen;
      };
      expect(await ids({ actorId: 'boss' })).toEqual([
        'agent.created:a6',
        'agent.created:a4',
        'agent.created:a2',
      ]);
      expect(await ids({ action: 'agent.updated' })).toEqual(['agent.updated:a1']);
      expect(await ids({ since: 30, until: 60 })).toEqual([
        'agent.created:a5',
        'agent.created:a4',
        'agent.created:a3',
      ]);
      expect(await ids({ actorId: 'root', action: 'agent.created', since: 20 })).toEqual([
        'agent.created:a7',
        'agent.created:a5',
        'agent.created:a3',
      ]);
      expect(await ids({ actorId: 'nobody' })).toEqual([]);
    });

    it('keeps a page sequence whole while new entries arrive, and refuses a foreign cursor', async () => {
      const store = await withDepartments();
      for (let i = 1; i <= 4; i++) await store.agents.create(agent(`a${i}`), 0, by(i));
      const first = await store.audit.list({ limit: 2 });
      expect(first.entries.map((e) => e.target.id)).toEqual(['a4', 'a3']);
      await store.agents.create(agent('a5'), 0, by(5));
      const second = await store.audit.list({ limit: 2, cursor: first.next ?? '' });
      expect(second.entries.map((e) => e.target.id)).toEqual(['a2', 'a1']);
      expect(second.next).toBeNull();
      for (const cursor of ['x', '-1', '0', '1.5', '']) {
        await expect(store.audit.list({ limit: 2, cursor })).rejects.toBeInstanceOf(
          StoreInvalidCursor,
        );
      }
    });

    it('reads from one hub what another recorded', async () => {
      const one = await withDepartments();
      const two = await peer(one);
      await Promise.all([
        one.agents.create(agent('a1'), 0, by(1)),
        two.agents.create(agent('a2'), 0, by(2, OTHER)),
        two.directory.createDepartment({ id: 'd', name: names('D') }, by(3)),
      ]);
      for (const store of [one, two]) {
        const seen = (await everything(store)).map((e) => `${e.action}:${e.target.id}`).sort();
        expect(seen).toEqual(['agent.created:a1', 'agent.created:a2', 'department.created:d']);
      }
    });
  });
}
