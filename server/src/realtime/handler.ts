import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type AckError, LIMITS } from '@switchboard/shared';
import type { FastifyBaseLogger } from 'fastify';
import { fail, HubError } from '../errors.ts';
import { newBucket, type RateLimit, take } from './rate-limit.ts';

type Reply = (ack: { ok: true } | { ok: false; error: AckError }) => void;

const noReply: Reply = () => {};

function failure(code: AckError['code'], message: string) {
  return { ok: false as const, error: { code, message } };
}

/**
 * Wraps a socket event: validates the payload against its schema, runs the action,
 * and answers the ack with `{ ok: true, ...result }` or a coded error. Anything
 * unexpected is logged and answered `unavailable`; it never reaches Socket.IO.
 */
export function createHandler(log: FastifyBaseLogger) {
  return function handle<S extends TSchema, R extends object>(
    schema: S,
    action: (payload: Static<S>) => Promise<R> | R,
  ) {
    const check = TypeCompiler.Compile(schema);
    return (payload: unknown, ack?: unknown): void => {
      const reply = typeof ack === 'function' ? (ack as Reply) : noReply;
      const body = (payload as { body?: unknown } | null)?.body;
      if (typeof body === 'string' && body.length > LIMITS.messageBody) {
        reply(failure('too_large', `body exceeds ${LIMITS.messageBody} characters`));
        return;
      }
      if (!check.Check(payload)) {
        const first = check.Errors(payload).First();
        const where = first?.path || 'payload';
        reply(failure('invalid_payload', `${where}: ${first?.message ?? 'invalid'}`));
        return;
      }
      Promise.resolve()
        .then(() => action(payload))
        .then(
          (result) => reply({ ok: true, ...result }),
          (error: unknown) => {
            if (error instanceof HubError) return reply(error.toAck());
            log.error({ err: error }, 'socket handler failed');
            reply(failure('unavailable', 'the hub could not complete this; try again'));
          },
        );
    };
  };
}

/**
 * Answers events the socket has no handler for, so a client waiting on an ack hears
 * why. The socket's own listeners are the list of known events.
 */
export function rejectUnknown(socket: { listenerCount(event: string): number }) {
  return (event: string, ...args: unknown[]): void => {
    if (socket.listenerCount(event) > 0) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function') {
      (ack as Reply)(failure('invalid_payload', `unknown event ${event}`));
    }
  };
}

/** Payload of events that take no arguments: `{}`. */
export const Empty = Type.Object({}, { additionalProperties: false });

/** A refused handshake: the client's connect_error carries the code as its message. */
export function connectError(code: AckError['code'], message: string): Error {
  return Object.assign(new Error(code), { data: { code, message } });
}

/** One socket's bucket: call before each limited action; throws rate_limited when empty. */
export function rateLimiter(limit: RateLimit, clock: () => number): () => void {
  const bucket = newBucket(limit, clock());
  return () => {
    if (!take(bucket, limit, clock())) fail('rate_limited', 'too many messages; slow down');
  };
}

/** Typing indicators: a few a second is plenty; the rest are dropped without a word. */
const TYPING = { perSecond: 2, burst: 5 };

export function typingLimiter(clock: () => number): () => boolean {
  const bucket = newBucket(TYPING, clock());
  return () => take(bucket, TYPING, clock());
}
