/**
 * Who I am to the hub right now: my profile, my status, the departments and the queues
 * I watch. The agent's own choice of status outlives the connection: presence on the
 * hub ends with it, so after a reconnect (network blip, hub restart) the choice is
 * sent again rather than lost.
 */
import { type Signal, signal } from '@preact/signals';
import type { AgentProfile, AgentStatus, Department } from '@switchboard/shared';
import type { AgentConnection } from '../socket.ts';
import type { NoticeModel } from './notice.ts';
import { settle } from './notice.ts';
import { applyQueueStats, type QueueBoard } from './queues.ts';

export interface PresenceModel {
  agent: Signal<AgentProfile>;
  status: Signal<AgentStatus>;
  departments: Signal<readonly Department[]>;
  /** The queues this agent watches, live. */
  queues: Signal<QueueBoard>;
  setStatus(next: 'online' | 'away'): Promise<void>;
  dispose(): void;
}

export function createPresenceModel(
  conn: AgentConnection,
  profile: AgentProfile,
  notices: NoticeModel,
  now: () => number = Date.now,
): PresenceModel {
  const agent = signal(profile);
  const status = signal<AgentStatus>('offline');
  const departments = signal<readonly Department[]>([]);
  const queues = signal<QueueBoard>(new Map());
  let chosen: 'online' | 'away' | null = null;

  async function sendStatus(next: 'online' | 'away'): Promise<void> {
    const ack = await settle(conn.request('agent:status', { status: next }));
    if (ack === 'timeout') return notices.show('timeout');
    if (ack.ok) status.value = ack.status;
    else notices.show(ack.error.code);
  }

  const off = [
    conn.on('agent:hello', (hello) => {
      agent.value = hello.agent;
      status.value = hello.status;
      departments.value = hello.departments;
      // The hello lists every queue this agent watches now; any other is no longer theirs.
      queues.value = applyQueueStats(new Map(), hello.queues, now());
      if (chosen && hello.status !== chosen) void sendStatus(chosen);
    }),
    conn.on('queue:stats', (stats) => {
      queues.value = applyQueueStats(queues.value, [stats], now());
    }),
  ];

  return {
    agent,
    status,
    departments,
    queues,
    async setStatus(next) {
      chosen = next;
      await sendStatus(next);
    },
    dispose() {
      for (const unsubscribe of off) unsubscribe();
    },
  };
}
