/** Commands a host page may push onto `window.Switchboard`. */
export type Command = 'open' | 'close' | 'toggle';

const COMMANDS: readonly string[] = ['open', 'close', 'toggle'];

/**
 * Accepts `['open']` (the documented form) and a bare `'open'`; anything else is
 * ignored, because the queue is filled by someone else's code.
 */
export function parseCommand(raw: unknown): Command | null {
  const name = Array.isArray(raw) ? raw[0] : raw;
  return typeof name === 'string' && COMMANDS.includes(name) ? (name as Command) : null;
}

/** Whether the panel should be open after a command. */
export function applyCommand(open: boolean, command: Command): boolean {
  if (command === 'toggle') return !open;
  return command === 'open';
}

/** The frame URL for a site; `hostOrigin` is where the frame may post back to. */
export function frameUrl(hubOrigin: string, siteKey: string, hostOrigin: string, locale: string) {
  return `${hubOrigin}/widget/frame?site=${encodeURIComponent(siteKey)}&origin=${encodeURIComponent(hostOrigin)}&locale=${encodeURIComponent(locale)}`;
}
