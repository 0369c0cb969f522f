/**
 * The typed HTTP client of the hub's API: `api.call('updateAgent', { params, body })`.
 * Request and reply types come from the operation's schemas in protocol/operations.ts,
 * the same ones the hub validates with, so no screen writes a request shape by hand.
 * Replies are checked against their schema before they are handed back typed.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type HttpErrorCode, isHttpErrorCode } from '../protocol/errors.ts';
import { OPERATIONS, type OperationId, type Operations } from '../protocol/operations.ts';

type Spec<K extends OperationId> = Operations[K];

/** The static type of one part of an operation, or never when it takes none. */
type Part<K extends OperationId, P extends string> =
  Spec<K> extends Record<P, infer S extends TSchema> ? Static<S> : never;

/** What a call takes: exactly the parts its operation has; a body-less POST takes none. */
export type CallInput<K extends OperationId> = ([Part<K, 'params'>] extends [never]
  ? unknown
  : { params: Part<K, 'params'> }) &
  ([Part<K, 'body'>] extends [never] ? unknown : { body: Part<K, 'body'> }) &
  ([Part<K, 'query'>] extends [never] ? unknown : { query?: Part<K, 'query'> });

/** The operation's success reply, `{ ok: true, … }`. */
export type CallReply<K extends OperationId> = Static<Spec<K>['reply']>;

/**
 * A refusal with the hub's stable code and the HTTP status; `network` when no answer
 * came (or it was not the hub's), `bad_reply` when a success reply did not match its
 * schema (a hub of another version).
 */
export interface CallError {
  ok: false;
  status: number;
  error: { code: HttpErrorCode | 'network' | 'bad_reply'; message: string };
}

export type CallResult<K extends OperationId> = CallReply<K> | CallError;

/** The part of fetch the client uses; the browser's and Node's both fit. */
export type Fetch = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    credentials?: 'same-origin' | 'include' | 'omit';
  },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export interface HttpClientOptions {
  fetch: Fetch;
  /** The hub's origin; '' (the default) for the page's own. */
  baseUrl?: string;
  /** Sent with every call (a cookie, outside a browser). */
  headers?: Record<string, string>;
}

export interface HttpClient {
  /** Resolves with the typed reply or the typed refusal; never rejects. */
  call<K extends OperationId>(operation: K, input: CallInput<K>): Promise<CallResult<K>>;
}

/** Fastify's `:name` segments filled from params, each encoded. */
export function fillPath(path: string, params: Record<string, unknown>): string {
  return path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String(params[name] ?? '')),
  );
}

/** A query string of the values given, in key order; '' when none. */
export function queryString(query: Record<string, unknown>): string {
  const pairs = Object.keys(query)
    .sort()
    .filter((k) => query[k] !== undefined)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};

function refusal(status: number, body: unknown): CallError {
  const error = record(record(body).error);
  const { code, message } = error;
  if (typeof code === 'string' && isHttpErrorCode(code)) {
    return {
      ok: false,
      status,
      error: { code, message: typeof message === 'string' ? message : '' },
    };
  }
  return { ok: false, status, error: { code: 'network', message: `HTTP ${status}` } };
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseUrl = options.baseUrl ?? '';
  return {
    async call<K extends OperationId>(operation: K, input: CallInput<K>): Promise<CallResult<K>> {
      const spec: Spec<K> = OPERATIONS[operation];
      const parts = record(input);
      const url =
        baseUrl + fillPath(spec.path, record(parts.params)) + queryString(record(parts.query));
      // Fastify refuses a JSON content type with an empty body, and a POST without one
      // (signOut) sends `{}`.
      const body = 'body' in parts ? parts.body : spec.method === 'GET' ? undefined : {};
      const headers: Record<string, string> = { ...options.headers };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let status: number;
      let json: unknown;
      try {
        const response = await options.fetch(url, {
          method: spec.method,
          headers,
          credentials: 'same-origin',
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        status = response.status;
        json = await response.json();
      } catch (error) {
        return { ok: false, status: 0, error: { code: 'network', message: String(error) } };
      }
      if (record(json).ok !== true) return refusal(status, json);
      const reply: Spec<K>['reply'] = spec.reply;
      if (!Value.Check(reply, json)) {
        const first = Value.Errors(reply, json).First();
        const where = first ? `${first.path} ${first.message}` : 'its shape';
        return {
          ok: false,
          status,
          error: { code: 'bad_reply', message: `${operation} reply: ${where}` },
        };
      }
      return json;
    },
  };
}
