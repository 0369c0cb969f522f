/** The inbox, and the conversation its URL names (/console/conversations/:id). */

import { useEffect } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ConversationList } from '../../components/ConversationList.tsx';
import { ConversationPane } from '../../components/ConversationPane.tsx';
import { useT } from '../../context.ts';
import type { Workspace } from '../../workspace.ts';

export function InboxView({ ws }: { ws: Workspace }) {
  const t = useT();
  const { params } = useRoute();
  const id = params.id ?? null;
  // The URL is the one source of the open conversation: a click, a pasted link, a
  // reload and Back all come through here.
  useEffect(() => {
    ws.open(id);
    return () => ws.open(null);
  }, [ws, id]);
  const open = id ? (ws.conversations.byId.value.get(id) ?? null) : null;
  return (
    <div class="columns">
      <ConversationList ws={ws} />
      <main class="pane">
        {open ? (
          <ConversationPane ws={ws} conversation={open} />
        ) : id && ws.loading.value.has(id) ? (
          <p class="pane-empty" role="status">
            {t('loading')}
          </p>
        ) : (
          <p class="pane-empty">{t('pickConversation')}</p>
        )}
      </main>
    </div>
  );
}
