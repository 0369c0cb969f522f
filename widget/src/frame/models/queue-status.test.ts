import type { Conversation } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { topicOffer, waitMinutes, wasRequeued } from './queue-status.ts';

describe('topicOffer', () => {
  it('offers chat when open, or when availability is not known in time', () => {
    expect(topicOffer({ status: 'open' })).toEqual({ kind: 'chat', leaveOffered: false });
    expect(topicOffer('failed')).toEqual({ kind: 'chat', leaveOffered: false });
    expect(topicOffer('checking')).toEqual({ kind: 'checking' });
  });
  it('still lets the visitor wait when nobody is online, with a message offered beside', () => {
    expect(topicOffer({ status: 'unstaffed', leaveMessage: true })).toEqual({
      kind: 'chat',
      leaveOffered: true,
    });
    expect(topicOffer({ status: 'unstaffed', leaveMessage: false })).toEqual({
      kind: 'chat',
      leaveOffered: false,
    });
  });
  it('takes a message instead when chat is refused, if the department takes messages', () => {
    expect(topicOffer({ status: 'closed', leaveMessage: true })).toEqual({
      kind: 'leave',
      reason: 'closed',
    });
    expect(topicOffer({ status: 'queue_full', leaveMessage: false })).toEqual({
      kind: 'refused',
      reason: 'queue_full',
    });
    expect(topicOffer({ status: 'disabled', leaveMessage: false })).toEqual({
      kind: 'refused',
      reason: 'disabled',
    });
  });
});

describe('waitMinutes', () => {
  it('rounds up to whole minutes, at least one', () => {
    expect(waitMinutes(1)).toBe(1);
    expect(waitMinutes(60_000)).toBe(1);
    expect(waitMinutes(60_001)).toBe(2);
    expect(waitMinutes(0)).toBe(1);
  });
  it('keeps unknown unknown', () => {
    expect(waitMinutes(null)).toBeNull();
    expect(waitMinutes(Number.NaN)).toBeNull();
  });
});

describe('wasRequeued', () => {
  const conv = (over: Partial<Conversation>): Conversation => ({
    id: 'c',
    department: 'pre_sales',
    status: 'assigned',
    visitorId: 'v',
    visitorName: null,
    visitorHandle: '4F2A',
    assigneeId: 'a',
    assigneeName: 'Ada',
    createdAt: 1,
    updatedAt: 1,
    resolvedAt: null,
    lastSeq: 1,
    lastMessage: null,
    vip: false,
    queuedAt: 1,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    ...over,
  });
  it('sees an assigned chat go back to its own queue', () => {
    expect(wasRequeued(conv({}), conv({ status: 'queued' }))).toBe(true);
  });
  it('ignores a transfer, a first queueing, and another conversation', () => {
    expect(wasRequeued(conv({}), conv({ status: 'queued', department: 'technical' }))).toBe(false);
    expect(wasRequeued(conv({ status: 'queued' }), conv({ status: 'queued' }))).toBe(false);
    expect(wasRequeued(conv({}), conv({ id: 'd', status: 'queued' }))).toBe(false);
    expect(wasRequeued(null, conv({ status: 'queued' }))).toBe(false);
  });
});
