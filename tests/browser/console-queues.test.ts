/**
 * The console's queue board and its sign-out: staff see how many wait and for how
 * long, live; signing out with open chats asks first, because it requeues them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chattingVisitor, stored } from '../routing-peers.ts';
import {
  agentOnline,
  LABELS,
  type Stage,
  snap,
  startStage,
  UI_TIMEOUT,
  type UiLocale,
} from './browser.ts';

const TEXT = {
  en: {
    queues: 'Queues',
    waiting: /^1 waiting · longest \d+ sec$/,
    empty: 'nobody waiting',
    signOut: 'Sign out',
    cancel: 'Cancel',
    confirmTitle: 'Sign out with open chats?',
  },
  'zh-CN': {
    queues: '排队概况',
    waiting: /^1 人排队 · 最长 \d+秒$/,
    empty: '无人排队',
    signOut: '退出登录',
    cancel: '取消',
    confirmTitle: '还有进行中的会话，确定退出？',
  },
} as const;

let stage: Stage;
beforeAll(async () => {
  stage = await startStage();
});
afterAll(async () => {
  await stage?.close();
});

const board = (page: Page, locale: UiLocale) =>
  page.getByRole('region', { name: TEXT[locale].queues, exact: true });

describe.each(['en', 'zh-CN'] as const)('queue board and sign-out (%s)', (locale) => {
  const L = LABELS[locale];
  const T = TEXT[locale];

  it('shows a waiting visitor live, and asks before signing out with open chats', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => stage.snapAll(`queues-${locale}-failed`));
    const agent = await stage.newPage(locale);
    await agentOnline(agent, stage.hub, L);
    // Away, so the visitor waits and the board shows them.
    await agent.getByRole('combobox', { name: L.status }).selectOption({ value: 'away' });
    const preSales = board(agent, locale).getByRole('listitem').filter({ hasText: L.preSales });
    await expect.poll(() => preSales.textContent(), { timeout: UI_TIMEOUT }).toContain(T.empty);

    const visitor = await chattingVisitor(stage.hub, 'pre_sales');
    try {
      await expect
        .poll(async () => (await preSales.locator('.queue-figures').textContent()) ?? '', {
          timeout: UI_TIMEOUT,
        })
        .toMatch(T.waiting);
      await snap(agent, `queues-${locale}-board`);

      // Online: the chat is theirs and the queue empties.
      await agent.getByRole('combobox', { name: L.status }).selectOption({ value: 'online' });
      await expect.poll(() => preSales.textContent(), { timeout: UI_TIMEOUT }).toContain(T.empty);
      await expect
        .poll(async () => (await stored(stage.hub, visitor.conversation.id)).status, {
          timeout: UI_TIMEOUT,
        })
        .toBe('assigned');

      // Sign out asks first; Cancel keeps everything as it was.
      await agent.getByRole('button', { name: T.signOut, exact: true }).click();
      const dialog = agent.getByRole('dialog', { name: T.confirmTitle });
      await dialog.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await snap(agent, `queues-${locale}-sign-out`);
      await dialog.getByRole('button', { name: T.cancel, exact: true }).click();
      await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
      expect((await stored(stage.hub, visitor.conversation.id)).status).toBe('assigned');

      // Confirmed: signed out, and the chat is back in the queue for others.
      await agent.getByRole('button', { name: T.signOut, exact: true }).click();
      await dialog.getByRole('button', { name: T.signOut, exact: true }).click();
      await agent
        .getByRole('button', { name: L.signIn, exact: true })
        .waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await expect
        .poll(async () => (await stored(stage.hub, visitor.conversation.id)).status, {
          timeout: UI_TIMEOUT,
        })
        .toBe('queued');
    } finally {
      visitor.socket.close();
    }
  });
});
