import { LOCALES, type Locale } from '@switchboard/shared';
import { useApp, useT } from '../context.ts';
import { LANGUAGE_NAMES } from '../i18n.ts';

export function LanguageSwitch() {
  const { locale } = useApp();
  const t = useT();
  return (
    <select
      class="compact"
      aria-label={t('language')}
      value={locale.locale.value}
      onChange={(e) => locale.setLocale(e.currentTarget.value as Locale)}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
