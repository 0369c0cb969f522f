/**
 * The postMessage envelope between the loader (on the host page) and the chat frame
 * (on the hub's origin). Both sides check `event.origin` exactly and never post to
 * '*'. Every message carries `source: 'switchboard'` so unrelated postMessage
 * traffic on the host page is ignored.
 */
export type FrameToLoader =
  | { source: 'switchboard'; type: 'ready' }
  | { source: 'switchboard'; type: 'close' }
  | { source: 'switchboard'; type: 'unread'; count: number };

export type LoaderToFrame =
  | { source: 'switchboard'; type: 'open' }
  | { source: 'switchboard'; type: 'closed' };

export type BridgeMessage = FrameToLoader | LoaderToFrame;

export function isBridgeMessage(data: unknown): data is BridgeMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { source?: unknown }).source === 'switchboard' &&
    typeof (data as { type?: unknown }).type === 'string'
  );
}
