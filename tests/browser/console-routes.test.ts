/**
 * The console's URLs: a conversation has a link an agent can paste, which opens it
 * after sign-in and on a reload; Back and Forward move between what was open; the top
 * bar lists the areas the signed-in role (here an admin) may use.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, nanoid } from '../harness.ts';
import {
  agentOnline,
  expectRows,
  LABELS,
  type Labels,
  openChat,
  type Stage,
  snap,
  startStage,
  UI_TIMEOUT,
  type UiLocale,
} from './browser.ts';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage();
});
afterAll(async () => {
  await stage?.close();
});

/** A visitor on the demo page starts a conversation with `text`. */
async function visitorWrites(text: string): Promise<void> {
  const visitor = await stage.newPage('en');
  await visitor.goto(`${stage.hub.url}/`);
  const chat = await openChat(visitor, LABELS.en);
  await chat.getByRole('button', { name: LABELS.en.preSales, exact: true }).click();
  const box = chat.getByRole('textbox', { name: LABELS.en.message, exact: true });
  await box.fill(text);
  await box.press('Enter');
}

async function signIn(page: Page, L: Labels): Promise<void> {
  await page.getByRole('textbox', { name: L.email }).fill(ADMIN.email);
  await page.getByLabel(L.password, { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: L.signIn, exact: true }).click();
}

const path = (page: Page) => new URL(page.url()).pathname;

describe('console routes', () => {
  it('deep link, reload, back and forward, and the areas an admin may use', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => stage.snapAll('console-routes-failed'));
    const L = LABELS.en;
    const first = `Where is my parcel? ${nanoid(5)}`;
    const agent = await stage.newPage('en');
    await agentOnline(agent, stage.hub, L);
    await visitorWrites(first);

    // Opening a conversation gives it its own URL.
    await agent.getByRole('button', { name: first }).click();
    await expect
      .poll(() => path(agent), { timeout: UI_TIMEOUT })
      .toMatch(/^\/console\/conversations\/[\w-]+$/);
    const link = agent.url();
    const transcript = agent.getByRole('list', { name: L.consoleTranscript, exact: true });
    await expectRows(transcript, [first], L);

    // Back closes it, Forward opens it again.
    await agent.goBack();
    await expect.poll(() => path(agent)).toBe('/console/');
    await transcript.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await agent.goForward();
    await expect.poll(() => agent.url()).toBe(link);
    await expectRows(transcript, [first], L);

    // A full page load of the link opens it too.
    await agent.reload();
    await expectRows(transcript, [first], L);

    // Pasted into a browser that is not signed in: sign in, and it opens, same URL.
    const fresh = await stage.newPage('en');
    await fresh.goto(link);
    await signIn(fresh, L);
    await expectRows(
      fresh.getByRole('list', { name: L.consoleTranscript, exact: true }),
      [first],
      L,
    );
    expect(fresh.url()).toBe(link);

    // An admin has every area; each is a page of its own, and Back returns.
    const areas = agent.getByRole('navigation', { name: 'Areas' });
    expect(await areas.getByRole('link').allInnerTexts()).toEqual(['Inbox', 'Board', 'Admin']);
    await areas.getByRole('link', { name: 'Board' }).click();
    await agent.getByRole('heading', { name: 'Supervisor board' }).waitFor({ timeout: UI_TIMEOUT });
    expect(path(agent)).toBe('/console/board');
    await areas.getByRole('link', { name: 'Admin' }).click();
    await agent.getByRole('heading', { name: 'Administration' }).waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => agent.getByText('Sensitive words').count()).toBe(1);
    await agent.goBack();
    await agent.getByRole('heading', { name: 'Supervisor board' }).waitFor({ timeout: UI_TIMEOUT });
    await agent.goto(`${stage.hub.url}/console/nowhere`);
    await agent.getByText('There is no such page.').waitFor({ timeout: UI_TIMEOUT });
  });

  for (const locale of ['zh-CN', 'en'] as const satisfies readonly UiLocale[]) {
    it(`screenshots the inbox opened by its deep link at 1366×768 (${locale})`, async () => {
      const L = LABELS[locale];
      const text =
        locale === 'zh-CN'
          ? `你好，我的订单还没发货 ${nanoid(4)}`
          : `Hi, my order has not shipped ${nanoid(4)}`;
      const agent = await stage.newPage(locale);
      await agent.setViewportSize({ width: 1366, height: 768 });
      await agentOnline(agent, stage.hub, L);
      await visitorWrites(text);
      await agent.getByRole('button', { name: text }).click();
      await expect
        .poll(() => path(agent), { timeout: UI_TIMEOUT })
        .toMatch(/^\/console\/conversations\//);
      await agent.reload();
      await expectRows(
        agent.getByRole('list', { name: L.consoleTranscript, exact: true }),
        [text],
        L,
      );
      // Kept under docs/screenshots/ when they change for the better.
      await snap(agent, `console-inbox-${locale}`);
      // The admin placeholder renders in the page's language.
      const admin = { en: ['Admin', 'Administration'], 'zh-CN': ['管理', '系统管理'] }[locale];
      await agent.getByRole('link', { name: admin[0], exact: true }).click();
      await agent.getByRole('heading', { name: admin[1] }).waitFor({ timeout: UI_TIMEOUT });
      await snap(agent, `console-admin-${locale}`);
    });
  }
});
