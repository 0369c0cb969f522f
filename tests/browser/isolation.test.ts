/**
 * The widget's boundary (DESIGN.md): the chat frame only renders inside pages the site
 * allows, and the visitor's token stays on the hub's origin, out of the host page's reach.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../harness.ts';
import {
  expectRows,
  LABELS,
  openChat,
  SHIPPED_STORAGE_PARTITIONING,
  type Stage,
  snap,
  startStage,
  UI_TIMEOUT,
} from './browser.ts';

const L = LABELS.en;
/** How long a refused frame gets to (wrongly) show the chat before we call it refused. */
const REFUSED_GRACE_MS = 3_000;

let stage: Stage;
let allowingHub: Hub | undefined;
let shop: Server | undefined;
/** Another site: 'localhost' is a different origin (and site) than the hub's 127.0.0.1. */
let shopOrigin: string;

/**
 * `/?hub=<url>` embeds that hub's widget with its one script tag; `/forged?hub=<url>`
 * frames the chat directly and claims to be the hub itself in the frame URL.
 */
function shopPage(url: URL): string {
  const hub = url.searchParams.get('hub') ?? '';
  const body =
    url.pathname === '/forged'
      ? `<iframe title="Forged" src="${hub}/widget/frame?site=demo&origin=${encodeURIComponent(hub)}&locale=en"></iframe>`
      : `<script src="${hub}/widget.js" data-site="demo"></script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other shop</title></head><body><h1>Other shop</h1>${body}</body></html>`;
}

beforeAll(async () => {
  shop = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(shopPage(new URL(req.url ?? '/', 'http://shop.invalid')));
  });
  shop.listen(0, '127.0.0.1');
  await once(shop, 'listening');
  shopOrigin = `http://localhost:${(shop.address() as AddressInfo).port}`;
  // Cross-site frames get the partitioned storage they get in shipped Chrome.
  stage = await startStage({ chromiumArgs: SHIPPED_STORAGE_PARTITIONING });
  allowingHub = await startHub({ config: { demoSiteOrigins: [shopOrigin] } });
});
afterAll(async () => {
  await Promise.allSettled([stage?.close(), allowingHub?.close()]);
  shop?.closeAllConnections();
  await new Promise((done) => (shop ? shop.close(done) : done(undefined)));
});

describe('the widget boundary', () => {
  it('names only allowed pages as frame ancestors, and refuses other page origins', async () => {
    const frameUrl = (origin: string) =>
      `${stage.hub.url}/widget/frame?site=demo&origin=${encodeURIComponent(origin)}`;
    const own = await fetch(frameUrl(stage.hub.url));
    expect(own.status).toBe(200);
    expect(own.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    // The demo site allows no other origin on this hub: 'self' is the only ancestor.
    expect(own.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'(;|$)/);

    const evil = await fetch(frameUrl('https://evil.example'));
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const allowing = await fetch(
      `${allowingHub?.url}/widget/frame?site=demo&origin=${encodeURIComponent(shopOrigin)}`,
    );
    expect(allowing.status).toBe(200);
    expect(allowing.headers.get('content-security-policy')).toContain(
      `frame-ancestors 'self' ${shopOrigin}`,
    );
  });

  it('a page on an origin the site does not allow gets a launcher but no chat', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => stage.snapAll('isolation-refused-failed'));
    const page = await stage.newPage('en');
    const hub = stage.hub.url;
    await page.goto(`${shopOrigin}/?hub=${encodeURIComponent(hub)}`);
    const refused = page.waitForResponse((r) => r.url().startsWith(`${hub}/widget/frame`));
    const chat = await openChat(page, L);
    expect((await refused).status()).toBe(403);
    await expectNoChat(chat.getByRole('button', { name: L.preSales, exact: true }));
    await snap(page, 'isolation-1-refused-origin');

    // Claiming to be the hub itself gets a frame page, but its CSP names only 'self'
    // as an ancestor, so the browser will not render it inside this page.
    const served = page.waitForResponse((r) => r.url().startsWith(`${hub}/widget/frame`));
    await page.goto(`${shopOrigin}/forged?hub=${encodeURIComponent(hub)}`);
    const response = await served;
    expect(response.status()).toBe(200);
    expect(await response.headerValue('content-security-policy')).toContain(
      "frame-ancestors 'self'",
    );
    // Chromium swaps a frame it refuses to render for its error page.
    await expect
      .poll(() => page.frames().map((f) => f.url()), { timeout: UI_TIMEOUT })
      .toContainEqual(expect.stringMatching(/^chrome-error:/));
    const forged = page.frameLocator('iframe[title="Forged"]');
    await expectNoChat(forged.getByRole('button', { name: L.preSales, exact: true }));
    await snap(page, 'isolation-2-forged-origin');
  });

  it('an allowed page on another origin chats, keeps it across a reload, never sees the token', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => stage.snapAll('isolation-allowed-failed'));
    const hub = allowingHub?.url ?? '';
    const text = 'Hello from another site';
    const page = await stage.newPage('en');
    await page.goto(`${shopOrigin}/?hub=${encodeURIComponent(hub)}`);
    const chat = await openChat(page, L);
    await chat.getByRole('button', { name: L.preSales, exact: true }).click();
    const box = chat.getByRole('textbox', { name: L.message, exact: true });
    await box.fill(text);
    await box.press('Enter');
    await expectRows(chat.getByRole('log', { name: L.widgetLog }), [text], L);
    await snap(page, 'isolation-3-allowed-origin');

    // The token is in the frame's storage, on the hub's origin; the host page has none.
    const frame = page.frames().find((f) => f.url().startsWith(`${hub}/widget/frame`));
    expect(await frame?.evaluate(() => Object.keys(localStorage))).toEqual([
      'switchboard:token:demo',
    ]);
    const hostKeys = await page.evaluate(() => Object.keys(localStorage));
    expect(hostKeys.filter((k) => k.startsWith('switchboard'))).toEqual([]);

    // ...and it is what brings the conversation back after a reload of the host page.
    await page.reload();
    const again = await openChat(page, L);
    await expectRows(again.getByRole('log', { name: L.widgetLog }), [text], L);
  });
});

/** A bounded wait: the chat must not show up within the grace period. */
async function expectNoChat(button: Locator): Promise<void> {
  const shown = await button.waitFor({ state: 'visible', timeout: REFUSED_GRACE_MS }).then(
    () => true,
    () => false,
  );
  expect(shown).toBe(false);
}
