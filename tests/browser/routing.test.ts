/**
 * Routing as visitors and agents meet it in their browsers: leave-a-message when
 * nobody is online and the answer read on the next visit, a queue position that moves
 * when an agent at capacity frees up, an agent's Online that survives a reload, and
 * the notice a visitor gets when their agent drops out.
 */
import type { AgentProfile } from '@switchboard/shared';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../api.ts';
import { ADMIN, type Hub, nanoid, signIn } from '../harness.ts';
import {
  agentOnline,
  expectRows,
  LABELS,
  type Labels,
  LIVE_TIMEOUT,
  openChat,
  type Stage,
  snapChat,
  startStage,
  UI_TIMEOUT,
  type UiLocale,
} from './browser.ts';

/** What the widget says (not names of controls, which LABELS holds). */
const SAYS = {
  en: {
    noAgent: 'No agent is online right now.',
    nameRequired: 'Enter your name.',
    emailInvalid: 'Enter an email address like name@example.com.',
    messageSent: 'Message sent',
    position: (n: number) => `You are number ${n} in line`,
    waitUnknown: 'Estimated wait: unknown',
    joined: 'Admin joined',
    ended: 'This conversation has ended',
    requeued: 'Your agent was disconnected. You are back in line, ahead of new arrivals.',
    queueFull: 'Too many people are waiting right now.',
    pickTopic: 'How can we help?',
  },
  'zh-CN': {
    noAgent: '当前没有客服在线。',
    nameRequired: '请填写您的姓名。',
    emailInvalid: '请输入有效的邮箱地址，例如 name@example.com。',
    messageSent: '留言已提交',
    position: (n: number) => `您当前排在第 ${n} 位`,
    waitUnknown: '预计等待时间：未知',
    joined: 'Admin 已加入',
    ended: '本次对话已结束',
    requeued: '客服连接已断开，您已优先回到队列，排在新访客之前。',
    queueFull: '当前排队人数已满。',
    pickTopic: '请问需要什么帮助？',
  },
} as const;

const LOCALES: readonly UiLocale[] = ['en', 'zh-CN'];

// Each test gets its own hub and browser. The last one stays up until the next test
// starts (or the file ends), so onTestFailed can still screenshot its pages.
let stage: Stage | undefined;
afterAll(async () => {
  await stage?.close();
});

async function start(options: Parameters<typeof startStage>[0] = {}): Promise<Stage> {
  await stage?.close();
  stage = await startStage(options);
  return stage;
}

/** A visitor on the demo page with the chat open and a topic picked. */
async function visitorAt(s: Stage, locale: UiLocale): Promise<{ page: Page; chat: FrameLocator }> {
  const page = await s.newPage(locale);
  await page.goto(`${s.hub.url}/`);
  const chat = await openChat(page, LABELS[locale]);
  await chat.getByRole('button', { name: LABELS[locale].preSales, exact: true }).click();
  return { page, chat };
}

async function write(chat: FrameLocator, L: Labels, text: string): Promise<void> {
  const box = chat.getByRole('textbox', { name: L.message, exact: true });
  await box.fill(text);
  await box.press('Enter');
  await expectRows(chat.getByRole('log', { name: L.widgetLog }), [text], L);
}

/** The queue's status region once it shows this text. */
function queueStatus(chat: FrameLocator, text: string) {
  return chat.getByRole('status').filter({ hasText: text });
}

async function visible(locator: { waitFor(o: object): Promise<void> }, timeout = UI_TIMEOUT) {
  await locator.waitFor({ state: 'visible', timeout });
}

async function adminCookie(hub: Hub): Promise<string> {
  return signIn(hub, ADMIN.email, ADMIN.password);
}

async function setAdminCapacity(hub: Hub, capacity: number): Promise<void> {
  const cookie = await adminCookie(hub);
  const { body } = await api<{ agents: AgentProfile[] }>(hub, 'GET', '/api/agents', { cookie });
  const admin = body.agents.find((a) => a.email === ADMIN.email);
  if (!admin) throw new Error('no admin');
  const patched = await api(hub, 'PATCH', `/api/agents/${admin.id}`, {
    cookie,
    body: { capacity },
  });
  expect(patched.status).toBe(200);
}

describe.each(LOCALES)('leave-a-message (%s)', (locale) => {
  const L = LABELS[locale];
  const say = SAYS[locale];

  it('with no agent online the visitor leaves a message, and reads the answer on a later visit', async ({
    onTestFailed,
  }) => {
    const s = await start();
    onTestFailed(() => s.snapAll(`routing-leave-${locale}-failed`));
    const body = `${locale === 'en' ? 'My parcel has not arrived' : '我的订单还没有发货'} ${nanoid(5)}`;
    const reply = `${locale === 'en' ? 'It left today, tracking SF123' : '今天已发货，单号 SF123'} ${nanoid(5)}`;

    // The picked topic is named, with what the visitor can do while nobody is online.
    const { page: visitor, chat } = await visitorAt(s, locale);
    await visible(chat.getByRole('heading', { name: L.preSales, exact: true }));
    await visible(chat.getByText(say.noAgent));
    await snapChat(visitor, L, `routing-topic-unstaffed-${locale}`);
    await chat.getByRole('button', { name: L.leaveMessage, exact: true }).click();

    // Problems are told before anything is sent, and the focus goes to the first.
    const name = chat.getByRole('textbox', { name: L.name, exact: true });
    const email = chat.getByRole('textbox', { name: L.email, exact: true });
    const message = chat.getByRole('textbox', { name: L.yourMessage, exact: true });
    const send = chat.getByRole('button', { name: L.sendMessage, exact: true });
    await send.click();
    await visible(chat.getByText(say.nameRequired));
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill(locale === 'en' ? 'Li Lei' : '李雷');
    await email.fill('lilei');
    await message.fill(body);
    await send.click();
    await visible(chat.getByText(say.emailInvalid));
    await snapChat(visitor, L, `routing-leave-form-problems-${locale}`);
    await email.fill('lilei@example.com');
    await send.click();

    // Sent: the transcript holds it, with the confirmation.
    const log = chat.getByRole('log', { name: L.widgetLog });
    await expectRows(log, [body], L);
    await visible(chat.getByRole('status').filter({ hasText: say.messageSent }));
    await snapChat(visitor, L, `routing-leave-sent-${locale}`);

    // Later an agent signs in, finds it under Waiting, claims it and answers.
    const agent = await s.newPage(locale);
    await agentOnline(agent, s.hub, L);
    await agent.getByRole('button', { name: body }).click();
    await agent.getByRole('button', { name: L.claim, exact: true }).click();
    const replyBox = agent.getByRole('textbox', { name: L.message, exact: true });
    await replyBox.fill(reply);
    await agent.getByRole('button', { name: L.send, exact: true }).click();
    await expectRows(agent.getByRole('list', { name: L.consoleTranscript }), [body, reply], L);

    // The visitor comes back (a new page load, the same visitor) and reads the answer.
    await visitor.goto(`${s.hub.url}/`);
    let again = await openChat(visitor, L);
    await expectRows(again.getByRole('log', { name: L.widgetLog }), [body, reply], L);
    await snapChat(visitor, L, `routing-leave-answered-${locale}`);

    // Answered and resolved at once, as left messages often are: still read next time.
    await agent.getByRole('button', { name: L.resolve, exact: true }).click();
    await visitor.goto(`${s.hub.url}/`);
    again = await openChat(visitor, L);
    await expectRows(again.getByRole('log', { name: L.widgetLog }), [body, reply], L);
    await visible(again.getByText(say.ended));
    await visible(again.getByRole('button', { name: L.startNew, exact: true }));
  });
});

// The Chinese names here; the English ones of the same panel in the next block.
describe('queue position (zh-CN)', () => {
  const locale = 'zh-CN';
  const L = LABELS[locale];
  const say = SAYS[locale];

  it('with one agent of capacity 1, the next visitors see their place move up as chats end', async ({
    onTestFailed,
  }) => {
    const s = await start();
    onTestFailed(() => s.snapAll(`routing-queue-${locale}-failed`));
    await setAdminCapacity(s.hub, 1);
    const agent = await s.newPage(locale);
    await agentOnline(agent, s.hub, L);

    const first = await visitorAt(s, locale);
    await visible(first.chat.getByRole('heading', { name: L.preSales, exact: true }));
    await snapChat(first.page, L, `routing-topic-open-${locale}`);
    const a = `A ${nanoid(5)}`;
    await write(first.chat, L, a);
    await visible(first.chat.getByText(say.joined));

    // The agent is full: the second visitor waits first in line, the third second.
    const second = await visitorAt(s, locale);
    await write(second.chat, L, `B ${nanoid(5)}`);
    const secondWaits = queueStatus(second.chat, say.position(1));
    await visible(secondWaits);
    expect(await secondWaits.textContent()).toContain(say.waitUnknown);
    await snapChat(second.page, L, `routing-queued-${locale}`);
    const third = await visitorAt(s, locale);
    await write(third.chat, L, `C ${nanoid(5)}`);
    await visible(queueStatus(third.chat, say.position(2)));
    // A reload forgets nothing of it: the frame hears its place again when it syncs.
    await third.page.reload();
    third.chat = await openChat(third.page, L);
    await visible(queueStatus(third.chat, say.position(2)));

    // The agent resolves the first chat: the second visitor is assigned, the third moves up.
    await agent.getByRole('button', { name: a }).click();
    await agent.getByRole('button', { name: L.resolve, exact: true }).click();
    await visible(second.chat.getByText(say.joined), LIVE_TIMEOUT);
    expect(await second.chat.getByRole('button', { name: L.leaveQueue }).count()).toBe(0);
    await visible(queueStatus(third.chat, say.position(1)), LIVE_TIMEOUT);

    // The third stops waiting: the conversation ends, and a new one is one click away.
    await third.chat.getByRole('button', { name: L.leaveQueue, exact: true }).click();
    await visible(third.chat.getByText(say.ended));
    await snapChat(third.page, L, `routing-left-queue-${locale}`);
    await third.chat.getByRole('button', { name: L.startNew, exact: true }).click();
    await visible(third.chat.getByText(say.pickTopic));
  });
});

describe.each(LOCALES)('requeued (%s)', (locale) => {
  const L = LABELS[locale];
  const say = SAYS[locale];

  it('a visitor whose agent dropped out is told, is next in line, and may leave a message', async ({
    onTestFailed,
  }) => {
    const s = await start({ hub: { config: { agentGraceMs: 500 } } });
    onTestFailed(() => s.snapAll(`routing-requeued-${locale}-failed`));
    const agent = await s.newPage(locale);
    await agentOnline(agent, s.hub, L);
    const { page, chat } = await visitorAt(s, locale);
    const hello = `Hello ${nanoid(5)}`;
    const later = `Please email me the price list ${nanoid(5)}`;
    await write(chat, L, hello);
    await visible(chat.getByText(say.joined));

    // The console goes away and does not come back within the grace period.
    await agent.context().close();
    const told = queueStatus(chat, say.requeued);
    await visible(told);
    expect(await told.textContent()).toContain(say.position(1));
    await snapChat(page, L, `routing-requeued-${locale}`);

    // Rather than wait on, the visitor leaves a message in the same conversation.
    await chat.getByRole('button', { name: L.leaveMessage, exact: true }).click();
    await snapChat(page, L, `routing-leave-instead-${locale}`);
    await chat.getByRole('textbox', { name: L.name, exact: true }).fill('Li Lei');
    await chat.getByRole('textbox', { name: L.email, exact: true }).fill('lilei@example.com');
    await chat.getByRole('textbox', { name: L.yourMessage, exact: true }).fill(later);
    await chat.getByRole('button', { name: L.sendMessage, exact: true }).click();
    await expectRows(chat.getByRole('log', { name: L.widgetLog }), [hello, later], L);
    await visible(chat.getByRole('status').filter({ hasText: say.messageSent }));
    expect(await chat.getByRole('button', { name: L.leaveQueue }).count()).toBe(0);
  });
});

describe('leave-a-message instead of chat (zh-CN)', () => {
  const locale = 'zh-CN';
  const L = LABELS[locale];
  const say = SAYS[locale];

  it('a department whose queue is full takes a message instead of a chat', async () => {
    const s = await start();
    const cookie = await adminCookie(s.hub);
    const full = await api(s.hub, 'PATCH', '/api/departments/pre_sales', {
      cookie,
      body: { maxQueue: 0 },
    });
    expect(full.status).toBe(200);
    const { page, chat } = await visitorAt(s, locale);
    await visible(chat.getByText(say.queueFull));
    await visible(chat.getByRole('textbox', { name: L.yourMessage, exact: true }));
    expect(await chat.getByRole('textbox', { name: L.message, exact: true }).count()).toBe(0);
    await snapChat(page, L, `routing-leave-queue-full-${locale}`);
  });
});

describe('agent status', () => {
  const L = LABELS.en;

  it('an agent set Online who reloads the console is still Online, and is assigned chats', async ({
    onTestFailed,
  }) => {
    const s = await start();
    onTestFailed(() => s.snapAll('routing-status-failed'));
    const agent = await s.newPage('en');
    await agentOnline(agent, s.hub, L);
    await agent.reload();
    const status = agent.getByRole('combobox', { name: L.status });
    await visible(status);
    // The control reads what the hub says after the reload, never a default.
    await expect.poll(() => status.inputValue(), { timeout: UI_TIMEOUT }).toBe('online');

    const { chat } = await visitorAt(s, 'en');
    const text = `After the reload ${nanoid(5)}`;
    await write(chat, L, text);
    await visible(chat.getByText(SAYS.en.joined));
    await visible(agent.getByRole('region', { name: /Mine/ }).getByRole('button', { name: text }));
  });
});
