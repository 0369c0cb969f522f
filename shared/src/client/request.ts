/**
 * The one way both front ends ask the hub something and wait for its answer.
 * Types come from the namespace's event map: the payload of the event, and the ack
 * the hub answers it with.
 */
import type { Socket } from 'socket.io-client';
import type { AckedEvent, EventAck, EventPayload } from '../protocol/events.ts';

/** DESIGN.md: an ack not back in 10 s counts as "outcome unknown". */
const ACK_TIMEOUT_MS = 10_000;

/**
 * Emits `event` and resolves with the hub's ack. Rejects when no ack arrives within
 * `timeoutMs` or the socket disconnects first: the caller must treat that as "outcome
 * unknown" (a write may still have landed; retry it with the same clientId).
 */
export function request<L extends object, M extends object, E extends AckedEvent<M>>(
  socket: Socket<L, M>,
  event: E,
  payload: EventPayload<M, E>,
  timeoutMs: number = ACK_TIMEOUT_MS,
): Promise<EventAck<M, E>> {
  // socket.io's own types lose the ack type under timeout() (socket.io issue 4925: it
  // prepends an error argument to the callback and the inferred type collapses to
  // any), so the one cast of the client side lives here, checked by the signature.
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: E, payload: EventPayload<M, E>): Promise<EventAck<M, E>>;
  };
  return timed.emitWithAck(event, payload);
}
