import type { Conversation } from '@switchboard/shared';
import { useApp, useT } from '../context.ts';
import { previewText, visitorLabel } from '../models/conversations.ts';
import { formatDuration, formatMessageTime } from '../time-format.ts';

export function ConversationItem(props: {
  conversation: Conversation;
  departmentName: string;
  unread: number;
  now: number;
  selected: boolean;
  onOpen(): void;
}) {
  const { conversation: c, departmentName, unread, now, selected, onOpen } = props;
  const { locale } = useApp();
  const t = useT();
  const lang = locale.locale.value;
  const visitor = visitorLabel(c, lang);
  const preview = c.lastMessage ? previewText(c.lastMessage.body) : t('noMessagesYet');
  const when =
    c.status === 'queued'
      ? t('waitingFor', { duration: formatDuration(lang, now - c.createdAt) })
      : formatMessageTime(lang, c.lastMessage?.createdAt ?? c.updatedAt, now);
  // One name that says it all for screen readers (and tests), in reading order.
  const label = [
    visitor,
    departmentName,
    preview,
    unread > 0 ? t('unreadCount', { count: unread }) : null,
    when,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <button
      type="button"
      class={`item${selected ? ' selected' : ''}${unread > 0 ? ' has-unread' : ''}`}
      aria-label={label}
      aria-current={selected ? 'true' : undefined}
      onClick={onOpen}
    >
      <span class="item-row">
        <span class="item-name">{visitor}</span>
        <span class="item-when">{when}</span>
      </span>
      <span class="item-row">
        <span class="item-preview">{preview}</span>
        {unread > 0 && <span class="badge">{unread}</span>}
      </span>
      <span class="item-dept">{departmentName}</span>
    </button>
  );
}
