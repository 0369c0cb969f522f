/**
 * The frame is a third party on every real site: the host page is on another site than
 * the hub, and browsers restrict a cross-site frame's storage. Chromium here, as shipped
 * with third-party cookies blocked, refuses it localStorage outright; with
 * partitioning it gets storage keyed by the top-level site. In both, the visitor's
 * identity and conversation must survive a dropped network and a reload, and the host
 * page must never see the token.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../harness.ts';
import {
  expectRows,
  LABELS,
  launchChromium,
  openChat,
  SHIPPED_STORAGE_PARTITIONING,
  snap,
} from './browser.ts';

const L = LABELS.en;
/** How long the network stays down, as in the report that found the defect. */
const OUTAGE_MS = 3_000;

let hub: Hub;
let shop: Server;
let shopUrl: string;

beforeAll(async () => {
  shop = createServer((req, res) => {
    const hubUrl = new URL(req.url ?? '/', 'http://shop.invalid').searchParams.get('hub') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>` +
        `<body><h1>A customer's shop</h1><script src="${hubUrl}/widget.js" data-site="demo"></script></body></html>`,
    );
  });
  shop.listen(0, '127.0.0.1');
  await once(shop, 'listening');
  // 'localhost' is another site than the hub's 127.0.0.1, as a customer's site would be.
  const shopOrigin = `http://localhost:${(shop.address() as AddressInfo).port}`;
  hub = await startHub({ config: { demoSiteOrigins: [shopOrigin] } });
  shopUrl = `${shopOrigin}/?hub=${encodeURIComponent(hub.url)}`;
});
afterAll(async () => {
  await hub?.close();
  shop?.closeAllConnections();
  await new Promise((done) => (shop ? shop.close(done) : done(undefined)));
});

const MODES = [
  { mode: 'blocked', args: [], frameStorage: 'refused' },
  { mode: 'partitioned', args: SHIPPED_STORAGE_PARTITIONING, frameStorage: 'token' },
] as const;

describe.each(MODES)('third-party storage $mode', ({ mode, args, frameStorage }) => {
  it('keeps the visitor and the conversation across a dropped network and a reload', async () => {
    const browser = await launchChromium(args);
    try {
      const before = await conversationIds();
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(shopUrl);
      const chat = await openChat(page, L);
      await chat.getByRole('button', { name: L.preSales, exact: true }).click();
      const log = chat.getByRole('log', { name: L.widgetLog });
      const box = chat.getByRole('textbox', { name: L.message, exact: true });
      await box.fill('Before the outage');
      await box.press('Enter');
      await expectRows(log, ['Before the outage'], L);
      expect(await frameStorageOf(page)).toBe(frameStorage);

      // The network drops for three seconds; the hub sees the socket go.
      await context.setOffline(true);
      hub.dropVisitors();
      await page.waitForTimeout(OUTAGE_MS);
      await context.setOffline(false);
      await box.fill('After the outage');
      await box.press('Enter');
      await expectRows(log, ['Before the outage', 'After the outage'], L);

      await page.reload();
      const again = await openChat(page, L);
      await expectRows(
        again.getByRole('log', { name: L.widgetLog }),
        ['Before the outage', 'After the outage'],
        L,
      );
      await snap(page, `third-party-${mode}`);

      // One conversation, both messages in it: the visitor was never replaced.
      const started = (await conversationIds()).filter((id) => !before.includes(id));
      expect(started).toHaveLength(1);

      // The host page holds nothing of the visitor's: no storage key, no readable cookie.
      const host = await page.evaluate(() => ({
        keys: Object.keys(localStorage),
        cookie: document.cookie,
      }));
      expect(host.keys.filter((k) => k.startsWith('switchboard'))).toEqual([]);
      expect(host.cookie).toBe('');
    } finally {
      await browser.close();
    }
  });
});

async function conversationIds(): Promise<string[]> {
  const open = await hub.store.conversations.listForAgent('nobody', ['pre_sales']);
  return open.map((c) => c.id);
}

/** What the chat frame's own localStorage holds: refused, or the token key. */
async function frameStorageOf(page: Page): Promise<'refused' | 'token' | string> {
  const frame = page.frames().find((f) => f.url().startsWith(`${hub.url}/widget/frame`));
  if (!frame) throw new Error('no chat frame');
  return frame.evaluate(() => {
    try {
      const keys = Object.keys(window.localStorage);
      return keys.includes('switchboard:token:demo') ? 'token' : keys.join(',');
    } catch {
      return 'refused';
    }
  });
}
