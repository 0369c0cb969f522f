import type { Conversation } from '@switchboard/shared';
import { useLocation } from 'preact-iso';
import { useApp, useT } from '../context.ts';
import type { MessageKey } from '../i18n.ts';
import { conversationPath } from '../routes.ts';
import type { Workspace } from '../workspace.ts';
import { ConversationItem } from './ConversationItem.tsx';
import { QueueBoard } from './QueueBoard.tsx';

export function ConversationList({ ws }: { ws: Workspace }) {
  const t = useT();
  const { mine, waiting, resolved } = ws.groups.value;
  return (
    <nav class="list" aria-label={t('conversations')}>
      <QueueBoard ws={ws} />
      <Group ws={ws} title="mine" items={mine} empty="emptyMine" />
      <Group ws={ws} title="waiting" items={waiting} empty="emptyWaiting" />
      {resolved.length > 0 && <Group ws={ws} title="resolved" items={resolved} empty={null} />}
    </nav>
  );
}

function Group(props: {
  ws: Workspace;
  title: 'mine' | 'waiting' | 'resolved';
  items: Conversation[];
  empty: MessageKey | null;
}) {
  const { ws, title, items, empty } = props;
  const { locale } = useApp();
  const { route } = useLocation();
  const t = useT();
  const headingId = `group-${title}`;
  const departments = ws.departments.value;
  return (
    <section class="group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(title)} <span class="count">{items.length}</span>
      </h2>
      {items.length === 0 && empty ? <p class="group-empty">{t(empty)}</p> : null}
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <ConversationItem
              conversation={c}
              departmentName={
                departments.find((d) => d.id === c.department)?.name[locale.locale.value] ??
                c.department
              }
              unread={ws.unreadById.value.get(c.id) ?? 0}
              now={ws.now.value}
              selected={ws.openId.value === c.id}
              onOpen={() => route(conversationPath(c.id))}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
