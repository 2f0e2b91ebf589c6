// The calendar invitation of an appointment (RFC 5545): REQUEST when booked or moved, CANCEL when
// cancelled; the UID stays the same and SEQUENCE grows, so calendars update the one event.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface IcsInput {
  id: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string;
  organizer: { name: string; email: string };
  /** The person; absent in the host's own copy, which carries no personal data. */
  attendee?: { name: string; email: string };
  stamp: Date;
}

export const appointmentUid = (id: string) => `appointment-${id}@approdo`;

/** Times in UTC (…Z): exact in every calendar client, no VTIMEZONE needed. */
export function appointmentIcs(a: IcsInput, method: 'REQUEST' | 'CANCEL'): string {
  const cal = ical({ prodId: { company: 'Approdo', product: 'Approdo', language: 'IT' }, method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL });
  cal.createEvent({
    id: appointmentUid(a.id),
    sequence: a.sequence,
    start: a.startsAt,
    end: a.endsAt,
    stamp: a.stamp,
    summary: a.summary,
    description: a.description,
    location: a.location,
    organizer: a.organizer,
    attendees: a.attendee ? [{ name: a.attendee.name, email: a.attendee.email, rsvp: false }] : [],
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
