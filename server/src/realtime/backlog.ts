/**
 * Output a socket was given but the network has not taken. A client that stops
 * reading (or sends requests and never reads the answers) makes the hub hold every
 * answer in memory; past a bound the socket is dropped instead.
 *
 * Engine.io and ws keep what is unsent in fields their types mark private, read here
 * and nowhere else: engine.io's `writeBuffer` (packets waiting for the transport,
 * which takes a new batch only once ws has written the last one) and the ws socket's
 * `bufferedAmount` (bytes handed to ws that the kernel has not accepted). Both are
 * checked by the read-flood integration test, which fails if an upgrade moves them.
 */
import { Buffer } from 'node:buffer';
import type { Socket } from 'socket.io';

type Conn = Socket['conn'];
type Watched = Pick<Socket, 'conn' | 'id'>;

function field(owner: unknown, name: string): unknown {
  return typeof owner === 'object' && owner !== null ? Reflect.get(owner, name) : undefined;
}

function packetBytes(packet: unknown): number {
  const data = field(packet, 'data');
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** Bytes queued for this connection that have not reached the kernel yet. */
function unsentBytes(conn: Conn): number {
  let bytes = 0;
  const queued = field(conn, 'writeBuffer');
  if (Array.isArray(queued)) for (const packet of queued) bytes += packetBytes(packet);
  const buffered = field(field(conn.transport, 'socket'), 'bufferedAmount');
  if (typeof buffered === 'number') bytes += buffered;
  return bytes;
}

/**
 * Closes the connection without waiting to flush (a graceful close would wait for
 * the very client that does not read), and destroys the WebSocket at once so its
 * buffers are freed now rather than after ws's 30 s closing handshake timeout.
 */
export function drop(conn: Conn): void {
  conn.close(true);
  const ws = field(conn.transport, 'socket');
  const terminate = field(ws, 'terminate');
  if (typeof terminate === 'function') terminate.call(ws);
}

export interface BacklogGuard {
  /** Drops the socket if its backlog passed the bound; true when it did. */
  check(socket: Watched): boolean;
  /** Checks every socket of these namespaces every `everyMs`; returns the stop. */
  watch(
    namespaces: readonly { sockets: ReadonlyMap<string, Watched> }[],
    everyMs: number,
  ): () => void;
}

export function createBacklogGuard(
  maxBytes: number,
  onDrop: (socketId: string, bytes: number) => void,
): BacklogGuard {
  const check: BacklogGuard['check'] = (socket) => {
    const bytes = unsentBytes(socket.conn);
    if (bytes <= maxBytes) return false;
    onDrop(socket.id, bytes);
    drop(socket.conn);
    return true;
  };
  return {
    check,
    watch(namespaces, everyMs) {
      // Broadcasts reach sockets that never ask for anything; answers are checked as
      // they go out (see the handlers), this catches the rest.
      const timer = setInterval(() => {
        for (const nsp of namespaces) for (const socket of nsp.sockets.values()) check(socket);
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
