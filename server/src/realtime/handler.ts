import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  type AckError,
  type ErrorCode,
  type EventPayload,
  type EventResult,
  type HttpErrorCode,
  LIMITS,
} from '@switchboard/shared';
import { HubError } from '../errors.ts';
import type { Budget } from '../limits/rate-limits.ts';

/** Every client-to-hub event of map M with the budget it spends. */
export type Budgets<M> = { readonly [E in keyof M & string]: Budget };

/**
 * A schema whose static type is T. Asking for it is what ties a handler's payload to
 * the event map: the schema the hub enforces must describe the payload clients send.
 */
export type SchemaOf<T> = TSchema & { static: T };

/** What the handlers need of a namespace's socket. */
export interface HandlerSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  readonly connected: boolean;
}

export interface HandlerDeps {
  log: { error(fields: { err: unknown }, message: string): void };
  /** Spends one unit of the budget; false when it is spent out. */
  admit(budget: Budget): boolean;
  /** Called after an ack went out: the event, its budget, the outcome, and how long it took. */
  answered?(event: string, budget: Budget, ok: boolean, seconds: number): void;
}

type Answer = { ok: true } | { ok: false; error: AckError };

/** One event being handled: what it is and when it arrived. */
interface Call {
  event: string;
  budget: Budget;
  at: number;
}

function failure(code: ErrorCode, message: string): { ok: false; error: AckError } {
  return { ok: false, error: { code, message } };
}

/**
 * Binds the hub's handlers for one socket, typed from the namespace's event map M:
 * `handle(event, schema, action)` takes the schema the payload must pass (its static
 * type must be the map's payload) and an action that returns the map's ack fields, so
 * a handler returning the wrong shape does not compile.
 *
 * Each event is rate-checked against its budget, validated, run, and answered with
 * `{ ok: true, ...result }` or a coded error. Anything unexpected is logged and
 * answered `unavailable`; it never reaches Socket.IO.
 *
 * This is every event's hot path, so it makes no closure per event: under tsx each
 * named one costs a defineProperty (esbuild's keepNames), measurable per message.
 */
export function createHandlers<M>(socket: HandlerSocket, budgets: Budgets<M>, deps: HandlerDeps) {
  // Reads run one after another per socket: each answer goes out (and the socket's
  // backlog is checked) before the next read is computed, so a client that asks for
  // many pages at once and reads none holds at most one page on the hub.
  let reads: Promise<unknown> = Promise.resolve();

  function reply(ack: unknown, call: Call, answer: Answer): void {
    if (typeof ack !== 'function') return;
    ack(answer);
    deps.answered?.(call.event, call.budget, answer.ok, (performance.now() - call.at) / 1000);
  }

  /** Runs the action and answers; never rejects. */
  function run<P, R>(
    action: (payload: P) => R | Promise<R>,
    payload: P,
    ack: unknown,
    call: Call,
  ): Promise<void> {
    let result: R | Promise<R> | undefined;
    try {
      // A socket that left while its read waited in line gets no answer.
      result = socket.connected ? action(payload) : undefined;
    } catch (error) {
      return Promise.resolve(fault(error, ack, call));
    }
    return Promise.resolve(result).then(
      (done) => {
        if (!socket.connected) return;
        reply(ack, call, typeof done === 'object' && done ? { ok: true, ...done } : { ok: true });
      },
      (error: unknown) => fault(error, ack, call),
    );
  }

  /** A coded refusal goes back as it is; anything else is logged and answered vaguely. */
  function fault(error: unknown, ack: unknown, call: Call): void {
    if (error instanceof HubError) {
      reply(ack, call, error.toAck());
      return;
    }
    deps.log.error({ err: error }, 'socket handler failed');
    reply(ack, call, failure('unavailable', 'the hub could not complete this; try again'));
  }

  return function handle<E extends keyof M & string>(
    event: E,
    schema: SchemaOf<EventPayload<M, E>>,
    action: (payload: EventPayload<M, E>) => EventResult<M, E> | Promise<EventResult<M, E>>,
  ): void {
    const check = TypeCompiler.Compile(schema);
    const budget = budgets[event];
    socket.on(event, (...args: unknown[]) => {
      // An event sent without a payload arrives with its callback first.
      const bare = typeof args[0] === 'function';
      const ack = bare ? args[0] : args[1];
      const call: Call = { event, budget, at: performance.now() };
      if (!deps.admit(budget)) {
        reply(ack, call, failure('rate_limited', 'too many requests; slow down'));
        return;
      }
      const payload: unknown = bare || args[0] === undefined ? {} : args[0];
      const body = typeof payload === 'object' && payload && 'body' in payload && payload.body;
      if (typeof body === 'string' && body.length > LIMITS.messageBody) {
        reply(ack, call, failure('too_large', `body exceeds ${LIMITS.messageBody} characters`));
        return;
      }
      if (!check.Check(payload)) {
        const first = check.Errors(payload).First();
        const where = first?.path || 'payload';
        reply(ack, call, failure('invalid_payload', `${where}: ${first?.message ?? 'invalid'}`));
        return;
      }
      if (budget === 'read') reads = reads.then(() => run(action, payload, ack, call));
      else void run(action, payload, ack, call);
    });
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
    if (typeof ack === 'function') ack(failure('invalid_payload', `unknown event ${event}`));
  };
}

/** A refused handshake: the client's connect_error carries the code as its message. */
export function connectError(code: HttpErrorCode, message: string): Error {
  return Object.assign(new Error(code), { data: { code, message } });
}
