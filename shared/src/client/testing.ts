/**
 * A fake Connection for unit tests of front-end models: the test plays the hub. It
 * delivers events (`deliver`), answers or drops each request in any order, and goes
 * online and offline, firing the lifecycle events a socket would.
 */
import type { AckedEvent, EventAck, EventPayload } from '../protocol/events.ts';
import type { AgentProfile, Conversation } from '../protocol/model.ts';
import type { Connection, FireEvent, Heard } from './connection.ts';

export interface FakeRequest<M extends object> {
  event: AckedEvent<M>;
  payload: unknown;
  /** Answers with the ack; the model's request resolves. */
  answer(ack: unknown): void;
  /** No answer in time (or the socket dropped): the model's request rejects. */
  drop(): void;
}

export interface FakeConnection<L extends object, M extends object> extends Connection<L, M> {
  /** Requests sent and not yet answered or dropped, oldest first. */
  readonly requests: FakeRequest<M>[];
  /** Events sent without an ack. */
  readonly emitted: { event: FireEvent<M>; payload: unknown }[];
  /** The hub sends an event (or the socket reports its lifecycle). */
  deliver<E extends keyof Heard<L> & string>(
    event: E,
    ...args: Heard<L>[E] extends (...a: infer A) => void ? A : never
  ): void;
  /** Goes online (firing `connect`) or offline (`disconnect`; open requests drop). */
  setConnected(on: boolean, reason?: string): void;
  /** The one open request for `event`; throws if there is none or several. */
  take<E extends AckedEvent<M>>(event: E): FakeRequest<M> & { payload: EventPayload<M, E> };
  /** How many handlers are subscribed, to prove a model unsubscribed. */
  listenerCount(): number;
}

export function createFakeConnection<L extends object, M extends object>(): FakeConnection<L, M> {
  const handlers = new Map<string, Set<(...args: never[]) => void>>();
  const requests: FakeRequest<M>[] = [];
  const emitted: { event: FireEvent<M>; payload: unknown }[] = [];
  let connected = false;
  const fire = (event: string, args: readonly unknown[]) => {
    for (const h of [...(handlers.get(event) ?? [])]) (h as (...a: unknown[]) => void)(...args);
  };
  const fake: FakeConnection<L, M> = {
    get connected() {
      return connected;
    },
    requests,
    emitted,
    on(event, handler) {
      const fn = handler as (...args: never[]) => void;
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    request<E extends AckedEvent<M>>(event: E, payload: EventPayload<M, E>) {
      return new Promise<EventAck<M, E>>((resolve, reject) => {
        const entry: FakeRequest<M> = {
          event,
          payload,
          answer(ack) {
            requests.splice(requests.indexOf(entry), 1);
            resolve(ack as EventAck<M, E>);
          },
          drop() {
            requests.splice(requests.indexOf(entry), 1);
            reject(new Error('operation has timed out'));
          },
        };
        requests.push(entry);
      });
    },
    emit(event, payload) {
      emitted.push({ event, payload });
    },
    deliver(event, ...args) {
      fire(event, args);
    },
    setConnected(on, reason = 'transport close') {
      if (on === connected) return;
      connected = on;
      if (on) return fire('connect', []);
      for (const r of [...requests]) r.drop();
      fire('disconnect', [reason]);
    },
    take<E extends AckedEvent<M>>(event: E) {
      const open = requests.filter((r) => r.event === event);
      const [only] = open;
      if (open.length !== 1 || !only) throw new Error(`${open.length} open ${event} requests`);
      return only as FakeRequest<M> & { payload: EventPayload<M, E> };
    },
    listenerCount() {
      let n = 0;
      for (const set of handlers.values()) n += set.size;
      return n;
    },
  };
  return fake;
}

/** A signed-in agent for front-end tests; `over` changes what a test needs. */
export function testAgent(over: Partial<AgentProfile> = {}): AgentProfile {
  return {
    id: 'a1',
    email: 'a@example.com',
    name: 'Ann',
    role: 'agent',
    departments: ['pre_sales'],
    capacity: 5,
    disabled: false,
    mustChangePassword: false,
    ...over,
  };
}

/** A queued conversation nobody holds, for front-end tests; `over` sets the rest. */
export function testConversation(id: string, over: Partial<Conversation> = {}): Conversation {
  return {
    id,
    department: 'pre_sales',
    status: 'queued',
    visitorId: `v-${id}`,
    visitorName: null,
    visitorHandle: id.toUpperCase(),
    assigneeId: null,
    assigneeName: null,
    createdAt: 1000,
    updatedAt: 1000,
    resolvedAt: null,
    lastSeq: 0,
    lastMessage: null,
    vip: false,
    queuedAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    ...over,
  };
}
