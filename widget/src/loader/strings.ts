import type { Locale } from '@switchboard/shared';

/** The loader's few strings; the frame has its own catalogue (frame/i18n.ts). */
export const LOADER_STRINGS: Record<Locale, { open: string; close: string; title: string }> = {
  en: { open: 'Open chat', close: 'Close chat', title: 'Chat' },
  'zh-CN': { open: '打开聊天', close: '关闭聊天', title: '聊天' },
};
