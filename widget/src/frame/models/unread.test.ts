import { describe, expect, it } from 'vitest';
import { type UnreadEvent, type UnreadState, unreadReducer } from './unread.ts';

const run = (events: UnreadEvent[], start: UnreadState = { open: true, count: 0 }) =>
  events.reduce(unreadReducer, start);

describe('unreadReducer', () => {
  it('counts agent messages only while closed', () => {
    expect(run([{ type: 'agentMessage' }]).count).toBe(0);
    expect(
      run([{ type: 'closed' }, { type: 'agentMessage' }, { type: 'agentMessage' }]).count,
    ).toBe(2);
  });
  it('resets when the panel opens', () => {
    expect(run([{ type: 'closed' }, { type: 'agentMessage' }, { type: 'open' }])).toEqual({
      open: true,
      count: 0,
    });
  });
});
