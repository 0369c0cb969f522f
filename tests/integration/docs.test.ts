/**
 * The OpenAPI document and its page, served by the hub: every /api route described,
 * the page readable with no sign-in and no internet, the API behind it still guarded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, outcome } from '../api.ts';
import { type Hub, startHub } from '../harness.ts';

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub.close();
});

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const ADMIN_OPERATIONS = [
  'listAgents',
  'createAgent',
  'updateAgent',
  'resetAgentPassword',
  'listDepartments',
  'createDepartment',
  'updateDepartment',
  'getConversation',
];

describe('the OpenAPI document', () => {
  it('describes every /api route with a camelCase operationId, a summary and tags', async () => {
    const response = await fetch(`${hub.url}/api/docs/json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as OpenApi;
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, ...op })),
    );
    for (const op of operations) {
      expect(op.path, `${op.method} ${op.path}`).toMatch(/^\/api\//);
      expect(op.operationId, `${op.method} ${op.path}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.summary, `${op.method} ${op.path}`).toBeTruthy();
      expect(op.tags?.length, `${op.method} ${op.path}`).toBeGreaterThan(0);
    }
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        ...ADMIN_OPERATIONS,
        'signIn',
        'getSession',
        'signOut',
        'getWidgetConfig',
        'rememberVisitor',
      ]),
    );
    // The document lists only the API: not itself, its page, nor pages outside /api.
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/docs'))).toBe(false);

    const byId = new Map(operations.map((op) => [op.operationId, op]));
    expect(byId.get('updateAgent')).toMatchObject({
      method: 'patch',
      path: '/api/agents/{id}',
      security: [{ session: [] }],
    });
    expect(Object.keys(byId.get('createAgent')?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409']),
    );
    expect(byId.get('signIn')?.security).toEqual([]);
  });

  it('has a page that needs no sign-in and loads nothing from elsewhere', async () => {
    const page = await fetch(`${hub.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset, asset).not.toMatch(/^(https?:)?\/\//);
      const served = await fetch(new URL(asset, `${hub.url}/api/docs`));
      expect(served.status, asset).toBe(200);
      // Read to the end: an unread body keeps its connection busy, and the hub's close waits.
      expect((await served.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
  });

  it('documents the API without opening it', async () => {
    expect(await outcome(api(hub, 'GET', '/api/agents'))).toEqual([401, 'unauthorized']);
    expect(await outcome(api(hub, 'GET', '/api/departments'))).toEqual([401, 'unauthorized']);
  });
});
