/**
 * Connects the load generator's peers: N visitor sockets, each paired with an agent
 * socket, against the hub or the bare relay. Every socket is its own WebSocket
 * connection (forceNew), as each browser tab would be. Setup is bounded: a fixed
 * number of connections in flight and a timeout on every step.
 */
import type {
  AgentClientEvents,
  AgentServerEvents,
  Conversation,
  VisitorClientEvents,
  VisitorServerEvents,
} from '@switchboard/shared';
import { nanoid } from 'nanoid';
import { io, type Socket } from 'socket.io-client';
import type { BareAuth, BareClientEvents, BareServerEvents } from './bare-relay.ts';
import { BENCH_DEPARTMENT, type SeededAgent } from './seed.ts';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
type BareSocket = Socket<BareServerEvents, BareClientEvents>;

export const STEP_TIMEOUT_MS = 20_000;
const CONCURRENCY = 50;

/** Where the driver learns about each message; set once the peers are connected. */
export interface Sink {
  /** The agent side received the message with this clientId. */
  received(clientId: string): void;
  /** The server refused it (ack ok: false). */
  refused(clientId: string, code: string): void;
}

export interface Pair {
  /** Sends one ≈200-byte message from the visitor, with an ack. */
  send(clientId: string, body: string): void;
}

export interface Peers {
  pairs: Pair[];
  /** Disconnects every socket. */
  close(): void;
}

export function options(url: string, extra: Record<string, unknown> = {}) {
  return {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { origin: url },
    ...extra,
  };
}

/** Resolves with the first `event` payload, rejects on connect_error or timeout. */
export function first<T>(socket: Socket, event: string, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what}: no ${event} within ${STEP_TIMEOUT_MS} ms`));
    }, STEP_TIMEOUT_MS);
    const onEvent = (payload: T) => {
      cleanup();
      resolve(payload);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new Error(`${what}: ${error.message}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off(event, onEvent);
      socket.off('connect_error', onError);
    };
    socket.on(event, onEvent);
    socket.on('connect_error', onError);
  });
}

/** Runs `task` for 0..count-1 with at most CONCURRENCY at once; fails on the first error. */
export async function inParallel<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return results;
}

/**
 * The hub: agents (already holding sessions) connect to /agent and go online; each
 * visitor connects to /visitor and starts a 'pre_sales' conversation, which routing
 * assigns to the least-loaded online agent. The pair is visitor → that agent.
 */
export async function connectHubPeers(
  url: string,
  seeded: readonly SeededAgent[],
  pairCount: number,
  sink: Sink,
): Promise<Peers> {
  const sockets: Socket[] = [];
  const close = () => {
    for (const s of sockets) s.disconnect();
  };
  try {
    const agentById = new Map<string, AgentSocket>();
    await inParallel(seeded.length, async (i) => {
      const agent = seeded[i] as SeededAgent;
      const socket: AgentSocket = io(
        `${url}/agent`,
        options(url, { extraHeaders: { origin: url, cookie: agent.cookie } }),
      );
      sockets.push(socket);
      await first(socket, 'agent:hello', `agent ${i}`);
      const ack = await socket.timeout(STEP_TIMEOUT_MS).emitWithAck('agent:status', {
        status: 'online',
      });
      if (!ack.ok) throw new Error(`agent ${i} status: ${ack.error.code}`);
      socket.on('message:new', (m) => {
        if (m.author === 'visitor') sink.received(m.clientId);
      });
      agentById.set(agent.id, socket);
    });

    const pairs = await inParallel(pairCount, async (i): Promise<Pair> => {
      const socket: VisitorSocket = io(
        `${url}/visitor`,
        options(url, { auth: { siteKey: 'demo' } }),
      );
      sockets.push(socket);
      await first(socket, 'visitor:session', `visitor ${i}`);
      const assigned = new Promise<Conversation>((resolve) => {
        socket.on('conversation:updated', (c) => {
          if (c.status === 'assigned') resolve(c);
        });
      });
      const ack = await socket.timeout(STEP_TIMEOUT_MS).emitWithAck('conversation:start', {
        department: BENCH_DEPARTMENT,
        clientId: nanoid(),
        body: 'Hello',
      });
      if (!ack.ok) throw new Error(`visitor ${i} start: ${ack.error.code}`);
      const conversation =
        ack.conversation.status === 'assigned'
          ? ack.conversation
          : await withTimeout(assigned, `visitor ${i} assignment`);
      socket.removeAllListeners('conversation:updated');
      if (!conversation.assigneeId || !agentById.has(conversation.assigneeId)) {
        throw new Error(`visitor ${i}: assigned to an agent the bench does not hold`);
      }
      const conversationId = conversation.id;
      return {
        send(clientId, body) {
          socket.emit('message:send', { conversationId, clientId, body }, (reply) => {
            if (!reply.ok) sink.refused(clientId, reply.error.code);
          });
        },
      };
    });
    return { pairs, close };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * The bare relay: agent `a<k>` and visitor `v<i>` name each other in the handshake;
 * visitor i's partner is agent i mod agentCount, like the hub's balanced routing.
 */
export async function connectBarePeers(
  url: string,
  agentCount: number,
  pairCount: number,
  sink: Sink,
): Promise<Peers> {
  const sockets: Socket[] = [];
  const close = () => {
    for (const s of sockets) s.disconnect();
  };
  const connect = async (auth: BareAuth, what: string): Promise<BareSocket> => {
    const socket: BareSocket = io(url, options(url, { auth }));
    sockets.push(socket);
    await first(socket, 'connect', what);
    return socket;
  };
  try {
    await inParallel(agentCount, async (k) => {
      const socket = await connect({ id: `a${k}` }, `bare agent ${k}`);
      socket.on('message:new', (m) => sink.received(m.clientId));
    });
    const pairs = await inParallel(pairCount, async (i): Promise<Pair> => {
      const socket = await connect(
        { id: `v${i}`, partner: `a${i % agentCount}` },
        `bare visitor ${i}`,
      );
      const conversationId = `c${i}`;
      return {
        send(clientId, body) {
          socket.emit('message:send', { conversationId, clientId, body }, (reply) => {
            if (!reply.ok) sink.refused(clientId, reply.error.code);
          });
        },
      };
    });
    return { pairs, close };
  } catch (error) {
    close();
    throw error;
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what}: none within ${STEP_TIMEOUT_MS} ms`)),
      STEP_TIMEOUT_MS,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
