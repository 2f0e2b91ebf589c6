// The mails of an appointment, in the person's language, each with its calendar file: booked,
// moved (same UID, higher SEQUENCE), cancelled (METHOD:CANCEL) and the reminder the day before;
// and the team member's own notice of a booking, move or cancellation.
import { type OutgoingMail, mailKeys } from '../../platform/mail/index.ts';
import { t, type Locale } from '../../platform/i18n/index.ts';
import { fmt } from '../../platform/i18n/format.ts';
import { appointmentIcs } from './ics.ts';
import { APPOINTMENT_PATHS, absolute, manageToken } from './links.ts';
import type { appointments } from './tables.ts';

/** The keys of this capability's mails (stored with the owner, so it erases only its own). */
export const appointmentMailKey = mailKeys('appointments', ['appointment-cancel', 'appointment-booked', 'appointment-moved', 'appointment-reminder', 'appointment-host-booked', 'appointment-host-moved', 'appointment-host-cancelled']);

export type Appointment = typeof appointments.$inferSelect;
export type AppointmentMailKind = 'booked' | 'moved' | 'cancelled' | 'reminder';

export function appointmentMail(
  links: { baseUrl: string; secret: string },
  a: Appointment,
  host: { name: string; email: string },
  kind: AppointmentMailKind,
  stamp: Date,
): OutgoingMail {
  const L: Locale = a.locale;
  const when = fmt(L).dateTime.format(a.startsAt);
  const mode = t(L, `appointments.modes.${a.mode}`);
  const manage = absolute(links.baseUrl, L, APPOINTMENT_PATHS.manage(manageToken(links.secret, a.id, a.sequence)));
  const lines = [t(L, 'appointments.mail.greeting', { name: a.name }), '', t(L, `appointments.mail.${kind}_intro`, { when, host: host.name }), ''];
  if (kind !== 'cancelled') {
    lines.push(`${t(L, 'appointments.mail.when')}: ${when}`, `${t(L, 'appointments.mail.mode')}: ${mode}`, `${t(L, 'appointments.mail.where')}: ${a.location}`, '');
    lines.push(t(L, 'appointments.mail.manage', { url: manage }), '');
  }
  lines.push(t(L, 'appointments.mail.signature'));
  const summary = t(L, 'appointments.mail.event_summary', { host: host.name });
  const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const ics = appointmentIcs(
    {
      id: a.id,
      sequence: a.sequence,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      summary,
      description: a.topic ?? '',
      location: a.location,
      organizer: host,
      attendee: { name: a.name, email: a.email },
      stamp,
    },
    method,
  );
  return {
    ...(kind === 'cancelled' ? appointmentMailKey('appointment-cancel', a.id) : appointmentMailKey(`appointment-${kind}`, a.id, a.sequence)),
    to: a.email,
    subject: t(L, `appointments.mail.${kind}_subject`, { when }),
    text: lines.join('\n') + '\n',
    headers: { 'Reply-To': host.email },
    attachments: [{ filename: kind === 'cancelled' ? 'cancel.ics' : 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics }],
  };
}

export type HostMailKind = 'booked' | 'moved' | 'cancelled';

/**
 * The team member's notice, with the event for their calendar (same UID and SEQUENCE as the
 * person's). It names no one — only the time and a link to the case — so the person's data stays
 * in the back office and leaves with it when the person is erased.
 */
export function hostAppointmentMail(
  links: { baseUrl: string },
  a: Appointment,
  host: { name: string; email: string; locale: Locale },
  kind: HostMailKind,
  stamp: Date,
): OutgoingMail {
  const L = host.locale;
  const when = fmt(L).dateTime.format(a.startsAt);
  const prefix = L === 'en' ? '/en' : '';
  const caseUrl = a.caseId ? `${links.baseUrl.replace(/\/$/, '')}${prefix}/admin/casi/${a.caseId}` : `${links.baseUrl.replace(/\/$/, '')}${prefix}/admin/appuntamenti`;
  const lines = [t(L, `appointments.host_mail.${kind}_intro`, { when }), ''];
  if (kind !== 'cancelled') lines.push(`${t(L, 'appointments.mail.mode')}: ${t(L, `appointments.modes.${a.mode}`)}`, `${t(L, 'appointments.mail.where')}: ${a.location}`, '');
  lines.push(t(L, 'appointments.host_mail.details', { url: caseUrl }));
  const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const ics = appointmentIcs(
    { id: a.id, sequence: a.sequence, startsAt: a.startsAt, endsAt: a.endsAt, summary: t(L, 'appointments.host_mail.event_summary'), description: caseUrl, location: a.location, organizer: host, stamp },
    method,
  );
  return {
    ...appointmentMailKey(`appointment-host-${kind}`, a.id, a.sequence, host.email),
    to: host.email,
    subject: t(L, `appointments.host_mail.${kind}_subject`, { when }),
    text: lines.join('\n') + '\n',
    attachments: [{ filename: kind === 'cancelled' ? 'cancel.ics' : 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics }],
  };
}
