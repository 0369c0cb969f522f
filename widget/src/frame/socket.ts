import type { VisitorClientEvents, VisitorServerEvents } from '@switchboard/shared';
import { io, type Socket } from 'socket.io-client';
import type { TokenStore } from './identity.ts';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

export function connectVisitor(siteKey: string, tokens: TokenStore): VisitorSocket {
  return io('/visitor', {
    // A function, so every reconnect reads the token the hub most recently gave us.
    auth: (cb) => cb({ siteKey, token: tokens.get(siteKey) }),
    transports: ['websocket'],
  });
}

type AckEvent = 'conversation:list' | 'conversation:start' | 'conversation:sync' | 'message:send';
type PayloadOf<E extends AckEvent> = Parameters<VisitorClientEvents[E]>[0];
export type AckOf<E extends AckEvent> = Parameters<Parameters<VisitorClientEvents[E]>[1]>[0];

export const ACK_TIMEOUT_MS = 10_000;

/**
 * emitWithAck with a timeout, typed. socket.io's own typing loses the ack type under
 * timeout() (it prepends an error argument, and FirstArg then infers any). Rejects on
 * timeout or disconnect: the caller treats that as "outcome unknown".
 */
export function request<E extends AckEvent>(
  socket: VisitorSocket,
  event: E,
  payload: PayloadOf<E>,
): Promise<AckOf<E>> {
  const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck(event: E, payload: PayloadOf<E>): Promise<AckOf<E>>;
  };
  return timed.emitWithAck(event, payload);
}
