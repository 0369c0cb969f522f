import { type Locale, pickLocale } from '@switchboard/shared';

export interface FrameParams {
  siteKey: string;
  /** The host page's origin: the only target and the only accepted sender for the bridge. */
  hostOrigin: string | null;
  locale: Locale;
}

/** Reads the query the loader put on the frame URL; a malformed origin is dropped. */
export function readParams(search: string, languages: readonly string[]): FrameParams {
  const query = new URLSearchParams(search);
  return {
    siteKey: query.get('site') ?? '',
    hostOrigin: exactOrigin(query.get('origin')),
    locale: pickLocale(query.get('locale'), languages),
  };
}

function exactOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    // An origin, not a URL with a path: anything else means the query was tampered with.
    return url.origin === value && url.origin !== 'null' ? value : null;
  } catch {
    return null;
  }
}
