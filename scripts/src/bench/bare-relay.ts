/**
 * The baseline the hub is measured against: a bare Socket.IO 4.8 relay, run as its
 * own process by bench.ts. Per message it does only what relaying needs, and nothing
 * of what the hub adds (payload validation, auth, rate limit, routing, SQLite commit,
 * rooms, the echo to the sender's other tabs):
 *
 *   receive `message:send` → `partner.emit('message:new', payload)` → ack `{ ok: true }`
 *
 * Each client names itself and its partner in the handshake (`auth: { id, partner }`);
 * an agent may be the partner of several visitors. Same engine settings as the hub:
 * websocket frames, no compression, same frame limit and ping timers.
 *
 * Usage: node --import tsx bare-relay.ts   (PORT, HOST from the environment;
 * prints "bare relay listening on <url>" once it listens).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { LIMITS } from '@switchboard/shared';
import { Server, type Socket } from 'socket.io';

/** What travels: the same fields a visitor sends the hub. */
export interface BarePayload {
  conversationId: string;
  clientId: string;
  body: string;
}

export type BareAck = { ok: true } | { ok: false; error: { code: 'not_found'; message: string } };

export interface BareClientEvents {
  'message:send': (payload: BarePayload, ack: (ack: BareAck) => void) => void;
}

export interface BareServerEvents {
  'message:new': (payload: BarePayload) => void;
}

export interface BareAuth {
  id: string;
  partner?: string;
}

function main(): void {
  const port = Number(process.env.PORT ?? 0);
  const host = process.env.HOST ?? '127.0.0.1';
  const httpServer = createServer();
  const io = new Server<BareClientEvents, BareServerEvents>(httpServer, {
    serveClient: false,
    perMessageDeflate: false,
    maxHttpBufferSize: LIMITS.maxFrameBytes,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });

  const byId = new Map<string, Socket<BareClientEvents, BareServerEvents>>();

  io.on('connection', (socket) => {
    const auth = socket.handshake.auth as Partial<BareAuth>;
    if (typeof auth.id !== 'string') {
      socket.disconnect(true);
      return;
    }
    const id = auth.id;
    const partner = typeof auth.partner === 'string' ? auth.partner : null;
    byId.set(id, socket);
    socket.on('disconnect', () => {
      if (byId.get(id) === socket) byId.delete(id);
    });
    socket.on('message:send', (payload, ack) => {
      const to = partner === null ? undefined : byId.get(partner);
      to?.emit('message:new', payload);
      if (typeof ack !== 'function') return;
      ack(to ? { ok: true } : { ok: false, error: { code: 'not_found', message: 'no partner' } });
    });
  });

  httpServer.listen(port, host, () => {
    const address = httpServer.address() as AddressInfo;
    console.log(`bare relay listening on http://${host}:${address.port}`);
  });

  const stop = () => {
    io.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// Only when run as a program; bench.ts and load.ts import its types alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
