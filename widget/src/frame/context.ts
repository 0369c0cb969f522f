import type { Locale } from '@switchboard/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from './i18n.ts';
import type { ChatModel } from './models/chat.ts';
import type { LeaveMessageModel } from './models/leave-message.ts';
import type { PanelModel } from './models/panel.ts';
import type { QueueModel } from './models/queue.ts';
import type { SiteModel } from './models/site.ts';

/** Everything components read, made once in main.tsx and disposed together. */
export interface FrameContext {
  locale: Locale;
  t: Translate;
  time: (epochMs: number) => string;
  site: SiteModel;
  chat: ChatModel;
  queue: QueueModel;
  leave: LeaveMessageModel;
  panel: PanelModel;
}

export const Context = createContext<FrameContext | null>(null);

export function useFrame(): FrameContext {
  const value = useContext(Context);
  if (!value) throw new Error('useFrame() outside <Context.Provider>');
  return value;
}
