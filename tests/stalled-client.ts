/**
 * A Socket.IO visitor spoken by hand over a raw TCP socket, so a test can do what no
 * well-behaved client does: send requests and stop reading the answers (the socket
 * is paused, so the kernel's buffers fill and the hub is left holding the rest).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

/** One masked WebSocket text frame, as a client must send it. */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x81, 0x80 | length])
      : length < 65536
        ? Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), bigLength(length)]);
  for (let i = 0; i < length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, payload]);
}

function bigLength(length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(length));
  return b;
}

export interface StalledClient {
  /** Sends a /visitor event with an ack id; the answer is never read until resume(). */
  emit(id: number, event: string, payload: unknown): void;
  /** Reads again: resolves with how many bytes arrive until the hub closes the socket. */
  drainUntilClosed(timeoutMs: number): Promise<{ bytes: number; closed: boolean }>;
  close(): void;
}

/** Connects to /visitor as the visitor with `token`, then stops reading. */
export async function stalledVisitor(url: string, token: string): Promise<StalledClient> {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(
    [
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Origin: ${url}`,
      '',
      '',
    ].join('\r\n'),
  );
  // Read until the namespace has accepted us, then read no more.
  let seen = '';
  let opened = false;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (!opened && seen.includes('0{"sid"')) {
        // Engine.io is open: join the namespace.
        opened = true;
        socket.write(frame(`40/visitor,${JSON.stringify({ siteKey: 'demo', token })}`));
      }
      if (seen.includes('visitor:session')) {
        socket.off('data', onData);
        socket.pause();
        resolve();
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  return {
    emit(id, event, payload) {
      socket.write(frame(`42/visitor,${id}${JSON.stringify([event, payload])}`));
    },
    async drainUntilClosed(timeoutMs) {
      let bytes = 0;
      const closed = new Promise<boolean>((resolve) => {
        socket.once('close', () => resolve(true));
        setTimeout(() => resolve(false), timeoutMs);
      });
      socket.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      // A reset (the hub destroyed the connection) is a close too.
      socket.on('error', () => {});
      socket.resume();
      const wasClosed = await closed;
      return { bytes, closed: wasClosed };
    },
    close() {
      socket.destroy();
    },
  };
}
