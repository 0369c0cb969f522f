/**
 * One typed connection adapter for the models of a front end: `on` subscribes to a hub
 * event (or the socket's own connect/disconnect) and returns the unsubscribe; `request`
 * emits an acked event and resolves with its typed ack (rejecting on timeout or
 * disconnect, see request.ts); `emit` sends an event that has no ack. Models own their
 * subscriptions through it and never see the socket, so each is tested against a fake
 * (testing.ts) instead of a hub.
 */
import type { Socket } from 'socket.io-client';
import type { AckedEvent, EventAck, EventPayload } from '../protocol/events.ts';
import { request } from './request.ts';

/** The socket's own lifecycle, as a model hears it. */
export interface LifecycleEvents {
  connect: () => void;
  disconnect: (reason: string) => void;
  connect_error: (error: Error) => void;
}

/** Everything a model may listen to: the hub's events L and the lifecycle. */
export type Heard<L> = L & LifecycleEvents;

/** The events of M sent without waiting for an answer. */
export type FireEvent<M> = Exclude<keyof M & string, AckedEvent<M>>;

export interface Connection<L extends object, M extends object> {
  readonly connected: boolean;
  on<E extends keyof Heard<L> & string>(event: E, handler: Heard<L>[E]): () => void;
  request<E extends AckedEvent<M>>(event: E, payload: EventPayload<M, E>): Promise<EventAck<M, E>>;
  emit<E extends FireEvent<M>>(event: E, payload: EventPayload<M, E>): void;
}

/**
 * The listener side of a socket, loosened to names and functions: socket.io's own
 * overloads cannot be called with a generic event name. The adapter's signature above
 * is what keeps each call typed.
 */
interface Listeners {
  on(event: string, handler: (...args: never[]) => void): unknown;
  off(event: string, handler: (...args: never[]) => void): unknown;
  emit(event: string, payload: unknown): unknown;
}

export function socketConnection<L extends object, M extends object>(
  socket: Socket<L, M>,
): Connection<L, M> {
  const loose = socket as unknown as Listeners;
  return {
    get connected() {
      return socket.connected;
    },
    on(event, handler) {
      const fn = handler as (...args: never[]) => void;
      loose.on(event, fn);
      return () => {
        loose.off(event, fn);
      };
    },
    request(event, payload) {
      return request(socket, event, payload);
    },
    emit(event, payload) {
      loose.emit(event, payload);
    },
  };
}
