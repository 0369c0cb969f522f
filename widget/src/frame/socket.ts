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
