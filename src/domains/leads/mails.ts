// The two mails a new lead sends: the notification to the welcome team (in Italian, with a link to
// the lead in the back office) and the acknowledgement to the person, in their language.
import { type OutgoingMail, mailKeys } from '../../platform/mail/index.ts';
import { t, type Locale } from '../../platform/i18n/index.ts';
import type { HostContact } from './queries.ts';
import type { Lead } from './queries.ts';
import { leadBookingUrl } from '../appointments/index.ts';

/** The keys of this capability's mails (stored with the owner, so it erases only its own). */
export const leadMailKey = mailKeys('leads', ['lead-team', 'lead-ack']);

type Links = { baseUrl: string; secret?: string };

const localePath = (locale: Locale, path: string) => (locale === 'en' ? `/en${path}` : path);

export interface LeadMailContext {
  lead: Lead;
  professionName: string;
  specialisationName: string | null;
  call: { slug: string; title: string } | null;
  host: HostContact | null;
}

export function teamMail(links: Links, to: string[], d: LeadMailContext): OutgoingMail {
  const L: Locale = 'it';
  const { lead } = d;
  const none = t(L, 'leads.mail.not_given');
  const lines = [
    t(L, 'leads.mail.team_intro'),
    '',
    `${t(L, 'leads.fields.name')}: ${lead.name}`,
    `${t(L, 'leads.fields.email')}: ${lead.email}`,
    `${t(L, 'leads.fields.phone')}: ${lead.phone ?? none}`,
    `${t(L, 'leads.fields.professionCode')}: ${d.professionName}`,
    `${t(L, 'leads.fields.specialisationCode')}: ${d.specialisationName ?? none}`,
    `${t(L, 'leads.fields.preferredTime')}: ${t(L, `leads.preferred_times.${lead.preferredTime}`)}`,
    `${t(L, 'leads.mail.language')}: ${t(L, `leads.languages.${lead.locale}`)}`,
  ];
  if (d.call) lines.push(`${t(L, 'leads.mail.call')}: ${d.call.title} — ${links.baseUrl}/bandi/${d.call.slug}`);
  if (lead.source) lines.push(`${t(L, 'leads.mail.source')}: ${lead.source}`);
  lines.push('', `${t(L, 'leads.fields.message')}:`, lead.message || none, '', t(L, 'leads.mail.team_open', { url: `${links.baseUrl}/admin/contatti/${lead.id}` }));
  return {
    ...leadMailKey('lead-team', lead.id),
    to: to.join(', '),
    subject: t(L, 'leads.mail.team_subject', { name: lead.name, profession: d.professionName }),
    text: lines.join('\n') + '\n',
    // The team answers the person directly from their mail client.
    headers: { 'Reply-To': lead.email },
  };
}

export function ackMail(links: Links, d: LeadMailContext): OutgoingMail {
  const { lead } = d;
  const L: Locale = lead.locale;
  const host = d.host?.name ?? t(L, 'leads.mail.host_fallback');
  const privacy = `${links.baseUrl}${localePath(L, '/privacy')}`;
  const how = lead.phone ? t(L, 'leads.mail.ack_by_phone', { phone: lead.phone }) : t(L, 'leads.mail.ack_by_email', { email: lead.email });
  const lines = [
    t(L, 'leads.mail.ack_greeting', { name: lead.name }),
    '',
    t(L, 'leads.mail.ack_received', { host }),
    how,
    t(L, 'leads.mail.ack_time', { time: t(L, `leads.preferred_times.${lead.preferredTime}`).toLowerCase() }),
    '',
    t(L, 'leads.mail.ack_summary'),
    `- ${t(L, 'leads.fields.professionCode')}: ${d.professionName}`,
  ];
  if (d.specialisationName) lines.push(`- ${t(L, 'leads.fields.specialisationCode')}: ${d.specialisationName}`);
  if (d.call) lines.push(`- ${t(L, 'leads.mail.call')}: ${d.call.title}`);
  // A signed link to book a talk with the welcome team (needs the link secret, which every caller has).
  if (links.secret) lines.push('', t(L, 'appointments.mail.ack_book', { url: leadBookingUrl({ baseUrl: links.baseUrl, secret: links.secret }, lead.id, L) }));
  lines.push(
    '',
    d.host?.email ? t(L, 'leads.mail.ack_withdraw', { email: d.host.email }) : t(L, 'leads.mail.ack_withdraw_no_email'),
    t(L, 'leads.mail.ack_privacy', { url: privacy }),
    '',
    t(L, 'leads.mail.ack_signature', { host }),
  );
  return {
    ...leadMailKey('lead-ack', lead.id),
    to: lead.email,
    subject: t(L, 'leads.mail.ack_subject'),
    text: lines.join('\n') + '\n',
    // "Reply to this message" must reach people, not the no-reply sender.
    headers: d.host?.email ? { 'Reply-To': d.host.email } : undefined,
  };
}
