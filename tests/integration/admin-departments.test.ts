/**
 * The admin HTTP API for departments over a real hub: settings as admins set them,
 * and a new department as visitors and agents meet it.
 */
import {
  type AgentProfile,
  type BusinessHours,
  DEFAULT_DEPARTMENT_SETTINGS,
  type Department,
} from '@switchboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api.ts';
import {
  ADMIN,
  call,
  connectAgent,
  connectVisitor,
  expectOk,
  type Hub,
  signIn,
  startConversation,
  startHub,
} from '../harness.ts';

let hub: Hub;
let admin: string;
const sockets: { close(): void }[] = [];
beforeEach(async () => {
  hub = await startHub();
  admin = await signIn(hub, ADMIN.email, ADMIN.password);
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub.close();
});

type DepartmentReply = { department: Department };
const office = [
  { from: 540, to: 720 },
  { from: 780, to: 1080 },
];
const HOURS: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  exceptions: { '2025-10-01': [], '2025-09-28': office },
};
const billing = { id: 'billing', name: { en: 'Billing', 'zh-CN': '账单' } };

const topics = async () =>
  (
    await api<{ departments: { id: string; name: object }[] }>(
      hub,
      'GET',
      '/api/widget/config?site=demo',
    )
  ).body.departments;

describe('departments', () => {
  it('lists the seeded departments with their starting settings', async () => {
    const list = await api<{ departments: Department[] }>(hub, 'GET', '/api/departments', {
      cookie: admin,
    });
    expect(list.body.departments.map((d) => d.id)).toEqual([
      'pre_sales',
      'post_sales',
      'technical',
    ]);
    for (const d of list.body.departments) expect(d).toMatchObject(DEFAULT_DEPARTMENT_SETTINGS);
  });

  it('creates one, listed last, offered to visitors; an id is taken once', async () => {
    const created = await api<DepartmentReply>(hub, 'POST', '/api/departments', {
      cookie: admin,
      body: billing,
    });
    expect(created.status).toBe(201);
    expect(created.body.department).toEqual({ ...billing, ...DEFAULT_DEPARTMENT_SETTINGS });
    expect((await topics()).at(-1)).toEqual(billing);

    const again = await api(hub, 'POST', '/api/departments', {
      cookie: admin,
      body: { ...billing, name: { en: 'Other', 'zh-CN': '其他' } },
    });
    expect([again.status, again.body.error?.code]).toEqual([409, 'already_exists']);
    expect(again.body.error?.message).toMatch(/^body\/id/);
  });

  it('renames, sets hours and SLA, disables: visitors are offered enabled ones only', async () => {
    await api(hub, 'POST', '/api/departments', { cookie: admin, body: billing });
    const changed = await api<DepartmentReply>(hub, 'PATCH', '/api/departments/billing', {
      cookie: admin,
      body: {
        name: { 'zh-CN': '账务' },
        mode: 'manual',
        hours: HOURS,
        sla: { firstResponseMs: 60_000, resolutionMs: 3_600_000 },
        maxQueue: 20,
        leaveMessage: false,
      },
    });
    expect(changed.status).toBe(200);
    const expected: Department = {
      id: 'billing',
      name: { en: 'Billing', 'zh-CN': '账务' },
      enabled: true,
      mode: 'manual',
      sla: { firstResponseMs: 60_000, resolutionMs: 3_600_000 },
      hours: HOURS,
      maxQueue: 20,
      leaveMessage: false,
    };
    expect(changed.body.department).toEqual(expected);
    expect(await hub.store.directory.department('billing')).toEqual(expected);

    const cleared = await api<DepartmentReply>(hub, 'PATCH', '/api/departments/billing', {
      cookie: admin,
      body: { sla: null, hours: null, maxQueue: null, enabled: false },
    });
    expect(cleared.body.department).toEqual({
      ...expected,
      sla: null,
      hours: null,
      maxQueue: null,
      enabled: false,
    });
    expect((await topics()).map((d) => d.id)).toEqual(['pre_sales', 'post_sales', 'technical']);
    await api(hub, 'PATCH', '/api/departments/technical', {
      cookie: admin,
      body: { enabled: false },
    });
    expect((await topics()).map((d) => d.id)).toEqual(['pre_sales', 'post_sales']);
  });

  it('keeps a queue limit of 0 (leave-a-message only) apart from none', async () => {
    const set = async (maxQueue: number | null) =>
      (
        await api<DepartmentReply>(hub, 'PATCH', '/api/departments/technical', {
          cookie: admin,
          body: { maxQueue },
        })
      ).body.department.maxQueue;
    expect(await set(0)).toBe(0);
    expect(await set(null)).toBeNull();
    expect(await set(0)).toBe(0);
    expect((await hub.store.directory.department('technical'))?.maxQueue).toBe(0);
  });

  it('a new department takes conversations, assigned to its own agent', async () => {
    await api(hub, 'POST', '/api/departments', { cookie: admin, body: billing });
    const { agent, password } = (
      await api<{ agent: AgentProfile; password: string }>(hub, 'POST', '/api/agents', {
        cookie: admin,
        body: {
          email: 'billing@example.com',
          name: 'Zhou Min',
          role: 'agent',
          departments: ['billing'],
        },
      })
    ).body;
    // The generated password is temporary: they choose their own first.
    const cookie = await signIn(hub, agent.email, password);
    const changed = await api(hub, 'POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: password, newPassword: 'zhou-min-chose-this' },
    });
    expect(changed.status).toBe(200);
    const { socket, hello } = await connectAgent(hub, cookie);
    sockets.push(socket);
    expect(hello.departments.map((d) => d.id)).toContain('billing');
    expectOk(await call(socket, 'agent:status', { status: 'online' }));

    const visitor = await connectVisitor(hub);
    sockets.push(visitor.socket);
    const conversation = await startConversation(visitor.socket, 'billing');
    expect(conversation).toMatchObject({ department: 'billing', assigneeId: agent.id });
  });

  it('answers an unknown department with 404, and a malformed id with 400', async () => {
    const unknown = await api(hub, 'PATCH', '/api/departments/nope', {
      cookie: admin,
      body: { enabled: false },
    });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'not_found']);
    const malformed = await api(hub, 'PATCH', '/api/departments/No-Such', {
      cookie: admin,
      body: { enabled: false },
    });
    expect([malformed.status, malformed.body.error?.code]).toEqual([400, 'invalid_payload']);
    expect(malformed.body.error?.message).toMatch(/^params\/id /);
    expect(await hub.store.directory.department('nope')).toBeNull();
  });
});

describe('bad department bodies', () => {
  const withHours = (hours: unknown) => ({ ...billing, hours });
  const monday = (mon: unknown) => withHours({ ...HOURS, weekly: { ...HOURS.weekly, mon } });
  const cases: [string, Record<string, unknown>, string][] = [
    ['an id with capitals', { ...billing, id: 'Billing' }, 'body/id '],
    ['no zh-CN name', { ...billing, name: { en: 'Billing' } }, 'body/name/zh-CN is required'],
    ['a blank name', { ...billing, name: { en: ' ', 'zh-CN': '账单' } }, 'body/name/en '],
    ['an unknown mode', { ...billing, mode: 'round_robin' }, 'body/mode '],
    // JSON bodies are taken as sent: null is no false.
    ['a switch set to null', { ...billing, enabled: null }, 'body/enabled '],
    ['half an SLA', { ...billing, sla: { firstResponseMs: 60_000 } }, 'body/sla'],
    ['a negative queue limit', { ...billing, maxQueue: -1 }, 'body/maxQueue '],
    [
      'a made-up time zone',
      withHours({ ...HOURS, timeZone: 'Asia/Atlantis' }),
      'body/hours/timeZone ',
    ],
    [
      'a missing weekday',
      withHours({ ...HOURS, weekly: { mon: office } }),
      'body/hours/weekly/tue is required',
    ],
    ['minutes past midnight', monday([{ from: 540, to: 1500 }]), 'body/hours/weekly/mon/0/to '],
    ['an interval that ends first', monday([{ from: 600, to: 540 }]), 'body/hours/weekly/mon/0 '],
    [
      'overlapping intervals',
      monday([
        { from: 540, to: 800 },
        { from: 780, to: 900 },
      ]),
      'body/hours/weekly/mon/1 ',
    ],
    [
      'a date that does not exist',
      withHours({ ...HOURS, exceptions: { '2025-02-30': [] } }),
      'body/hours/exceptions/2025-02-30 ',
    ],
    [
      'a date in another format',
      withHours({ ...HOURS, exceptions: { '1 Oct': [] } }),
      'body/hours/exceptions/1 Oct is not a date',
    ],
  ];

  it.each(cases)('refuses %s, naming the field', async (_, body, field) => {
    const reply = await api(hub, 'POST', '/api/departments', { cookie: admin, body });
    expect([reply.status, reply.body.error?.code]).toEqual([400, 'invalid_payload']);
    expect(reply.body.error?.message).toContain(field);
    expect(reply.body.error?.message.startsWith(field.trimEnd())).toBe(true);
    expect(await hub.store.directory.department('billing')).toBeNull();
  });

  it('refuses the same in an update, changing nothing', async () => {
    const reply = await api(hub, 'PATCH', '/api/departments/technical', {
      cookie: admin,
      body: { maxQueue: 5, hours: { ...HOURS, timeZone: 'Nowhere/Land' } },
    });
    expect([reply.status, reply.body.error?.code]).toEqual([400, 'invalid_payload']);
    expect(reply.body.error?.message).toMatch(/^body\/hours\/timeZone /);
    expect(await hub.store.directory.department('technical')).toMatchObject({
      maxQueue: null,
      hours: null,
    });
  });
});
