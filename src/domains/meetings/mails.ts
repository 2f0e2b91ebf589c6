// The mails to registrants (confirmation, invitation from the staff, updated invitation, reminder,
// cancellation of the meeting), in the registrant's language, each with the meeting as an ICS
// invitation (METHOD:CANCEL when the meeting is called off), and the signed cancel link.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { mailKeys, type MailKey, type OutgoingMail } from '../../platform/mail/index.ts';
import { t, type Locale } from '../../platform/i18n/index.ts';
import { fmt, toRomeLocal } from '../../platform/i18n/format.ts';
import { absoluteUrl, signedLinks, UUID_SUBJECT } from '../../platform/links/index.ts';
import { markdownToText } from '../../platform/markdown.ts';
import type { meetings, meetingRegistrations } from './tables.ts';

/** The keys of this capability's mails (stored with the owner, so it erases only its own). */
export const meetingMailKey = mailKeys('meetings', ['meeting-confirm', 'meeting-update', 'meeting-reminder', 'meeting-invite', 'meeting-cancelled']);

export type Meeting = typeof meetings.$inferSelect;
export type Registration = typeof meetingRegistrations.$inferSelect;
type Links = { baseUrl: string; secret: string };

const cancelLink = (secret: string) => signedLinks(secret, { purpose: 'meetings:cancel', macLength: 32, subject: UUID_SUBJECT });

export function cancelToken(secret: string, registrationId: string): string {
  return cancelLink(secret).make(registrationId);
}

/** The registration a cancel link names, when its signature is right. */
export function readCancelToken(secret: string, token: string): string | null {
  const r = cancelLink(secret).read(token);
  return r.ok ? r.subject : null;
}

const abs = (links: Links, locale: Locale, path: string) => absoluteUrl(links.baseUrl, locale, path);

export const cancelUrl = (links: Links, r: Registration) => abs(links, r.locale, `/webinar/annulla/${cancelToken(links.secret, r.id)}`);

/**
 * The meeting as an RFC 5545 invitation. UID stays the same for the meeting's life and SEQUENCE
 * follows meeting.sequence, so a calendar replaces the event when the time or place changes.
 * Times are written in UTC (…Z): exact everywhere, and clear of ical-generator's TZID trap.
 */
export function meetingCalendar(links: Links, m: Meeting, locale: Locale, cancelled = false): string {
  const host = new URL(links.baseUrl).host;
  const cal = ical({ prodId: { company: 'Approdo', product: 'Approdo', language: locale.toUpperCase() }, method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  // Only webinars have a public page; other meetings point at their video link, if any.
  const page = m.kind === 'webinar' ? abs(links, locale, `/webinar/${m.slug}`) : '';
  cal.createEvent({
    id: `meeting-${m.id}@${host}`,
    sequence: m.sequence,
    start: m.startsAt,
    end: m.endsAt,
    stamp: m.updatedAt,
    summary: m.title,
    description: `${markdownToText(m.descriptionMd, 2000)}\n\n${page}`.trim(),
    location: m.location,
    url: m.mode === 'video' ? m.location : page || null,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}

/** "from – to" in Rome time: the end's date only when the meeting runs past its first day. */
export function meetingWhen(locale: Locale, m: Pick<Meeting, 'startsAt' | 'endsAt'>): string {
  const f = fmt(locale);
  const sameDay = toRomeLocal(m.startsAt).date === toRomeLocal(m.endsAt).date;
  return `${f.dateTime.format(m.startsAt)} – ${(sameDay ? f.time : f.dateTime).format(m.endsAt)}`;
}

function body(links: Links, m: Meeting, r: Registration, intro: string, cancelled = false): string {
  const L = r.locale;
  return [
    t(L, 'meetings.mail.greeting', { name: r.name }),
    '',
    intro,
    '',
    `${m.title}`,
    `${t(L, 'meetings.mail.when')}: ${meetingWhen(L, m)} (${t(L, 'meetings.mail.rome_time')})`,
    ...(cancelled
      ? ['', t(L, 'meetings.mail.cancelled_calendar')]
      : [`${t(L, `meetings.mail.where_${m.mode}`)}: ${m.location}`, '', t(L, 'meetings.mail.calendar'), t(L, 'meetings.mail.cancel', { url: cancelUrl(links, r) })]),
  ].join('\n') + '\n';
}

const invite = (links: Links, m: Meeting, r: Registration) => [
  { filename: 'invito.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: meetingCalendar(links, m, r.locale) },
];

/** An invitation with the calendar event: the mail kinds differ only in key, subject and first line. */
function inviteMail(kind: 'confirm' | 'update' | 'reminder' | 'invite', key: MailKey, links: Links, m: Meeting, r: Registration): OutgoingMail {
  return {
    ...key,
    to: r.email,
    subject: t(r.locale, `meetings.mail.${kind}_subject`, { title: m.title }),
    text: body(links, m, r, t(r.locale, `meetings.mail.${kind}_intro`)),
    attachments: invite(links, m, r),
  };
}

export const confirmationMail = (links: Links, m: Meeting, r: Registration) => inviteMail('confirm', meetingMailKey('meeting-confirm', r.id, m.sequence), links, m, r);
export const updateMail = (links: Links, m: Meeting, r: Registration) => inviteMail('update', meetingMailKey('meeting-update', r.id, m.sequence), links, m, r);
export const reminderMail = (links: Links, m: Meeting, r: Registration) => inviteMail('reminder', meetingMailKey('meeting-reminder', r.id), links, m, r);
/** A person the staff invited (a call's candidate, or someone registered by hand). */
export const invitationMail = (links: Links, m: Meeting, r: Registration) => inviteMail('invite', meetingMailKey('meeting-invite', r.id, m.sequence), links, m, r);

/** The meeting is called off: the same UID with a higher SEQUENCE and METHOD:CANCEL removes it from calendars. */
export function meetingCancelledMail(links: Links, m: Meeting, r: Registration): OutgoingMail {
  return {
    ...meetingMailKey('meeting-cancelled', r.id, m.sequence),
    to: r.email,
    subject: t(r.locale, 'meetings.mail.cancelled_subject', { title: m.title }),
    text: body(links, m, r, t(r.locale, 'meetings.mail.cancelled_intro'), true),
    attachments: [{ filename: 'annullato.ics', contentType: 'text/calendar; charset=utf-8; method=CANCEL', content: meetingCalendar(links, m, r.locale, true) }],
  };
}
