// Jobs and mails of the accounts domain: the password-reset mail, and a nightly purge of expired
// sessions and reset tokens.
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { job, type JobDefinition } from '../../platform/jobs/index.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { type OutgoingMail, mailKeys } from '../../platform/mail/index.ts';
import { isLocale, t } from '../../platform/i18n/index.ts';
import { SIGN_IN_LINK_MINUTES } from '../../platform/auth/index.ts';
import { sessions, users, verifications } from './tables.ts';

/** The keys of this capability's mails (stored with the owner, so it erases only its own). */
export const accountMailKey = mailKeys('accounts', ['password-reset', 'sign-in-link']);

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
    ...accountMailKey('password-reset', data.user.id, data.token),
    to: data.user.email,
    subject: t(locale, 'accounts.reset_mail.subject'),
    text: t(locale, 'accounts.reset_mail.body', { name: data.user.name, url: link, minutes: 60 }),
  };
}

/** The page a sign-in link opens: it shows a button (a mail scanner's GET signs no one in). */
export const SIGN_IN_LINK_PATH = '/accedi/link';

/** The sign-in link mail, in the account's language, to our confirmation page. */
export async function signInLinkMail(db: Db, links: { baseUrl: string }, data: { email: string; token: string; next: string }): Promise<OutgoingMail> {
  const [u] = await db.select({ id: users.id, name: users.name, locale: users.locale }).from(users).where(eq(users.email, data.email.toLowerCase()));
  const locale = isLocale(u?.locale) ? u.locale : 'it';
  const next = data.next.startsWith('/') && !data.next.startsWith('//') ? data.next : '/';
  const url = `${links.baseUrl.replace(/\/$/, '')}${locale === 'en' ? '/en' : ''}${SIGN_IN_LINK_PATH}/${encodeURIComponent(data.token)}${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`;
  return {
    ...accountMailKey('sign-in-link', u?.id ?? data.email, data.token.slice(0, 16)),
    to: data.email,
    subject: t(locale, 'accounts.link_mail.subject'),
    text: t(locale, 'accounts.link_mail.body', { name: u?.name ?? '', url, minutes: SIGN_IN_LINK_MINUTES }),
  };
}

export const PURGE_JOB = 'accounts.purge-expired';

export async function purgeExpired(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  await db.delete(verifications).where(lt(verifications.expiresAt, now));
}

export function accountJobs(deps: DomainDeps): JobDefinition<never>[] {
  return [job({ name: PURGE_JOB, cron: '17 3 * * *', handler: () => purgeExpired(deps.db, deps.now()) })];
}
