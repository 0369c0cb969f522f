/**
 * The whole product in two browsers: a visitor on the demo host page talks to an agent
 * in the console, live both ways, and the conversation survives a reload of the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nanoid } from '../harness.ts';
import {
  agentOnline,
  expectRows,
  LABELS,
  LIVE_TIMEOUT,
  openChat,
  type Stage,
  snap,
  startStage,
  UI_TIMEOUT,
} from './browser.ts';

const L = LABELS.en;
let stage: Stage;

beforeAll(async () => {
  stage = await startStage();
});
afterAll(async () => {
  await stage?.close();
});

describe('chat between the demo page and the console (en)', () => {
  it('visitor on the demo page ↔ agent in the console, then reload keeps the conversation', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => stage.snapAll('chat-failed'));
    const tag = nanoid(5);
    const first = `Hello, is the green kettle in stock? ${tag}`;
    const second = `I would need two of them ${tag}`;
    const reply = `Yes, we have five left ${tag}`;

    const agent = await stage.newPage('en');
    const visitor = await stage.newPage('en');
    await agentOnline(agent, stage.hub, L);

    // Visitor: launcher → topic → first message with Enter.
    await visitor.goto(`${stage.hub.url}/`);
    const chat = await openChat(visitor, L);
    await chat.getByRole('button', { name: L.preSales, exact: true }).click();
    const box = chat.getByRole('textbox', { name: L.message, exact: true });
    await box.fill(first);
    await box.press('Enter');
    const visitorLog = chat.getByRole('log', { name: L.widgetLog, exact: true });
    await expectRows(visitorLog, [first], L);
    await snap(visitor, 'chat-1-visitor-sent');

    // Agent: the conversation shows up with the message as its preview.
    await agent
      .getByRole('button', { name: first })
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await snap(agent, 'chat-2-agent-list');

    // Visitor: a second message with the Send button; the composer empties.
    await box.fill(second);
    await chat.getByRole('button', { name: L.send, exact: true }).click();
    await expectRows(visitorLog, [first, second], L);
    await expect.poll(() => box.inputValue(), { timeout: UI_TIMEOUT }).toBe('');

    // Agent: the preview follows the newest message; open it, read, reply.
    const item = agent.getByRole('button', { name: second });
    await item.click();
    const transcript = agent.getByRole('list', { name: L.consoleTranscript, exact: true });
    await expectRows(transcript, [first, second], L);
    const replyBox = agent.getByRole('textbox', { name: L.message, exact: true });
    await replyBox.fill(reply);
    await agent.getByRole('button', { name: L.send, exact: true }).click();
    await expectRows(transcript, [first, second, reply], L);

    // Visitor: the reply arrives live.
    await expectRows(visitorLog, [first, second, reply], L, LIVE_TIMEOUT);
    await snap(visitor, 'chat-3-visitor-reply');
    await snap(agent, 'chat-4-agent-replied');

    // Visitor: a reload starts from nothing in memory; the frame's token brings it back.
    await visitor.reload();
    const again = await openChat(visitor, L);
    await expectRows(
      again.getByRole('log', { name: L.widgetLog, exact: true }),
      [first, second, reply],
      L,
    );
    await again.getByRole('textbox', { name: L.message, exact: true }).waitFor();
    await snap(visitor, 'chat-5-visitor-reloaded');
  });
});
