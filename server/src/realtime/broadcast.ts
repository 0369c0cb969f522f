import type { Conversation, Message } from '@switchboard/shared';
import type { Broadcast } from '../dispatch/dispatcher.ts';
import type { HubMetrics } from '../metrics/metrics.ts';
import type { MessageTarget } from '../store/messages.ts';
import type { Namespaces } from './namespaces.ts';
import { rooms } from './rooms.ts';

/**
 * Turns dispatcher effects into emits. Internal notes go to staff rooms only;
 * visitors hear only about their own conversations.
 */
export function createBroadcast({ visitor: visitors, agent: staff }: Namespaces): Broadcast {
  // Chats nobody holds yet are for the whole department: queued, and messages left.
  const staffOf = (c: MessageTarget) =>
    c.status === 'queued' || c.status === 'pending'
      ? staff.to(rooms.conversation(c.id)).to(rooms.department(c.department))
      : staff.to(rooms.conversation(c.id));

  return {
    message(c: MessageTarget, m: Message, except?: string) {
      const skip = except ?? [];
      if (m.kind === 'text') {
        visitors.to(rooms.visitor(c.visitorId)).except(skip).emit('message:new', m);
      }
      staffOf(c).except(skip).emit('message:new', m);
    },
    conversation(c: Conversation) {
      visitors.to(rooms.visitor(c.visitorId)).emit('conversation:updated', c);
      staff
        .to(rooms.conversation(c.id))
        .to(rooms.department(c.department))
        .emit('conversation:updated', c);
    },
    follow(agentId: string, conversationId: string) {
      staff.in(rooms.agent(agentId)).socketsJoin(rooms.conversation(conversationId));
    },
    unfollow(agentId, conversationId) {
      staff.in(rooms.agent(agentId)).socketsLeave(rooms.conversation(conversationId));
    },
    queuePosition(visitorId, position) {
      visitors.to(rooms.visitor(visitorId)).emit('queue:position', position);
    },
    queueStats(stats) {
      staff
        .to(rooms.department(stats.department))
        .to(rooms.supervisors())
        .emit('queue:stats', stats);
    },
    offerLeaveMessage(visitorId, offer) {
      visitors.to(rooms.visitor(visitorId)).emit('conversation:offer', offer);
    },
    sla(alert) {
      staff.to(rooms.supervisors()).emit('sla:alert', alert);
    },
    typing(c: MessageTarget, from: 'visitor' | 'agent', typing: boolean) {
      const event = { conversationId: c.id, typing };
      if (from === 'agent') visitors.to(rooms.visitor(c.visitorId)).emit('typing:changed', event);
      else staffOf(c).emit('typing:changed', event);
    },
  };
}

/** The broadcast, counting the SLA breaches it announces for /metrics. */
export function counted(broadcast: Broadcast, metrics: HubMetrics | undefined): Broadcast {
  if (!metrics) return broadcast;
  return {
    ...broadcast,
    sla(alert) {
      if (alert.kind === 'breach') metrics.slaBreached(alert.department, alert.target);
      broadcast.sla(alert);
    },
  };
}
