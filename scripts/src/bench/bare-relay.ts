/**
 * The baseline the hub is measured against: a bare Socket.IO 4.8 relay, run as its
 * own process by bench.ts. Per message it does only what relaying needs, and nothing
 * of what the hub adds (payload validation, auth, rate limit, routing, SQLite commit,
 * rooms, the echo to the sender's other tabs):
 *
 *   receive `message:send` → `partner.emit('message:new', payload)` → ack `{ ok: true }`
 *
 * With DURABLE_DIR set it is the **floor**: the same relay, but each message is first
 * committed to SQLite exactly as the hub commits it (the hub's connection pragmas,
 * group commit per tick, checkpoints in a worker) into a table with the two
 * constraints the message pipeline requires, UNIQUE(conversation_id, seq) and
 * UNIQUE(conversation_id, client_id); it forwards and acks after the commit. Its seq
 * is a counter in memory, the cheapest there is. No hub can relay faster than the
 * floor, since the hub does all of this and more.
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
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connect, createWriteQueue, startCheckpointer } from '@switchboard/server/durability';
import { LIMITS } from '@switchboard/shared';
import { Server, type Socket } from 'socket.io';

/** What travels: the same fields a visitor sends the hub. */
export interface BarePayload {
  conversationId: string;
  clientId: string;
  body: string;
}

export type BareAck =
  | { ok: true }
  | { ok: false; error: { code: 'not_found' | 'unavailable'; message: string } };

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

/** Commits one message before the relay forwards it; resolves after the commit. */
type Commit = (payload: BarePayload) => Promise<void>;

/** The floor's durable write: the hub's durability machinery, nothing else. */
function durableCommit(dir: string): Commit {
  const filename = join(dir, 'floor.db');
  const db = connect(filename, { externalCheckpoints: true });
  db.exec(`CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, client_id)
  )`);
  const insert = db.prepare(
    'INSERT INTO messages (conversation_id, seq, client_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const writes = createWriteQueue(db);
  startCheckpointer(filename);
  const lastSeq = new Map<string, number>();
  return (p) => {
    const seq = (lastSeq.get(p.conversationId) ?? 0) + 1;
    lastSeq.set(p.conversationId, seq);
    return writes.run(() => {
      insert.run(p.conversationId, seq, p.clientId, p.body, Date.now());
    });
  };
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
  const durableDir = process.env.DURABLE_DIR;
  const commit = durableDir ? durableCommit(durableDir) : null;

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
    const relay = (payload: BarePayload, ack: (ack: BareAck) => void) => {
      const to = partner === null ? undefined : byId.get(partner);
      to?.emit('message:new', payload);
      if (typeof ack !== 'function') return;
      ack(to ? { ok: true } : { ok: false, error: { code: 'not_found', message: 'no partner' } });
    };
    socket.on('message:send', (payload, ack) => {
      if (!commit) return relay(payload, ack);
      commit(payload).then(
        () => relay(payload, ack),
        () => ack({ ok: false, error: { code: 'unavailable', message: 'commit failed' } }),
      );
    });
  });

  httpServer.listen(port, host, () => {
    const address = httpServer.address() as AddressInfo;
    console.log(`${commit ? 'floor' : 'bare'} relay listening on http://${host}:${address.port}`);
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
