/**
 * The routing scenario against the hub. Agents of every department go online; visitor
 * sockets are connected up front, then start their conversations (each with its first
 * message) on the plan's schedule. Each agent resolves a chat the plan's hold after it
 * hears the chat is theirs, so capacity frees and the queue drains. Everything is timed
 * on this process's clock; routing-plan.ts adds it up.
 */
import { performance } from 'node:perf_hooks';
import { nanoid } from 'nanoid';
import { io } from 'socket.io-client';
import type { Probe } from './load.ts';
import {
  type AgentSocket,
  first,
  inParallel,
  options,
  STEP_TIMEOUT_MS,
  type VisitorSocket,
} from './peers.ts';
import type { Arrival, Trace } from './routing-plan.ts';
import type { SeededAgent } from './seed.ts';

/** The three departments the hub seeds on its first start (server/src/bootstrap.ts). */
export const ROUTING_DEPARTMENTS = ['pre_sales', 'post_sales', 'technical'] as const;

const FIRST_MESSAGE = 'Hello, is the Spruce 3 in stock in the blue one? I would like two.';

export interface RoutingDrive {
  traces: Trace[];
  /** First send → every conversation settled (resolved, or refused). */
  seconds: number;
  /** Acks with ok: false, by event and error code. */
  refused: Record<string, number>;
  /** Times an agent was told of a chat while already holding its capacity. */
  overCapacity: number;
  /** Assignments of conversations this bench did not start, or told twice. */
  unexpected: number;
}

/** The hub did not settle every conversation in time; the message says what was left. */
export class RoutingTimeout extends Error {}

export interface RoutingPeers {
  /** Drives the plan; rejects if the conversations are not all settled within limitMs. */
  run(probe: Probe, limitMs: number): Promise<RoutingDrive>;
  close(): void;
}

export async function connectRoutingPeers(
  url: string,
  seeded: readonly SeededAgent[],
  capacity: number,
  plan: readonly Arrival[],
): Promise<RoutingPeers> {
  const sockets: (AgentSocket | VisitorSocket)[] = [];
  const close = () => {
    for (const s of sockets) s.disconnect();
  };
  const traces: Trace[] = plan.map(() => ({
    sentAt: Number.NaN,
    ackedAt: null,
    ackStatus: null,
    assignedAt: null,
    freedAt: null,
    resolvedAt: null,
  }));
  const visitorIndex = new Map<string, number>();
  const told = new Set<string>();
  const refused: Record<string, number> = {};
  let overCapacity = 0;
  let unexpected = 0;
  let settled = 0;
  let onSettled = () => {};
  const refuse = (what: string) => {
    refused[what] = (refused[what] ?? 0) + 1;
  };
  const settle = () => {
    settled += 1;
    if (settled === plan.length) onSettled();
  };

  try {
    await inParallel(seeded.length, async (k) => {
      const agent = seeded[k] as SeededAgent;
      const socket: AgentSocket = io(
        `${url}/agent`,
        options(url, { extraHeaders: { origin: url, cookie: agent.cookie } }),
      );
      sockets.push(socket);
      await first(socket, 'agent:hello', `agent ${k}`);
      // The agent's open chats as the hub announces them: a resolve that frees capacity
      // is announced before the assignment that takes it.
      const open = new Set<string>();
      // Resolves sent and not yet acked, oldest first. The hub assigns the chat a resolve
      // made room for before it acks the resolve, so an assignment that arrives while
      // one is in flight took the room the oldest made.
      const resolving: { conversationId: string; sentAt: number }[] = [];
      const resolve = (conversationId: string, trace: Trace) => {
        resolving.push({ conversationId, sentAt: performance.now() });
        socket.emit('conversation:resolve', { conversationId }, (ack) => {
          const k = resolving.findIndex((r) => r.conversationId === conversationId);
          if (k >= 0) resolving.splice(k, 1);
          if (ack.ok) trace.resolvedAt = performance.now();
          else refuse(`resolve: ${ack.error.code}`);
          settle();
        });
      };
      socket.on('conversation:updated', (c) => {
        if (c.status === 'resolved') open.delete(c.id);
        if (c.status !== 'assigned' || c.assigneeId !== agent.id) return;
        const at = performance.now();
        const i = visitorIndex.get(c.visitorId);
        const trace = i === undefined ? undefined : traces[i];
        if (i === undefined || !trace || told.has(c.id)) {
          unexpected += 1;
          return;
        }
        told.add(c.id);
        trace.assignedAt = at;
        trace.freedAt = resolving.shift()?.sentAt ?? null;
        if (open.size >= capacity) overCapacity += 1;
        open.add(c.id);
        setTimeout(resolve, (plan[i] as Arrival).holdMs, c.id, trace);
      });
      const ack = await socket.timeout(STEP_TIMEOUT_MS).emitWithAck('agent:status', {
        status: 'online',
      });
      if (!ack.ok) throw new Error(`agent ${k} status: ${ack.error.code}`);
    });

    const visitors = await inParallel(plan.length, async (i) => {
      const socket: VisitorSocket = io(
        `${url}/visitor`,
        options(url, { auth: { siteKey: 'demo' } }),
      );
      sockets.push(socket);
      const session = await first<{ visitorId: string }>(socket, 'visitor:session', `visitor ${i}`);
      visitorIndex.set(session.visitorId, i);
      return socket;
    });

    const start = (i: number) => {
      const trace = traces[i] as Trace;
      trace.sentAt = performance.now();
      const { department } = plan[i] as Arrival;
      const payload = { department, clientId: nanoid(), body: FIRST_MESSAGE };
      (visitors[i] as VisitorSocket).emit('conversation:start', payload, (ack) => {
        trace.ackedAt = performance.now();
        if (ack.ok) {
          trace.ackStatus = ack.conversation.status;
        } else {
          refuse(`start: ${ack.error.code}`);
          settle();
        }
      });
    };

    return {
      close,
      async run(probe, limitMs) {
        const allSettled = new Promise<void>((resolve) => {
          onSettled = resolve;
          if (plan.length === 0) resolve();
        });
        probe.begin();
        const t0 = performance.now();
        let next = 0;
        let timer: ReturnType<typeof setTimeout> | undefined;
        // One timer: each wake-up sends every arrival that has fallen due.
        const arrive = () => {
          const elapsed = performance.now() - t0;
          while (next < plan.length && (plan[next] as Arrival).atMs <= elapsed) start(next++);
          const due = plan[next];
          if (due) timer = setTimeout(arrive, due.atMs - (performance.now() - t0));
        };
        arrive();
        let limit: ReturnType<typeof setTimeout> | undefined;
        const timedOut = await Promise.race([
          allSettled.then(() => false),
          new Promise<boolean>((resolve) => {
            limit = setTimeout(() => resolve(true), limitMs);
          }),
        ]);
        clearTimeout(limit);
        clearTimeout(timer);
        const seconds = (performance.now() - t0) / 1000;
        probe.end();
        if (timedOut) throw new RoutingTimeout(unsettled(traces, limitMs));
        return { traces, seconds, refused, overCapacity, unexpected };
      },
    };
  } catch (error) {
    close();
    throw error;
  }
}

/** Why the run gave up, in numbers: what the hub left undone. */
function unsettled(traces: readonly Trace[], limitMs: number): string {
  const count = (test: (t: Trace) => boolean) => traces.filter(test).length;
  const unsent = count((t) => Number.isNaN(t.sentAt));
  const unacked = count((t) => !Number.isNaN(t.sentAt) && t.ackedAt === null);
  const unassigned = count((t) => t.ackedAt !== null && t.assignedAt === null);
  const unresolved = count((t) => t.assignedAt !== null && t.resolvedAt === null);
  const statuses = new Map<string, number>();
  for (const t of traces) {
    if (t.ackedAt !== null && t.assignedAt === null && t.ackStatus) {
      statuses.set(t.ackStatus, (statuses.get(t.ackStatus) ?? 0) + 1);
    }
  }
  const started = [...statuses].map(([status, n]) => `${n} ${status}`).join(', ');
  return (
    `not done within ${limitMs / 1000} s: of ${traces.length} conversations, ` +
    `${unsent} not started yet, ${unacked} start unanswered, ` +
    `${unassigned} never assigned${started ? ` (start said ${started})` : ''}, ` +
    `${unresolved} assigned but not resolved (--routing-limit=SECONDS waits longer)`
  );
}
