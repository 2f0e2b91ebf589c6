// Jobs and mails of the accounts domain: the password-reset mail, and a nightly purge of expired
// sessions and reset tokens.
import { lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import type { OutgoingMail } from '../../platform/mail/index.ts';
import { isLocale, t } from '../../platform/i18n/index.ts';
import { sessions, verifications } from './tables.ts';

const RESET_PATH = '/reimposta-password';

/**
 * better-auth hands us its own callback URL (`<site>/api/auth/reset-password/<token>?callbackURL=…`);
 * the mail links straight to our form instead, in the user's language.
 */
export function resetLink(url: string, token: string, locale: string): string {
  const i = url.indexOf('/api/auth/reset-password/');
  let site: string;
  if (i > 0) site = url.slice(0, i);
  else {
    const u = new URL(url);
    site = (u.searchParams.get('callbackURL') ?? u.origin).replace(/\/(en\/)?reimposta-password$/, '');
  }
  return `${site}${locale === 'en' ? '/en' : ''}${RESET_PATH}?token=${encodeURIComponent(token)}`;
}

export function passwordResetMail(data: { user: { id: string; email: string; name: string }; url: string; token: string }): OutgoingMail {
  const stored = (data.user as { locale?: unknown }).locale;
  const locale = isLocale(stored) ? stored : 'it';
  const link = resetLink(data.url, data.token, locale);
  return {
    key: `password-reset:${data.user.id}:${data.token}`,
    to: data.user.email,
    subject: t(locale, 'accounts.reset_mail.subject'),
    text: t(locale, 'accounts.reset_mail.body', { name: data.user.name, url: link, minutes: 60 }),
  };
}

export const PURGE_JOB = 'accounts.purge-expired';

export async function purgeExpired(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  await db.delete(verifications).where(lt(verifications.expiresAt, now));
}

export function registerAccountJobs(deps: { jobs: Jobs; database: { db: Db }; now: () => Date }): void {
  deps.jobs.register({ name: PURGE_JOB, cron: '17 3 * * *', handler: () => purgeExpired(deps.database.db, deps.now()) });
}
