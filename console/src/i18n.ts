/**
 * The console's one string catalogue: every key carries en and zh-CN side by side, so
 * a missing translation is a type error rather than a blank label. `{name}` marks a
 * parameter; both languages must use the same ones (i18n.test.ts checks).
 */
import type { ErrorCode, Locale } from '@switchboard/shared';

type Entry = Readonly<Record<Locale, string>>;

export const CATALOGUE = {
  productName: { en: 'Switchboard', 'zh-CN': 'Switchboard' },
  // Sign in
  signInTitle: { en: 'Sign in to the console', 'zh-CN': '登录客服工作台' },
  email: { en: 'Email', 'zh-CN': '邮箱' },
  password: { en: 'Password', 'zh-CN': '密码' },
  signIn: { en: 'Sign in', 'zh-CN': '登录' },
  signingIn: { en: 'Signing in…', 'zh-CN': '正在登录…' },
  badCredentials: { en: 'Wrong email or password.', 'zh-CN': '邮箱或密码不正确。' },
  signInFailed: {
    en: 'Could not sign in. Check your connection and try again.',
    'zh-CN': '无法登录，请检查网络后重试。',
  },
  accountDisabled: {
    en: 'This account is disabled. Ask an admin to enable it.',
    'zh-CN': '此账号已被停用，请联系管理员启用。',
  },
  // Choosing one's own password after a temporary one
  choosePasswordTitle: { en: 'Choose your password', 'zh-CN': '设置您的密码' },
  choosePasswordIntro: {
    en: 'Welcome, {name}. You signed in with a temporary password; choose your own to continue.',
    'zh-CN': '{name}，您好。您使用的是临时密码，请设置自己的密码后继续。',
  },
  currentPassword: { en: 'Temporary password', 'zh-CN': '临时密码' },
  newPassword: { en: 'New password', 'zh-CN': '新密码' },
  confirmPassword: { en: 'New password again', 'zh-CN': '再次输入新密码' },
  passwordRule: {
    en: 'At least {min} characters, not the temporary one.',
    'zh-CN': '至少 {min} 个字符，且不能与临时密码相同。',
  },
  passwordTooShort: { en: 'The new password is too short.', 'zh-CN': '新密码太短。' },
  passwordsDiffer: { en: 'The two new passwords differ.', 'zh-CN': '两次输入的新密码不一致。' },
  currentPasswordWrong: {
    en: 'The temporary password is not right. Type it again.',
    'zh-CN': '临时密码不正确，请重新输入。',
  },
  passwordRefused: {
    en: 'That password cannot be used. Choose another one.',
    'zh-CN': '该密码不可用，请换一个。',
  },
  savePassword: { en: 'Save and continue', 'zh-CN': '保存并继续' },
  savingPassword: { en: 'Saving…', 'zh-CN': '正在保存…' },
  loading: { en: 'Loading…', 'zh-CN': '加载中…' },
  // Top bar
  status: { en: 'Status', 'zh-CN': '状态' },
  online: { en: 'Online', 'zh-CN': '在线' },
  away: { en: 'Away', 'zh-CN': '离开' },
  language: { en: 'Language', 'zh-CN': '语言' },
  signOut: { en: 'Sign out', 'zh-CN': '退出登录' },
  signOutTitle: { en: 'Sign out with open chats?', 'zh-CN': '还有进行中的会话，确定退出？' },
  signOutOneChat: {
    en: 'Your open chat goes back to the head of the queue for other agents.',
    'zh-CN': '你正在接待的会话将退回队列最前，由其他客服接待。',
  },
  signOutOpenChats: {
    en: 'Your {count} open chats go back to the head of the queue for other agents.',
    'zh-CN': '你正在接待的 {count} 个会话将退回队列最前，由其他客服接待。',
  },
  cancel: { en: 'Cancel', 'zh-CN': '取消' },
  // Areas (the top bar's navigation) and their pages
  areas: { en: 'Areas', 'zh-CN': '功能区' },
  area_inbox: { en: 'Inbox', 'zh-CN': '收件箱' },
  area_board: { en: 'Board', 'zh-CN': '监控台' },
  area_admin: { en: 'Admin', 'zh-CN': '管理' },
  boardTitle: { en: 'Supervisor board', 'zh-CN': '主管监控台' },
  boardComing: {
    en: 'Coming soon: every agent and every queue, live.',
    'zh-CN': '即将推出：实时查看每位客服和每个队列。',
  },
  adminTitle: { en: 'Administration', 'zh-CN': '系统管理' },
  adminIntro: {
    en: 'These settings move into the console soon.',
    'zh-CN': '以下设置即将移入客服工作台。',
  },
  comingSoon: { en: 'Coming soon', 'zh-CN': '即将推出' },
  admin_agents: { en: 'Agents', 'zh-CN': '客服账号' },
  admin_departments: { en: 'Departments', 'zh-CN': '部门' },
  admin_canned: { en: 'Canned responses', 'zh-CN': '快捷回复' },
  admin_sites: { en: 'Sites', 'zh-CN': '站点' },
  admin_sensitiveWords: { en: 'Sensitive words', 'zh-CN': '敏感词' },
  admin_blocklist: { en: 'Blocklist', 'zh-CN': '黑名单' },
  admin_dispositions: { en: 'Dispositions and tags', 'zh-CN': '会话小结与标签' },
  pageNotFound: { en: 'There is no such page.', 'zh-CN': '页面不存在。' },
  pageNotAllowed: {
    en: 'Your role does not give access to this page.',
    'zh-CN': '你的角色无权访问此页面。',
  },
  backToInbox: { en: 'Back to the inbox', 'zh-CN': '返回收件箱' },
  reconnecting: { en: 'Reconnecting…', 'zh-CN': '正在重新连接…' },
  // Conversation list
  conversations: { en: 'Conversations', 'zh-CN': '会话' },
  mine: { en: 'Mine', 'zh-CN': '我的会话' },
  waiting: { en: 'Waiting', 'zh-CN': '排队中' },
  resolved: { en: 'Resolved', 'zh-CN': '已结束' },
  emptyMine: { en: 'No conversations assigned to you.', 'zh-CN': '暂无分配给你的会话。' },
  emptyWaiting: { en: 'Nobody is waiting.', 'zh-CN': '暂无排队的访客。' },
  noMessagesYet: { en: 'No messages yet', 'zh-CN': '暂无消息' },
  unreadCount: { en: '{count} unread', 'zh-CN': '{count} 条未读' },
  waitingFor: { en: 'waiting {duration}', 'zh-CN': '已等待 {duration}' },
  queues: { en: 'Queues', 'zh-CN': '排队概况' },
  queueEmpty: { en: 'nobody waiting', 'zh-CN': '无人排队' },
  queueLength: { en: '{count} waiting', 'zh-CN': '{count} 人排队' },
  queueLengthLongest: {
    en: '{count} waiting · longest {duration}',
    'zh-CN': '{count} 人排队 · 最长 {duration}',
  },
  // Conversation pane
  pickConversation: {
    en: 'Pick a conversation on the left.',
    'zh-CN': '请在左侧选择一个会话。',
  },
  statusWaiting: { en: 'Waiting', 'zh-CN': '排队中' },
  statusAssigned: { en: 'In progress', 'zh-CN': '进行中' },
  statusResolved: { en: 'Resolved', 'zh-CN': '已结束' },
  statusPending: { en: 'Message left', 'zh-CN': '留言' },
  assignedTo: { en: 'Assigned to {name}', 'zh-CN': '接待人：{name}' },
  unassigned: { en: 'Unassigned', 'zh-CN': '未分配' },
  claim: { en: 'Claim', 'zh-CN': '接入' },
  resolve: { en: 'Resolve', 'zh-CN': '结束会话' },
  transcript: { en: 'Transcript', 'zh-CN': '聊天记录' },
  loadingTranscript: { en: 'Loading messages…', 'zh-CN': '正在加载消息…' },
  visitor: { en: 'Visitor', 'zh-CN': '访客' },
  visitorAnonymous: { en: 'Visitor {handle}', 'zh-CN': '访客 {handle}' },
  you: { en: 'You', 'zh-CN': '你' },
  internalNote: { en: 'Internal note', 'zh-CN': '内部备注' },
  sending: { en: 'Sending…', 'zh-CN': '发送中…' },
  retry: { en: 'Retry', 'zh-CN': '重试' },
  visitorTyping: { en: 'Visitor is typing…', 'zh-CN': '访客正在输入…' },
  // Composer
  message: { en: 'Message', 'zh-CN': '消息' },
  send: { en: 'Send', 'zh-CN': '发送' },
  composerHintClaim: {
    en: 'Claim this conversation to reply.',
    'zh-CN': '接入此会话后才能回复。',
  },
  composerHintOther: {
    en: 'This conversation is handled by someone else.',
    'zh-CN': '此会话由其他客服接待。',
  },
  composerHintResolved: { en: 'This conversation has ended.', 'zh-CN': '此会话已结束。' },
  composerHelp: {
    en: 'Enter to send, Shift+Enter for a new line',
    'zh-CN': 'Enter 发送，Shift+Enter 换行',
  },
  tooLong: { en: '{count} characters over the limit', 'zh-CN': '超出 {count} 个字符' },
  // Ack errors, by the shared error code
  err_invalid_payload: { en: 'The hub refused this request.', 'zh-CN': '请求无效。' },
  err_too_large: { en: 'Too long to send.', 'zh-CN': '内容过长，无法发送。' },
  err_unauthorized: { en: 'Your session has ended.', 'zh-CN': '登录已失效。' },
  err_forbidden: { en: 'You may not do this here.', 'zh-CN': '你没有权限执行此操作。' },
  err_not_found: { en: 'This conversation no longer exists.', 'zh-CN': '会话不存在。' },
  err_conversation_closed: { en: 'This conversation has ended.', 'zh-CN': '此会话已结束。' },
  err_rate_limited: { en: 'Too fast — wait a moment.', 'zh-CN': '操作过于频繁，请稍候。' },
  err_unavailable: { en: 'The hub is busy; try again.', 'zh-CN': '服务暂时不可用，请重试。' },
  err_timeout: { en: 'The hub did not answer in time.', 'zh-CN': '服务器响应超时。' },
  err_already_exists: {
    en: 'That email or id is already taken.',
    'zh-CN': '该邮箱或标识已被使用。',
  },
  err_invalid_state: {
    en: 'Not possible while the conversation is in this state.',
    'zh-CN': '会话当前状态不允许此操作。',
  },
  err_already_assigned: {
    en: 'Another agent already has this conversation.',
    'zh-CN': '此会话已由其他客服接入。',
  },
  err_agent_offline: { en: 'That agent is offline.', 'zh-CN': '该客服已离线。' },
  err_agent_away: { en: 'That agent is away.', 'zh-CN': '该客服处于离开状态。' },
  err_agent_at_capacity: {
    en: 'That agent is at capacity.',
    'zh-CN': '该客服的接待量已满。',
  },
  err_agent_not_in_department: {
    en: 'That agent is not in this department.',
    'zh-CN': '该客服不属于此部门。',
  },
  err_department_disabled: { en: 'This department is disabled.', 'zh-CN': '该部门已停用。' },
  err_department_closed: {
    en: 'This department is outside its business hours.',
    'zh-CN': '该部门当前不在服务时间内。',
  },
  err_queue_full: { en: 'The queue is full.', 'zh-CN': '排队人数已满。' },
  err_leave_message_disabled: {
    en: 'This department does not take messages.',
    'zh-CN': '该部门不接受留言。',
  },
} as const satisfies Record<string, Entry>;

export type MessageKey = keyof typeof CATALOGUE;
export type Params = Readonly<Record<string, string | number>>;

/** Looks a key up and fills `{name}` parameters; an unknown parameter is left visible. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text: string = CATALOGUE[key][locale];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The catalogue key that explains an ack error code to a person. */
export function errorKey(code: ErrorCode | 'timeout'): MessageKey {
  return `err_${code}`;
}

/** Names of the languages, each in itself, for the language switch. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  'zh-CN': '中文',
};
