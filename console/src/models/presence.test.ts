import type { AgentClientEvents, AgentServerEvents } from '@switchboard/shared';
import { createFakeConnection, testAgent } from '@switchboard/shared/testing';
import { describe, expect, it } from 'vitest';
import { createNoticeModel } from './notice.ts';
import { createPresenceModel } from './presence.ts';

const ME = testAgent();

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup() {
  const conn = createFakeConnection<AgentServerEvents, AgentClientEvents>();
  const notices = createNoticeModel();
  const presence = createPresenceModel(conn, ME, notices, () => 1000);
  conn.setConnected(true);
  return { conn, notices, presence };
}

const hello = (status: 'online' | 'away' | 'offline') => ({
  agent: { ...ME, name: 'Ann Lee' },
  status,
  departments: [],
  queues: [{ department: 'pre_sales', length: 2, longestWaitMs: 500 }],
});

describe('presence model', () => {
  it('takes profile, status and queues from agent:hello, and queue:stats live', () => {
    const { conn, presence } = setup();
    conn.deliver('agent:hello', hello('offline'));
    expect(presence.agent.value.name).toBe('Ann Lee');
    expect(presence.status.value).toBe('offline');
    expect([...presence.queues.value.keys()]).toEqual(['pre_sales']);
    conn.deliver('queue:stats', { department: 'pre_sales', length: 0, longestWaitMs: null });
    expect(presence.queues.value.get('pre_sales')?.length).toBe(0);
  });

  it('sets the status the hub acks, and sends the choice again after a reconnect', async () => {
    const { conn, presence } = setup();
    const done = presence.setStatus('online');
    const req = conn.take('agent:status');
    expect(req.payload).toEqual({ status: 'online' });
    req.answer({ ok: true, status: 'online' });
    await done;
    expect(presence.status.value).toBe('online');

    // The hub restarted: presence ended with the connection, the hello says offline.
    conn.setConnected(false);
    conn.setConnected(true);
    conn.deliver('agent:hello', hello('offline'));
    expect(conn.take('agent:status').payload).toEqual({ status: 'online' });
  });

  it('shows a refusal or a timeout as a notice', async () => {
    const { conn, notices, presence } = setup();
    const refused = presence.setStatus('away');
    conn.take('agent:status').answer({ ok: false, error: { code: 'forbidden', message: '' } });
    await refused;
    expect(notices.notice.value).toBe('forbidden');
    const lost = presence.setStatus('away');
    conn.take('agent:status').drop();
    await lost;
    await flush();
    expect(notices.notice.value).toBe('timeout');
    notices.dispose();
  });

  it('unsubscribes everything on dispose', () => {
    const { conn, presence } = setup();
    expect(conn.listenerCount()).toBeGreaterThan(0);
    presence.dispose();
    expect(conn.listenerCount()).toBe(0);
  });
});
