import type { Conversation, Message } from '@switchboard/shared';
import type { Broadcast } from '../dispatch/dispatcher.ts';
import type { MessageTarget } from '../store/messages.ts';
import type { Namespaces } from './namespaces.ts';
import { rooms } from './rooms.ts';

/**
 * Turns dispatcher effects into emits. Internal notes go to staff rooms only;
 * visitors hear only about their own conversations.
 */
export function createBroadcast({ visitor: visitors, agent: staff }: Namespaces): Broadcast {
  const staffOf = (c: MessageTarget) =>
    c.status === 'waiting'
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
    typing(c: MessageTarget, from: 'visitor' | 'agent', typing: boolean) {
      const event = { conversationId: c.id, typing };
      if (from === 'agent') visitors.to(rooms.visitor(c.visitorId)).emit('typing:changed', event);
      else staffOf(c).emit('typing:changed', event);
    },
  };
}
