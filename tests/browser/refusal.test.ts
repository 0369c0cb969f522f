/**
 * A message the hub refuses stays in the visitor's transcript with the reason in the
 * visitor's language and a Retry button. The outbox keeps the hub's error code and
 * the transcript translates it (one meaning of `failed` in widget and console alike).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS, openChat, type Stage, startStage, UI_TIMEOUT } from './browser.ts';

const L = LABELS['zh-CN'];
let stage: Stage;

beforeAll(async () => {
  // Three writes, and a clock that never refills them.
  stage = await startStage({
    hub: { config: { rateLimit: { perSecond: 1, burst: 3 } }, clock: () => 1_700_000_000_000 },
  });
});
afterAll(async () => {
  await stage?.close();
});

describe('a refused message (zh-CN)', () => {
  it('says why in Chinese, beside 重试', async ({ onTestFailed }) => {
    onTestFailed(() => stage.snapAll('refusal-failed'));
    const visitor = await stage.newPage('zh-CN');
    await visitor.goto(`${stage.hub.url}/`);
    const chat = await openChat(visitor, L);
    await chat.getByRole('button', { name: L.preSales, exact: true }).click();
    const box = chat.getByRole('textbox', { name: L.message, exact: true });
    for (const text of ['一', '二', '三', '四']) {
      await box.fill(`第${text}条消息`);
      await box.press('Enter');
    }
    const alert = chat.getByRole('alert').filter({ hasText: '发送太频繁，请稍候。' }).first();
    await alert.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await expect
      .poll(() => alert.getByRole('button', { name: '重试', exact: true }).count())
      .toBeGreaterThan(0);
  });
});
