import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { ConversationList } from '../components/ConversationList.tsx';
import { ConversationPane } from '../components/ConversationPane.tsx';
import { TopBar } from '../components/TopBar.tsx';
import { useT } from '../context.ts';
import { errorKey } from '../i18n.ts';
import type { Workspace } from '../workspace.ts';

export function WorkspaceView({ ws }: { ws: Workspace }) {
  const t = useT();
  const openId = ws.openId.value;
  const notice = ws.notice.value;
  const open = openId ? (ws.conversations.byId.value.get(openId) ?? null) : null;
  return (
    <div class="workspace">
      <TopBar ws={ws} />
      <ConnectionBanner connected={ws.connected.value} />
      {notice && (
        <p class="notice" role="alert">
          {t(errorKey(notice))}
        </p>
      )}
      <div class="columns">
        <ConversationList ws={ws} />
        <main class="pane">
          {open ? (
            <ConversationPane ws={ws} conversation={open} />
          ) : (
            <p class="pane-empty">{t('pickConversation')}</p>
          )}
        </main>
      </div>
    </div>
  );
}
