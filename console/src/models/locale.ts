/** The console's language: the user's choice, else the browser's languages. */
import { computed, type Signal, signal } from '@preact/signals';
import { LOCALES, type Locale, pickLocale } from '@switchboard/shared';
import { type MessageKey, type Params, translate } from '../i18n.ts';

const STORAGE_KEY = 'switchboard.console.locale';

export interface LocaleModel {
  locale: Signal<Locale>;
  /** `t` re-derives when the locale changes, so components re-render on a switch. */
  t: Signal<(key: MessageKey, params?: Params) => string>;
  setLocale(locale: Locale): void;
}

/** Storage may be missing or throw (private mode, sandboxed iframes): it is optional. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function createLocaleModel(
  storage: KeyValueStorage | null,
  languages: readonly string[],
): LocaleModel {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    saved = null;
  }
  const locale = signal<Locale>(pickLocale(saved, languages));
  const t = computed(() => {
    const current = locale.value;
    return (key: MessageKey, params?: Params) => translate(current, key, params);
  });
  return {
    locale,
    t,
    setLocale(next) {
      if (!LOCALES.includes(next)) return;
      locale.value = next;
      try {
        storage?.setItem(STORAGE_KEY, next);
      } catch {
        // Not persisting is fine: the choice still holds for this page.
      }
    },
  };
}
