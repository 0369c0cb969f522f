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
  topicPrompt: {
    en: 'Write your question below and an agent will reply here.',
    'zh-CN': '请在下方输入您的问题，客服会在这里回复您。',
  },
  changeTopic: { en: 'Change topic', 'zh-CN': '更换咨询类别' },
  noAgentOnline: { en: 'No agent is online right now.', 'zh-CN': '当前没有客服在线。' },
  leaveOrWrite: {
    en: 'Leave a message and we will reply here, or write below to wait for one.',
    'zh-CN': '您可以留言，我们会在这里回复；也可以在下方输入，等待客服接入。',
  },
  waitOrLeave: {
    en: 'You can keep waiting or leave a message.',
    'zh-CN': '您可以继续等待，也可以留言。',
  },
  leaveInvite: {
    en: 'Leave a message and we will reply here.',
    'zh-CN': '请留言，我们会在这里回复您。',
  },
  leaveInstead: {
    en: 'Leave a message instead of waiting, and we will reply here.',
    'zh-CN': '不想等待的话，请留言，我们会在这里回复您。',
  },
  comeBackLater: { en: 'Please try again later.', 'zh-CN': '请稍后再试。' },
  queuePosition: { en: 'You are number {position} in line', 'zh-CN': '您当前排在第 {position} 位' },
  waitAbout: { en: 'Estimated wait: about {minutes} min', 'zh-CN': '预计等待约 {minutes} 分钟' },
  waitUnknown: { en: 'Estimated wait: unknown', 'zh-CN': '预计等待时间：未知' },
  requeued: {
    en: 'Your agent was disconnected. You are back in line, ahead of new arrivals.',
    'zh-CN': '客服连接已断开，您已优先回到队列，排在新访客之前。',
  },
  queue: { en: 'Your place in the queue', 'zh-CN': '排队状态' },
  leaveQueue: { en: 'Leave the queue', 'zh-CN': '退出排队' },
  leaveMessage: { en: 'Leave a message', 'zh-CN': '留言' },
  name: { en: 'Name', 'zh-CN': '姓名' },
  email: { en: 'Email', 'zh-CN': '邮箱' },
  yourMessage: { en: 'Your message', 'zh-CN': '留言内容' },
  sendMessage: { en: 'Send message', 'zh-CN': '提交留言' },
  keepWaiting: { en: 'Keep waiting', 'zh-CN': '继续排队' },
  backToChat: { en: 'Back to chat', 'zh-CN': '返回聊天' },
  problem_name_required: { en: 'Enter your name.', 'zh-CN': '请填写您的姓名。' },
  problem_email_required: {
    en: 'Enter your email so we can reach you.',
    'zh-CN': '请填写邮箱，以便我们联系您。',
  },
  problem_email_invalid: {
    en: 'Enter an email address like name@example.com.',
    'zh-CN': '请输入有效的邮箱地址，例如 name@example.com。',
  },
  problem_body_required: { en: 'Write your message.', 'zh-CN': '请填写留言内容。' },
  problem_too_long: { en: 'Use at most {max} characters.', 'zh-CN': '最多可输入 {max} 个字符。' },
  leaveInvalid: {
    en: 'Check your name, email and message, then send again.',
    'zh-CN': '请检查姓名、邮箱和留言内容后重新提交。',
  },
  messageLeftTitle: { en: 'Message sent', 'zh-CN': '留言已提交' },
  messageLeft: {
    en: 'Thank you. We will reply here: open this chat again later to read the answer.',
    'zh-CN': '感谢您的留言。客服会在这里回复，稍后再次打开聊天窗口即可查看。',
  },
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

/** Why a department takes no chats now, in one sentence. */
export const REASON_KEY = {
  closed: 'err_department_closed',
  queue_full: 'err_queue_full',
  disabled: 'err_department_disabled',
  no_agent_online: 'noAgentOnline',
} as const satisfies Record<string, StringKey>;

/** Sentences one after the other: a space between English ones, none between Chinese. */
export function sentences(locale: Locale, ...parts: string[]): string {
  return parts.join(locale === 'zh-CN' ? '' : ' ');
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}

export function timeFormatter(locale: Locale): (epochMs: number) => string {
  const format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  return (epochMs) => format.format(epochMs);
}
