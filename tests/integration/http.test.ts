import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type Hub, startHub } from '../harness.ts';

let hub: Hub;
beforeAll(async () => {
  hub = await startHub({ config: { demoSiteOrigins: ['https://shop.example'] } });
});
afterAll(async () => {
  await hub.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

async function errorOf(response: Response): Promise<[number, string]> {
  const body = (await response.json()) as { ok: boolean; error?: { code: string } };
  expect(body.ok).toBe(false);
  return [response.status, body.error?.code ?? ''];
}

describe('auth over HTTP', () => {
  it('signs in, knows who you are, and signs out', async () => {
    const login = await post('/api/auth/login', JSON.stringify(ADMIN));
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0] ?? '';
    const me = await fetch(`${hub.url}/api/auth/me`, { headers: { cookie } });
    expect(((await me.json()) as { agent: { email: string } }).agent.email).toBe(ADMIN.email);
    await post('/api/auth/logout', '{}', { cookie });
    const after = await fetch(`${hub.url}/api/auth/me`, { headers: { cookie } });
    expect(await errorOf(after)).toEqual([401, 'unauthorized']);
  });

  it('answers bad sign-ins with coded errors', async () => {
    expect(
      await errorOf(await post('/api/auth/login', JSON.stringify({ ...ADMIN, password: 'nope' }))),
    ).toEqual([401, 'unauthorized']);
    expect(await errorOf(await post('/api/auth/login', '{"email":'))).toEqual([
      400,
      'invalid_payload',
    ]);
    expect(
      await errorOf(await post('/api/auth/login', JSON.stringify({ email: 'a@b.c' }))),
    ).toEqual([400, 'invalid_payload']);
    const huge = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(100_000) });
    expect(await errorOf(await post('/api/auth/login', huge))).toEqual([413, 'too_large']);
  });
});

describe('widget endpoints', () => {
  it('serves the loader and the site config', async () => {
    const loader = await fetch(`${hub.url}/widget.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    const config = (await (await fetch(`${hub.url}/api/widget/config?site=demo`)).json()) as {
      departments: { id: string; name: { en: string } }[];
    };
    expect(config.departments.map((d) => d.name.en)).toEqual([
      'Pre-sales',
      'Post-sales',
      'Technical support',
    ]);
    expect(await errorOf(await fetch(`${hub.url}/api/widget/config?site=nope`))).toEqual([
      404,
      'not_found',
    ]);
  });

  it("frames the chat only for the site's allowed origins", async () => {
    const frame = await fetch(
      `${hub.url}/widget/frame?site=demo&origin=${encodeURIComponent('https://shop.example')}`,
    );
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'self' https://shop.example",
    );
    const evil = await fetch(
      `${hub.url}/widget/frame?site=demo&origin=${encodeURIComponent('https://evil.example')}`,
    );
    expect(await errorOf(evil)).toEqual([403, 'forbidden']);
    const junk = await fetch(`${hub.url}/widget/frame?site=demo&origin=javascript:alert(1)`);
    expect(await errorOf(junk)).toEqual([403, 'forbidden']);
  });
});

describe('pages', () => {
  it('serves the demo page, the console, health, and JSON 404s', async () => {
    const demo = await (await fetch(`${hub.url}/`)).text();
    expect(demo).toContain('src="/widget.js" data-site="demo"');
    const console = await fetch(`${hub.url}/console/conversations/abc`);
    expect(await console.text()).toContain('<div id="app">');
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    expect(await errorOf(await fetch(`${hub.url}/api/nothing`))).toEqual([404, 'not_found']);
    // Every route of the console app is a page load of its index.html: deep links to a
    // conversation (ids are nanoids: letters, digits, - and _), the board, the admin area.
    for (const path of ['conversations/V1StGXR8_Z5jdHi6B-myT', 'board', 'admin', '']) {
      const page = await fetch(`${hub.url}/console/${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await page.text(), path).toContain('<div id="app">');
    }
    // A missing file under the console is a JSON 404 too, not the app's index.html.
    expect(await errorOf(await fetch(`${hub.url}/console/missing.js`))).toEqual([404, 'not_found']);
  });
});
