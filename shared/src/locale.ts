import type { Locale } from './protocol/model.ts';

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/**
 * Picks zh-CN or en from an explicit override or the browser's languages.
 * Any Chinese variant (zh, zh-TW, zh-Hans-CN …) gets zh-CN: it is the only Chinese
 * catalogue we ship, and closer to a Traditional-Chinese reader than English.
 */
export function pickLocale(
  override: string | null | undefined,
  languages: readonly string[],
): Locale {
  for (const tag of [override, ...languages]) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
