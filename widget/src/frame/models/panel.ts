import { signal } from '@preact/signals';
import type { ParentBridge } from '../bridge.ts';
import { type UnreadEvent, type UnreadState, unreadReducer } from './unread.ts';

/**
 * Whether the loader shows us, and the unread count it shows on the launcher. The
 * frame only exists once the visitor opened the panel, so it starts open.
 */
export function createPanelModel(bridge: ParentBridge) {
  const state = signal<UnreadState>({ open: true, count: 0 });

  function dispatch(event: UnreadEvent): void {
    const before = state.value;
    const after = unreadReducer(before, event);
    state.value = after;
    if (after.count !== before.count) {
      bridge.post({ source: 'switchboard', type: 'unread', count: after.count });
    }
  }

  const stop = bridge.listen((message) => dispatch({ type: message.type }));

  return {
    state,
    agentMessage: () => dispatch({ type: 'agentMessage' }),
    minimize: () => bridge.post({ source: 'switchboard', type: 'close' }),
    dispose: stop,
  };
}

export type PanelModel = ReturnType<typeof createPanelModel>;
