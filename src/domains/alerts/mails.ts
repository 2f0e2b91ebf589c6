// The mails of the talent pool: sign-up confirmation, alert, weekly digest, consent renewal. Every
// alert and digest carries List-Unsubscribe with a signed https link and List-Unsubscribe-Post
// (RFC 8058), and a footer with the preferences link.
import { type OutgoingMail, mailKeys } from '../../platform/mail/index.ts';
import { t, type Locale } from '../../platform/i18n/index.ts';
import { fmt } from '../../platform/i18n/format.ts';
import type { SubscriptionPrefs } from './tables.ts';
import { absolute, ALERT_PATHS, clickToken, subscriberToken } from './links.ts';

/** The keys of this capability's mails (stored with the owner, so it erases only its own). */
export const alertMailKey = mailKeys('alerts', ['alert-confirm', 'alert', 'alert-digest', 'alert-renewal']);

type Links = { baseUrl: string; secret: string };

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function html(locale: Locale, title: string, paragraphs: (string | { href: string; label: string })[], footer: string[] = []): string {
  const body = paragraphs
    .map((p) => (typeof p === 'string' ? `<p>${esc(p).replace(/\n/g, '<br>')}</p>` : `<p><a href="${esc(p.href)}">${esc(p.label)}</a></p>`))
    .join('\n');
  const foot = footer.length ? `<hr><div style="font-size:13px;color:#5c6f82">${footer.join('<br>')}</div>` : '';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:'Titillium Web',Arial,sans-serif;color:#1a1a1a;max-width:640px">\n${body}\n${foot}</body></html>`;
}

/** The headers and footer lines every alert and digest carries. */
export function unsubscribeParts(links: Links, s: { id: string; linkVersion: number; locale: Locale }) {
  const unsubscribe = absolute(links.baseUrl, 'it', ALERT_PATHS.unsubscribe(subscriberToken(links.secret, 'unsub', s.id, s.linkVersion)));
  const prefs = absolute(links.baseUrl, s.locale, ALERT_PATHS.prefs(subscriberToken(links.secret, 'prefs', s.id, s.linkVersion)));
  return {
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `Approdo alerts <alerts.${new URL(links.baseUrl).hostname}>`,
    },
    prefs,
    unsubscribe: absolute(links.baseUrl, s.locale, ALERT_PATHS.unsubscribe(subscriberToken(links.secret, 'unsub', s.id, s.linkVersion))),
  };
}

function footerLines(locale: Locale, parts: { prefs: string; unsubscribe: string }) {
  return {
    text: `\n-- \n${t(locale, 'alerts.mail.footer_why')}\n${t(locale, 'alerts.mail.footer_prefs')}: ${parts.prefs}\n${t(locale, 'alerts.mail.footer_unsubscribe')}: ${parts.unsubscribe}\n`,
    html: [
      esc(t(locale, 'alerts.mail.footer_why')),
      `<a href="${esc(parts.prefs)}">${esc(t(locale, 'alerts.mail.footer_prefs'))}</a>`,
      `<a href="${esc(parts.unsubscribe)}">${esc(t(locale, 'alerts.mail.footer_unsubscribe'))}</a>`,
    ],
  };
}

export function confirmationMail(
  baseUrl: string,
  d: { signupId: string; email: string; token: string; prefs: SubscriptionPrefs; known: boolean },
): OutgoingMail {
  const l = d.prefs.locale;
  const link = absolute(baseUrl, l, ALERT_PATHS.confirm(d.token));
  const intro = t(l, d.known ? 'alerts.mail.confirm_known' : 'alerts.mail.confirm_intro');
  const subject = t(l, 'alerts.mail.confirm_subject');
  const lines = [t(l, 'alerts.mail.hello', { name: d.prefs.name }), intro, t(l, 'alerts.mail.confirm_expiry', { days: 7 }), t(l, 'alerts.mail.confirm_ignore')];
  return {
    ...alertMailKey('alert-confirm', d.signupId),
    to: d.email,
    subject,
    text: `${lines[0]}\n\n${lines[1]}\n\n${link}\n\n${lines[2]}\n${lines[3]}\n`,
    html: html(l, subject, [lines[0]!, lines[1]!, { href: link, label: t(l, 'alerts.mail.confirm_button') }, lines[2]!, lines[3]!]),
  };
}

export interface AlertCall {
  id: string;
  slug: string;
  title: string;
  employer: string;
  type: string;
  deadline: Date | null;
  places: string[];
}

export interface MatchReason {
  /** fallback: a call in a discipline with no known admitted specialisation, sent to the whole profession. */
  kind: 'same' | 'equipollent' | 'affine' | 'profession' | 'fallback';
  specialisation?: string;
  discipline?: string;
  source?: string | null;
  profession: string;
}

/** "La tua specializzazione in Geriatria è equipollente per Medicina interna — DM 30-1-1998". */
export function reasonSentence(locale: Locale, r: MatchReason): string {
  const vars = { specialisation: r.specialisation ?? '', discipline: r.discipline ?? '', profession: r.profession };
  const s = t(locale, `alerts.reason.${r.kind}`, vars);
  return r.source && r.kind !== 'profession' && r.kind !== 'fallback' ? `${s} — ${r.source}` : s;
}

function callLines(locale: Locale, c: AlertCall): string[] {
  const f = fmt(locale);
  return [
    c.title,
    `${t(locale, 'alerts.mail.employer')}: ${c.employer}`,
    `${t(locale, 'alerts.mail.type')}: ${t(locale, `calls.types.${c.type}`)}`,
    ...(c.places.length ? [`${t(locale, 'alerts.mail.places')}: ${c.places.join(', ')}`] : []),
    ...(c.deadline ? [`${t(locale, 'alerts.mail.deadline')}: ${f.dateTime.format(c.deadline)}`] : []),
  ];
}

export interface AlertRecipient {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  linkVersion: number;
}

/** One immediate alert (Message-ID fixed by the delivery id, so a retry is the same message). */
export function alertMail(links: Links, d: { deliveryId: string; to: AlertRecipient; call: AlertCall; reason: MatchReason }): OutgoingMail {
  const l = d.to.locale;
  const parts = unsubscribeParts(links, d.to);
  const foot = footerLines(l, parts);
  const link = absolute(links.baseUrl, l, ALERT_PATHS.click(clickToken(links.secret, d.deliveryId)));
  const subject = t(l, 'alerts.mail.alert_subject', { title: d.call.title });
  const why = `${t(l, 'alerts.mail.why')}: ${reasonSentence(l, d.reason)}.`;
  const lines = callLines(l, d.call);
  return {
    ...alertMailKey('alert', d.deliveryId),
    to: d.to.email,
    subject,
    headers: parts.headers,
    text: `${t(l, 'alerts.mail.hello', { name: d.to.name })}\n\n${t(l, 'alerts.mail.alert_intro')}\n\n${lines.join('\n')}\n\n${why}\n\n${t(l, 'alerts.mail.read_call')}: ${link}\n${foot.text}`,
    html: html(l, subject, [t(l, 'alerts.mail.hello', { name: d.to.name }), t(l, 'alerts.mail.alert_intro'), lines.join('\n'), why, { href: link, label: t(l, 'alerts.mail.read_call') }], foot.html),
  };
}

/** The weekly digest: every call of the week that matched, each with its reason. */
export function digestMail(
  links: Links,
  d: { digestId: string; to: AlertRecipient; items: { deliveryId: string; call: AlertCall; reason: MatchReason }[] },
): OutgoingMail {
  const l = d.to.locale;
  const parts = unsubscribeParts(links, d.to);
  const foot = footerLines(l, parts);
  const subject = t(l, d.items.length === 1 ? 'alerts.mail.digest_subject_one' : 'alerts.mail.digest_subject_other', { n: d.items.length });
  const blocks = d.items.map((it) => {
    const link = absolute(links.baseUrl, l, ALERT_PATHS.click(clickToken(links.secret, it.deliveryId)));
    return { lines: callLines(l, it.call), why: `${t(l, 'alerts.mail.why')}: ${reasonSentence(l, it.reason)}.`, link };
  });
  const text = blocks.map((b) => `${b.lines.join('\n')}\n${b.why}\n${b.link}`).join('\n\n');
  const paragraphs: (string | { href: string; label: string })[] = [t(l, 'alerts.mail.hello', { name: d.to.name }), t(l, 'alerts.mail.digest_intro')];
  for (const b of blocks) paragraphs.push(b.lines.join('\n'), b.why, { href: b.link, label: t(l, 'alerts.mail.read_call') });
  return {
    ...alertMailKey('alert-digest', d.digestId),
    to: d.to.email,
    subject,
    headers: parts.headers,
    text: `${t(l, 'alerts.mail.hello', { name: d.to.name })}\n\n${t(l, 'alerts.mail.digest_intro')}\n\n${text}\n${foot.text}`,
    html: html(l, subject, paragraphs, foot.html),
  };
}

export function renewalMail(links: Links, s: AlertRecipient & { consentExpiresAt: Date }): OutgoingMail {
  const l = s.locale;
  const link = absolute(links.baseUrl, l, ALERT_PATHS.renew(subscriberToken(links.secret, 'renew', s.id, s.linkVersion)));
  const parts = unsubscribeParts(links, s);
  const foot = footerLines(l, parts);
  const subject = t(l, 'alerts.mail.renew_subject');
  const intro = t(l, 'alerts.mail.renew_intro', { date: fmt(l).date.format(s.consentExpiresAt) });
  return {
    ...alertMailKey('alert-renewal', s.id, s.consentExpiresAt.toISOString()),
    to: s.email,
    subject,
    headers: parts.headers,
    text: `${t(l, 'alerts.mail.hello', { name: s.name })}\n\n${intro}\n\n${link}\n${foot.text}`,
    html: html(l, subject, [t(l, 'alerts.mail.hello', { name: s.name }), intro, { href: link, label: t(l, 'alerts.mail.renew_button') }], foot.html),
  };
}
