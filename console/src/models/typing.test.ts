import type { AgentClientEvents, AgentServerEvents } from '@switchboard/shared';
import { createFakeConnection } from '@switchboard/shared/testing';
import { describe, expect, it } from 'vitest';
import { createTypingModel } from './typing.ts';

function setup() {
  const conn = createFakeConnection<AgentServerEvents, AgentClientEvents>();
  const typing = createTypingModel(conn);
  conn.setConnected(true);
  return { conn, typing };
}

describe('typing model', () => {
  it('shows which visitors type, from typing:changed', () => {
    const { conn, typing } = setup();
    conn.deliver('typing:changed', { conversationId: 'c1', typing: true });
    expect([...typing.typing.value]).toEqual(['c1']);
    conn.deliver('typing:changed', { conversationId: 'c1', typing: false });
    expect(typing.typing.value.size).toBe(0);
    typing.dispose();
  });

  it("announces the agent's typing and its end, only while connected", () => {
    const { conn, typing } = setup();
    typing.typed('c1');
    typing.stop();
    expect(conn.emitted).toEqual([
      { event: 'typing:set', payload: { conversationId: 'c1', typing: true } },
      { event: 'typing:set', payload: { conversationId: 'c1', typing: false } },
    ]);
    conn.setConnected(false);
    typing.typed('c2');
    expect(conn.emitted).toHaveLength(2);
    typing.dispose();
  });

  it('unsubscribes on dispose', () => {
    const { conn, typing } = setup();
    typing.dispose();
    expect(conn.listenerCount()).toBe(0);
  });
});
