/** Calls the hub's HTTP API as a browser would, with or without a session cookie. */
import type { Hub } from './harness.ts';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T & { ok: boolean; error?: { code: string; message: string } };
}

export async function api<T = Record<string, unknown>>(
  hub: Pick<Hub, 'url'>,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  options: { cookie?: string | undefined; body?: unknown } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${hub.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Reply<T>['body'] };
}

/** [status, code] of an error reply, or [status, 'ok']. */
export async function outcome(reply: Promise<Reply>): Promise<[number, string]> {
  const { status, body } = await reply;
  return [status, body.ok ? 'ok' : (body.error?.code ?? '?')];
}
