// Jobs and mails of the accounts domain.
import type { AppDeps } from '../../web/context.ts';
import type { OutgoingMail } from '../../platform/mail/index.ts';
import { t } from '../../platform/i18n/index.ts';

export function passwordResetMail(data: { user: { id: string; email: string; name: string }; url: string; token: string }): OutgoingMail {
  const locale = 'it';
  return {
    key: `password-reset:${data.user.id}:${data.token}`,
    to: data.user.email,
    subject: t(locale, 'accounts.reset_mail.subject'),
    text: t(locale, 'accounts.reset_mail.body', { name: data.user.name, url: data.url }),
  };
}

export function registerAccountJobs(_deps: AppDeps): void {}
