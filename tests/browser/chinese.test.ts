/**
 * Chinese first (DESIGN.md): zh-CN names on both ends, and an Enter that confirms an
 * IME candidate never sends, in the widget's composer or the console's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentOnline,
  expectRows,
  LABELS,
  LIVE_TIMEOUT,
  openChat,
  type Stage,
  snap,
  startStage,
  syntheticImeEnter,
  trustedImeEnter,
  UI_TIMEOUT,
} from './browser.ts';

const L = LABELS['zh-CN'];
const QUESTION = '你好，请问有货吗？';
const ANSWER = '您好，有货的，今天下单明天到。';

let stage: Stage;

beforeAll(async () => {
  stage = await startStage();
});
afterAll(async () => {
  await stage?.close();
});

describe('zh-CN visitor and agent', () => {
  it('uses the Chinese names, and IME Enter never sends in either composer', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => stage.snapAll('chinese-failed'));
    const agent = await stage.newPage('zh-CN');
    const visitor = await stage.newPage('zh-CN');
    await agentOnline(agent, stage.hub, L);

    await visitor.goto(`${stage.hub.url}/`);
    const chat = await openChat(visitor, L);
    await chat.getByRole('button', { name: L.preSales, exact: true }).click();
    const box = chat.getByRole('textbox', { name: L.message, exact: true });
    await chat.getByRole('button', { name: L.send, exact: true }).waitFor();

    // Candidate-confirming Enters, as each browser family reports them: none may send.
    await box.fill(QUESTION);
    for (const flavour of ['isComposing', 'keyCode229'] as const) {
      const result = await syntheticImeEnter(box, flavour);
      expect(result).toEqual({ defaultPrevented: false, keyCode: 229 });
      expect(await box.inputValue()).toBe(QUESTION);
    }
    await trustedImeEnter(visitor, box, QUESTION);
    await snap(visitor, 'chinese-1-visitor-composed');

    // The real Enter sends. Had any IME Enter sent, its message would be ahead of this
    // one on the same socket, so "exactly one row" on both ends rules it out.
    await box.press('Enter');
    const visitorLog = chat.getByRole('log', { name: L.widgetLog, exact: true });
    await expectRows(visitorLog, [QUESTION], L);
    await expect.poll(() => box.inputValue(), { timeout: UI_TIMEOUT }).toBe('');

    await agent.getByRole('button', { name: QUESTION }).click({ timeout: UI_TIMEOUT });
    const transcript = agent.getByRole('list', { name: L.consoleTranscript, exact: true });
    await expectRows(transcript, [QUESTION], L);
    const bodies = await transcript.getByRole('listitem').getByRole('paragraph').allInnerTexts();
    expect(bodies).toEqual([QUESTION]);

    // The console's composer follows the same rule.
    const reply = agent.getByRole('textbox', { name: L.message, exact: true });
    await reply.fill(ANSWER);
    for (const flavour of ['isComposing', 'keyCode229'] as const) {
      expect((await syntheticImeEnter(reply, flavour)).defaultPrevented).toBe(false);
      expect(await reply.inputValue()).toBe(ANSWER);
    }
    await trustedImeEnter(agent, reply, ANSWER);
    await reply.press('Enter');
    await expectRows(transcript, [QUESTION, ANSWER], L);
    await expectRows(visitorLog, [QUESTION, ANSWER], L, LIVE_TIMEOUT);
    await snap(visitor, 'chinese-2-visitor-answered');
    await snap(agent, 'chinese-3-agent');
  });
});
