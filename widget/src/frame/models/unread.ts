/** Agent messages that arrived while the panel was closed, for the launcher badge. */
export interface UnreadState {
  open: boolean;
  count: number;
}

export type UnreadEvent = { type: 'open' } | { type: 'closed' } | { type: 'agentMessage' };

export function unreadReducer(state: UnreadState, event: UnreadEvent): UnreadState {
  switch (event.type) {
    case 'open':
      return { open: true, count: 0 };
    case 'closed':
      return { open: false, count: state.count };
    case 'agentMessage':
      return state.open ? state : { open: false, count: state.count + 1 };
  }
}
