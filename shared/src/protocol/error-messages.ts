/**
 * What the account codes (errors.ts) say to a person, in every locale. The front ends'
 * own catalogues explain the ack codes; these are shared so that the console's sign-in
 * and admin screens, whatever their shape, say the same thing.
 */
import type { AccountErrorCode } from './errors.ts';
import type { Locale } from './model.ts';

export const ACCOUNT_ERROR_MESSAGES: Readonly<
  Record<AccountErrorCode, Readonly<Record<Locale, string>>>
> = {
  account_disabled: {
    en: 'This account is disabled. Ask an admin to enable it.',
    'zh-CN': '此账号已被停用，请联系管理员启用。',
  },
  password_change_required: {
    en: 'Choose a new password before you continue.',
    'zh-CN': '请先设置新密码再继续。',
  },
};
