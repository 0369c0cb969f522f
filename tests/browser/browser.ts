/**
 * What every browser test shares: one headless Chromium, a real hub, one browser
 * context per person (visitor, agent), and the few steps every test takes through the
 * UI. Controls are found by role and accessible name only (DESIGN.md, "Names people
 * rely on"), so the labels below are part of what these tests check.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { ADMIN, type Hub, startHub } from '../harness.ts';

export type UiLocale = 'en' | 'zh-CN';

/** The accessible names people (and these tests) rely on, per locale. */
export const LABELS = {
  en: {
    openChat: 'Open chat',
    frameTitle: 'Chat',
    preSales: 'Pre-sales',
    message: 'Message',
    send: 'Send',
    widgetLog: 'Conversation',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    status: 'Status',
    online: 'Online',
    consoleTranscript: 'Transcript',
    sending: 'Sending…',
    leaveMessage: 'Leave a message',
    leaveQueue: 'Leave the queue',
    name: 'Name',
    yourMessage: 'Your message',
    sendMessage: 'Send message',
    startNew: 'Start a new conversation',
    claim: 'Claim',
    resolve: 'Resolve',
  },
  'zh-CN': {
    openChat: '打开聊天',
    frameTitle: '聊天',
    preSales: '售前咨询',
    message: '消息',
    send: '发送',
    widgetLog: '对话',
    email: '邮箱',
    password: '密码',
    signIn: '登录',
    status: '状态',
    online: '在线',
    consoleTranscript: '聊天记录',
    sending: '发送中…',
    leaveMessage: '留言',
    leaveQueue: '退出排队',
    name: '姓名',
    yourMessage: '留言内容',
    sendMessage: '提交留言',
    startNew: '开始新的对话',
    claim: '接入',
    resolve: '结束会话',
  },
} as const;

export type Labels = (typeof LABELS)[UiLocale];

/** Waits in expect.poll and locator waits: long enough for a loaded 2-core machine. */
export const UI_TIMEOUT = 10_000;
/** "At once": a live message must show up within this, with no reload or polling. */
export const LIVE_TIMEOUT = 5_000;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots land in <repo>/test-results/browser (test-results/ is gitignored). */
export const RESULTS_DIR = `${repoRoot}test-results/browser`;

/**
 * Playwright starts Chromium with its own --disable-features list, which turns off
 * third-party storage partitioning; shipped Chrome has it on. Without it, and with
 * third-party cookies blocked, a cross-site frame gets no localStorage at all, so the
 * widget on another site would run as a session-only visitor. For tests of cross-site
 * embeds this repeats Playwright 1.65's list without that one feature (the last
 * --disable-features on a command line wins).
 */
export const SHIPPED_STORAGE_PARTITIONING = [
  `--disable-features=${[
    'AvoidUnnecessaryBeforeUnloadCheckSync',
    'DestroyProfileOnBrowserClose',
    'HttpsUpgrades',
    'HttpsFirstBalancedModeAutoEnable',
    'LensOverlay',
    'MediaRouter',
    'PaintHolding',
    'AvoidCorsURLLoaderRestartOnRedirect',
    'OptimizationHints',
    'NetworkTimeServiceQuerying',
    'AimEnabled',
    'PreconnectToSearch',
  ].join(',')}`,
];

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface Stage {
  hub: Hub;
  browser: Browser;
  /** A fresh page in a fresh context (own cookies and storage), closed by close(). */
  newPage(locale: UiLocale): Promise<Page>;
  /** Screenshots every open page into RESULTS_DIR as `<prefix>-<n>.png`. */
  snapAll(prefix: string): Promise<void>;
  close(): Promise<void>;
}

/** A hub and a browser; close() releases whatever of them was started, even half-way. */
export async function startStage(
  options: { hub?: Parameters<typeof startHub>[0]; chromiumArgs?: readonly string[] } = {},
): Promise<Stage> {
  const hub = await startHub(options.hub);
  let browser: Browser;
  try {
    browser = await launchChromium(options.chromiumArgs);
  } catch (error) {
    await hub.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    hub,
    browser,
    async newPage(locale) {
      const context = await browser.newContext({
        locale: locale === 'en' ? 'en-US' : 'zh-CN',
        viewport: { width: 1100, height: 760 },
      });
      contexts.push(context);
      return context.newPage();
    },
    async snapAll(prefix) {
      const pages = contexts.flatMap((c) => c.pages());
      await Promise.allSettled(pages.map((page, i) => snap(page, `${prefix}-${i}`)));
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await Promise.allSettled([browser.close(), hub.close()]);
    },
  };
}

export async function snap(page: Page, name: string): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: `${RESULTS_DIR}/${name}.png` });
}

/**
 * Records the text frames the page's WebSockets receive, so a test can wait for the
 * hub's answer to something it did in the UI (e.g. the ack of a status change). Call
 * before the page opens its socket.
 */
export function recordSocketFrames(page: Page): { waitFor(pattern: RegExp): Promise<void> } {
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') frames.push(payload);
    });
  });
  return {
    async waitFor(pattern) {
      await expect
        .poll(() => frames.some((f) => pattern.test(f)), { timeout: UI_TIMEOUT })
        .toBe(true);
    },
  };
}

/** Opens the console, signs in, sets the status to online and waits for the hub's ack. */
export async function agentOnline(page: Page, hub: Hub, labels: Labels): Promise<void> {
  const frames = recordSocketFrames(page);
  await page.goto(`${hub.url}/console/`);
  await page.getByRole('textbox', { name: labels.email }).fill(ADMIN.email);
  await page.getByLabel(labels.password, { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: labels.signIn, exact: true }).click();
  const status = page.getByRole('combobox', { name: labels.status });
  await status.selectOption({ label: labels.online });
  // The select shows the choice at once; the hub's ack is what makes it true.
  await frames.waitFor(/^43\/agent,\d+\[.*"status":"online"/);
  expect(await status.inputValue()).toBe('online');
}

/** Screenshots only the chat panel (the frame on the host page) as `<name>.png`. */
export async function snapChat(page: Page, labels: Labels, name: string): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await page
    .locator(`iframe[title="${labels.frameTitle}"]`)
    .screenshot({ path: `${RESULTS_DIR}/${name}.png` });
}

/** Clicks the launcher on a host page and returns the chat frame. */
export async function openChat(page: Page, labels: Labels): Promise<FrameLocator> {
  await page.getByRole('button', { name: labels.openChat, exact: true }).click();
  return page.frameLocator(`iframe[title="${labels.frameTitle}"]`);
}

/**
 * Waits until a transcript (a list or log) shows exactly these messages, in this order,
 * each delivered (not "Sending…"). Rows that do not match show up whole in the failure.
 */
export async function expectRows(
  list: Locator,
  expected: readonly string[],
  labels: Labels,
  timeout = UI_TIMEOUT,
): Promise<void> {
  await expect
    .poll(
      async () => {
        const rows = await list.getByRole('listitem').allInnerTexts();
        return rows.map((row, i) => {
          const want = expected[i];
          return want !== undefined && row.includes(want) && !row.includes(labels.sending)
            ? want
            : row;
        });
      },
      { timeout },
    )
    .toEqual(expected);
}

/**
 * An Enter keydown as input methods deliver it when it confirms a candidate: Chrome and
 * Firefox flag it with isComposing, Safari only with keyCode 229. Returns whether the
 * page called preventDefault (a composer that sends on it would).
 */
export function syntheticImeEnter(box: Locator, flavour: 'isComposing' | 'keyCode229') {
  return box.evaluate((el, safari) => {
    const event = new KeyboardEvent('keydown', {
      key: 'Enter',
      code: 'Enter',
      isComposing: !safari,
      keyCode: 229,
      bubbles: true,
      cancelable: true,
    });
    el.dispatchEvent(event);
    return { defaultPrevented: event.defaultPrevented, keyCode: event.keyCode };
  }, flavour === 'keyCode229');
}

/**
 * A trusted Enter pressed while the browser's own IME machinery holds a composition
 * (CDP Input.imeSetComposition), so Chromium itself sets isComposing; the composition
 * is then committed as `committed`, replacing what was in the box.
 */
export async function trustedImeEnter(page: Page, box: Locator, committed: string) {
  await box.fill('');
  await box.focus();
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Input.imeSetComposition', {
      text: 'nihao',
      selectionStart: 5,
      selectionEnd: 5,
    });
    await page.keyboard.press('Enter');
    await cdp.send('Input.insertText', { text: committed });
  } finally {
    await cdp.detach();
  }
  // Chromium lets that Enter insert a line break a real IME would swallow; drop it.
  await box.fill(committed);
}
