/**
 * The harness every cross-package test uses: a real hub on an ephemeral port over a
 * real SQLite file in a temp dir, and real socket.io-client peers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type Config, type Store } from '@switchboard/server';
import { hashPassword } from '@switchboard/server/auth';
import { bootstrap } from '@switchboard/server/bootstrap';
import { DEFAULT_CONFIG } from '@switchboard/server/config';
import { openSqliteStore } from '@switchboard/server/store/sqlite';
import type {
  Ack,
  AgentClientEvents,
  AgentProfile,
  AgentServerEvents,
  Conversation,
  Message,
  Role,
  VisitorClientEvents,
  VisitorServerEvents,
} from '@switchboard/shared';
import { nanoid } from 'nanoid';
import { io, type Socket } from 'socket.io-client';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password' };

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

export interface Hub {
  url: string;
  dataDir: string;
  store: Store;
  /** Closes every visitor socket from the hub's side, as a dropped network would. */
  dropVisitors(): void;
  /**
   * Closes every socket of one agent from the hub's side, as a dropped network would.
   * The hub notes the disconnect before this returns, so a fake clock advanced after
   * it measures the grace period from now.
   */
  dropAgent(agentId: string): void;
  /**
   * Runs routing for what fell due by the hub's clock: with a fake clock, advance it
   * and tick instead of waiting for the timer.
   */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'switchboard-test-'));
}

export async function startHub(
  options: { dataDir?: string; config?: Partial<Config>; clock?: () => number } = {},
): Promise<Hub> {
  const dataDir = options.dataDir ?? (await tempDir());
  const config: Config = {
    ...DEFAULT_CONFIG,
    port: 0,
    dataDir,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    ...options.config,
  };
  const store = openSqliteStore({ filename: join(dataDir, 'switchboard.db') });
  const app = await buildApp({ config, store, clock: options.clock });
  await bootstrap(store, config, Date.now());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('hub did not bind');
  const ownsDir = !options.dataDir;
  return {
    url: `http://127.0.0.1:${address.port}`,
    dataDir,
    store,
    tick: () => app.dispatcher.tick(),
    dropVisitors() {
      app.io.of('/visitor').disconnectSockets(true);
    },
    dropAgent(agentId) {
      // The room of all an agent's sockets (server/src/realtime/rooms.ts).
      app.io.of('/agent').in(`agent:${agentId}`).disconnectSockets(true);
    },
    async close() {
      await app.close();
      await store.close();
      if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates an agent straight in the store (there is no admin API yet). */
export async function createAgent(
  hub: Pick<Hub, 'store'>,
  over: { name?: string; departments?: string[]; role?: Role } = {},
): Promise<AgentProfile & { password: string }> {
  const password = `pw-${nanoid(8)}`;
  const profile = await hub.store.agents.create(
    {
      id: nanoid(),
      email: `${nanoid(6).toLowerCase()}@example.com`,
      name: over.name ?? 'Agent',
      role: over.role ?? 'agent',
      passwordHash: await hashPassword(password),
      departments: over.departments ?? ['pre_sales'],
    },
    Date.now(),
  );
  return { ...profile, password };
}

/** Signs in over HTTP and returns the session cookie. */
export async function signIn(
  hub: Pick<Hub, 'url'>,
  email: string,
  password: string,
): Promise<string> {
  const response = await fetch(`${hub.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers.get('set-cookie');
  if (!response.ok || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(';')[0] ?? '';
}

const clientOptions = (hub: Pick<Hub, 'url'>) => ({
  transports: ['websocket'],
  forceNew: true,
  reconnection: false,
  extraHeaders: { origin: hub.url },
});

export interface VisitorPeer {
  socket: VisitorSocket;
  visitorId: string;
  token: string;
}

export async function connectVisitor(
  hub: Pick<Hub, 'url'>,
  auth: { siteKey?: string; token?: string } = {},
): Promise<VisitorPeer> {
  const socket: VisitorSocket = io(`${hub.url}/visitor`, {
    ...clientOptions(hub),
    auth: { siteKey: auth.siteKey ?? 'demo', ...(auth.token ? { token: auth.token } : {}) },
  });
  const session = await new Promise<{ visitorId: string; token: string }>((resolve, reject) => {
    socket.once('visitor:session', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, ...session };
}

/** Every message of a conversation the visitor with `token` sees, page by page. */
export async function syncAll(
  hub: Pick<Hub, 'url'>,
  token: string,
  conversationId: string,
): Promise<Message[]> {
  const v = await connectVisitor(hub, { token });
  const messages: Message[] = [];
  try {
    for (;;) {
      const page = expectOk(
        await call<{ messages: Message[] }>(v.socket, 'conversation:sync', {
          conversationId,
          afterSeq: messages.at(-1)?.seq ?? 0,
        }),
      ).messages;
      if (page.length === 0) return messages;
      messages.push(...page);
    }
  } finally {
    v.socket.close();
  }
}

export async function connectAgent(
  hub: Pick<Hub, 'url'>,
  cookie: string,
): Promise<{ socket: AgentSocket; hello: Parameters<AgentServerEvents['agent:hello']>[0] }> {
  const socket: AgentSocket = io(`${hub.url}/agent`, {
    ...clientOptions(hub),
    extraHeaders: { origin: hub.url, cookie },
  });
  const hello = await new Promise<Parameters<AgentServerEvents['agent:hello']>[0]>(
    (resolve, reject) => {
      socket.once('agent:hello', resolve);
      socket.once('connect_error', reject);
    },
  );
  return { socket, hello };
}

/**
 * Signs in a new agent of the given departments, connects, and sets them online. The
 * cookie lets a test reconnect with the same session.
 */
export async function onlineAgent(
  hub: Pick<Hub, 'url' | 'store'>,
  departments = ['pre_sales'],
  name = 'Agent',
  role: Role = 'agent',
) {
  const agent = await createAgent(hub, { departments, name, role });
  const cookie = await signIn(hub, agent.email, agent.password);
  const { socket } = await connectAgent(hub, cookie);
  expectOk(await call(socket, 'agent:status', { status: 'online' }));
  return { agent, socket, cookie };
}

/** A clock the test moves by hand: pass `now` to startHub, then advance and `hub.tick()`. */
export function fakeClock(start = Date.now()) {
  let at = start;
  return {
    now: () => at,
    advance(ms: number) {
      at += ms;
    },
  };
}

/**
 * Starts a conversation from this visitor socket with its first message (seq 1, text
 * `body`); fails the test if the hub refuses.
 */
export async function startConversation(
  socket: Socket,
  department = 'pre_sales',
  body = 'Hello',
): Promise<Conversation> {
  const start = { department, clientId: nanoid(), body };
  return expectOk(await call<{ conversation: Conversation }>(socket, 'conversation:start', start))
    .conversation;
}

/** Emits with an ack and waits for it (5 s). */
export function call<T extends object>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<Ack<T>> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

export function expectOk<T extends object>(ack: Ack<T>): { ok: true } & T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack;
}

/** The next event of that name whose payload passes the test. */
export function next<T>(
  socket: Socket,
  event: string,
  test: (payload: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!test(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

export { nanoid };
