/**
 * Every string the chat frame shows, en and zh-CN side by side so a missing
 * translation is visible in review (and fails i18n.test.ts).
 */
import type { ErrorCode, Locale } from '@switchboard/shared';

export const STRINGS = {
  minimize: { en: 'Minimize chat', 'zh-CN': '最小化' },
  connecting: { en: 'Connecting…', 'zh-CN': '连接中…' },
  reconnecting: { en: 'Reconnecting…', 'zh-CN': '正在重新连接…' },
  loading: { en: 'Loading…', 'zh-CN': '加载中…' },
  unavailable: { en: 'Chat is unavailable right now.', 'zh-CN': '聊天暂时不可用。' },
  pickTopic: { en: 'How can we help?', 'zh-CN': '请问需要什么帮助？' },
  viewPrevious: { en: 'View previous conversation', 'zh-CN': '查看上一次对话' },
  startNew: { en: 'Start a new conversation', 'zh-CN': '开始新的对话' },
  waiting: { en: 'Waiting for an agent…', 'zh-CN': '正在等待客服…' },
  joined: { en: '{name} joined', 'zh-CN': '{name} 已加入' },
  ended: { en: 'This conversation has ended', 'zh-CN': '本次对话已结束' },
  agentTyping: { en: 'Agent is typing…', 'zh-CN': '客服正在输入…' },
  agent: { en: 'Agent', 'zh-CN': '客服' },
  you: { en: 'You', 'zh-CN': '我' },
  sending: { en: 'Sending…', 'zh-CN': '发送中…' },
  retry: { en: 'Retry', 'zh-CN': '重试' },
  message: { en: 'Message', 'zh-CN': '消息' },
  send: { en: 'Send', 'zh-CN': '发送' },
  transcript: { en: 'Conversation', 'zh-CN': '对话' },
  remaining: { en: '{count} characters left', 'zh-CN': '还可输入 {count} 个字符' },
  err_invalid_payload: { en: 'The message was not accepted.', 'zh-CN': '消息未被接受。' },
  err_too_large: { en: 'The message is too long.', 'zh-CN': '消息太长。' },
  err_unauthorized: { en: 'Your session has expired.', 'zh-CN': '会话已过期。' },
  err_forbidden: { en: 'Not allowed.', 'zh-CN': '没有权限。' },
  err_not_found: { en: 'Conversation not found.', 'zh-CN': '找不到该对话。' },
  err_conversation_closed: {
    en: 'This conversation has ended.',
    'zh-CN': '本次对话已结束。',
  },
  err_rate_limited: {
    en: 'Too many messages. Wait a moment.',
    'zh-CN': '发送太频繁，请稍候。',
  },
  err_unavailable: { en: 'Service unavailable. Try again.', 'zh-CN': '服务不可用，请重试。' },
  err_already_exists: { en: 'That already exists.', 'zh-CN': '该内容已存在。' },
  err_invalid_state: {
    en: 'That is not possible right now.',
    'zh-CN': '当前无法进行此操作。',
  },
  err_already_assigned: {
    en: 'An agent is already with you.',
    'zh-CN': '已有客服在为您服务。',
  },
  err_agent_offline: { en: 'That agent is offline.', 'zh-CN': '该客服已离线。' },
  err_agent_away: { en: 'That agent is away.', 'zh-CN': '该客服暂时离开。' },
  err_agent_at_capacity: { en: 'That agent is busy.', 'zh-CN': '该客服正忙。' },
  err_agent_not_in_department: {
    en: 'That agent cannot help with this topic.',
    'zh-CN': '该客服无法处理此类问题。',
  },
  err_department_disabled: {
    en: 'This topic is not available.',
    'zh-CN': '该咨询类别暂不可用。',
  },
  err_department_closed: {
    en: 'We are closed right now.',
    'zh-CN': '当前不在服务时间。',
  },
  err_queue_full: {
    en: 'Too many people are waiting right now.',
    'zh-CN': '当前排队人数已满。',
  },
  err_leave_message_disabled: {
    en: 'Messages cannot be left for this topic.',
    'zh-CN': '该咨询类别不接受留言。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

/** Looks a string up and fills `{name}` placeholders. */
export function translate(
  locale: Locale,
  key: StringKey,
  vars: Record<string, string | number> = {},
): string {
  return STRINGS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** The localized text for an ack error code; unknown codes read as 'unavailable'. */
export function errorKey(code: ErrorCode | string): StringKey {
  const key = `err_${code}`;
  return key in STRINGS ? (key as StringKey) : 'err_unavailable';
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}

export function timeFormatter(locale: Locale): (epochMs: number) => string {
  const format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  return (epochMs) => format.format(epochMs);
}
