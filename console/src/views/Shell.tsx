/**
 * The signed-in frame: top bar, connection state and notices, and the routed area.
 * Areas a role may not use render a refusal instead of their screen.
 */

import type { ComponentChildren } from 'preact';
import { Router, useRoute } from 'preact-iso';
import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { TopBar } from '../components/TopBar.tsx';
import { useT } from '../context.ts';
import { errorKey, type MessageKey } from '../i18n.ts';
import { type Area, mayUse, PATHS } from '../routes.ts';
import type { Workspace } from '../workspace.ts';
import { AdminView } from './admin/AdminView.tsx';
import { BoardView } from './board/BoardView.tsx';
import { InboxView } from './inbox/InboxView.tsx';

export function Shell({ ws }: { ws: Workspace }) {
  const t = useT();
  const notice = ws.notice.value;
  return (
    <div class="workspace">
      <TopBar ws={ws} />
      <ConnectionBanner connected={ws.connected.value} />
      {notice && (
        <p class="notice" role="alert">
          {t(errorKey(notice))}
        </p>
      )}
      <Router>
        <Routed path={PATHS.inbox} ws={ws} area="inbox">
          <InboxView ws={ws} />
        </Routed>
        <Routed path={PATHS.conversation} ws={ws} area="inbox">
          <InboxView ws={ws} />
        </Routed>
        <Routed path={PATHS.board} ws={ws} area="board">
          <BoardView />
        </Routed>
        <Routed path={PATHS.admin} ws={ws} area="admin">
          <AdminView />
        </Routed>
        <Refusal default message="pageNotFound" />
      </Router>
    </div>
  );
}

/** What the router reads off each child: its pattern, or that it is the fallback. */
interface RouteMatch {
  path?: string;
  default?: boolean;
}

function Routed(props: RouteMatch & { ws: Workspace; area: Area; children: ComponentChildren }) {
  // Reading the route keeps this component subscribed to it (params reach the view).
  useRoute();
  if (!mayUse(props.ws.agent.value.role, props.area)) return <Refusal message="pageNotAllowed" />;
  return <>{props.children}</>;
}

function Refusal({ message }: RouteMatch & { message: MessageKey }) {
  const t = useT();
  return (
    <main class="page">
      <p>{t(message)}</p>
      <p>
        <a href={PATHS.inbox}>{t('backToInbox')}</a>
      </p>
    </main>
  );
}
