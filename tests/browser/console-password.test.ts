/**
 * An admin invites an agent (a generated, temporary password); the agent signs in,
 * is asked to choose their own password before anything else, and lands in the inbox.
 * The screen is screenshotted in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../api.ts';
import { ADMIN, nanoid, signIn } from '../harness.ts';
import { LABELS, type Stage, snap, startStage, UI_TIMEOUT, type UiLocale } from './browser.ts';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage();
});
afterAll(async () => {
  await stage?.close();
});

const WORDS = {
  en: {
    title: 'Choose your password',
    next: 'New password',
    again: 'New password again',
    save: 'Save and continue',
    differ: 'The two new passwords differ.',
  },
  'zh-CN': {
    title: '设置您的密码',
    next: '新密码',
    again: '再次输入新密码',
    save: '保存并继续',
    differ: '两次输入的新密码不一致。',
  },
} as const;

describe('an invited agent', () => {
  for (const locale of ['en', 'zh-CN'] as const satisfies readonly UiLocale[]) {
    it(`chooses their own password at first sign-in (${locale})`, async ({ onTestFailed }) => {
      onTestFailed(() => stage.snapAll(`console-password-${locale}-failed`));
      const L = LABELS[locale];
      const W = WORDS[locale];
      const admin = await signIn(stage.hub, ADMIN.email, ADMIN.password);
      const email = `invited-${nanoid(6).toLowerCase()}@example.com`;
      const created = await api<{ password: string }>(stage.hub, 'POST', '/api/agents', {
        cookie: admin,
        body: {
          email,
          name: locale === 'en' ? 'Li Wei' : '李伟',
          role: 'agent',
          departments: ['pre_sales'],
        },
      });
      expect(created.status).toBe(201);
      const temporary = created.body.password;

      const page = await stage.newPage(locale);
      await page.goto(`${stage.hub.url}/console/`);
      await page.getByRole('textbox', { name: L.email }).fill(email);
      await page.getByLabel(L.password, { exact: true }).fill(temporary);
      await page.getByRole('button', { name: L.signIn, exact: true }).click();

      await page.getByRole('heading', { name: W.title }).waitFor({ timeout: UI_TIMEOUT });
      // Only the new password is asked for: the temporary one was just typed.
      await page.getByLabel(W.next, { exact: true }).fill('my-own-password-1');
      await page.getByLabel(W.again, { exact: true }).fill('my-own-password-2');
      await page.getByRole('button', { name: W.save }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe(W.differ);
      await snap(page, `console-choose-password-${locale}`);

      await page.getByLabel(W.again, { exact: true }).fill('my-own-password-1');
      await page.getByRole('button', { name: W.save }).click();
      await page.getByRole('combobox', { name: L.status }).waitFor({ timeout: UI_TIMEOUT });

      // The new password is theirs now; the temporary one is gone.
      const login = (password: string) =>
        api(stage.hub, 'POST', '/api/auth/login', { body: { email, password } });
      expect((await login('my-own-password-1')).status).toBe(200);
      expect((await login(temporary)).status).toBe(401);
    });
  }
});
