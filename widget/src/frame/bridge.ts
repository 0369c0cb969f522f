import { type FrameToLoader, isBridgeMessage, type LoaderToFrame } from '@switchboard/shared';

export interface ParentBridge {
  post(message: FrameToLoader): void;
  /** Returns a function that stops listening. */
  listen(handler: (message: LoaderToFrame) => void): () => void;
}

/**
 * Talks to the loader on the host page. Without a valid host origin the bridge stays
 * silent: posting to '*' could hand our events to whoever framed us.
 */
export function createParentBridge(hostOrigin: string | null): ParentBridge {
  const parent = window.parent !== window ? window.parent : null;
  return {
    post(message) {
      if (parent && hostOrigin) parent.postMessage(message, hostOrigin);
    },
    listen(handler) {
      const onMessage = (event: MessageEvent) => {
        if (!parent || !hostOrigin) return;
        if (event.origin !== hostOrigin || event.source !== parent) return;
        if (!isBridgeMessage(event.data)) return;
        const message = event.data as LoaderToFrame;
        if (message.type === 'open' || message.type === 'closed') handler(message);
      };
      window.addEventListener('message', onMessage);
      return () => window.removeEventListener('message', onMessage);
    },
  };
}
