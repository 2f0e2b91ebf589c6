// What the meetings capability holds of a person, for their export and erasure: their registrations
// to meetings and webinars (cancelled ones too), the consent given when registering, and the mails
// sent about them. Also: re-pointing registrations when cases merge.
import { and, gte, inArray, or, sql } from 'drizzle-orm';
import { consentsOf, eraseConsents } from '../../platform/consent/index.ts';
import { countMail, forgetMail, mailsTo } from '../../platform/mail/index.ts';
import type { Hooks, PersonalData, PersonRef } from '../../platform/manifest.ts';
import { meetingRegistrations, meetings } from './tables.ts';

/** The consent records of registrations are filed under this kind. */
export const REGISTRATION_CONSENT = 'meeting_registration';

const ofPerson = (p: PersonRef) => {
  const caseIds = p.refs.cases ?? [];
  return (
    or(caseIds.length ? inArray(meetingRegistrations.caseId, caseIds) : undefined, p.emails.length ? inArray(sql`lower(${meetingRegistrations.email})`, p.emails) : undefined) ??
    sql`false`
  );
};

export const meetingsPersonalData: PersonalData = {
  async count(q, person) {
    const rows = await q.select({ id: meetingRegistrations.id }).from(meetingRegistrations).where(ofPerson(person));
    return { erase: { registrations: rows.length, mails: await countMail(q, 'meetings', person.emails) } };
  },
  async export(q, person) {
    const rows = await q.select().from(meetingRegistrations).where(ofPerson(person));
    return { registrations: rows, consents: await consentsOf(q, REGISTRATION_CONSENT, rows.map((r) => r.id)), mails: await mailsTo(q, 'meetings', person.emails) };
  },
  async erase(tx, person) {
    const gone = await tx.delete(meetingRegistrations).where(ofPerson(person)).returning({ id: meetingRegistrations.id });
    const consents = await eraseConsents(tx, REGISTRATION_CONSENT, gone.map((g) => g.id));
    const mails = await forgetMail(tx, 'meetings', { to: person.emails });
    return { registrations: gone.length, consents, mails };
  },
  async activeSince(q, person, since) {
    const caseIds = person.refs.cases ?? [];
    if (!caseIds.length) return false;
    const [row] = await q
      .select({ id: meetingRegistrations.id })
      .from(meetingRegistrations)
      .innerJoin(meetings, sql`${meetings.id} = ${meetingRegistrations.meetingId}`)
      .where(and(inArray(meetingRegistrations.caseId, caseIds), or(gte(meetings.startsAt, since), gte(meetingRegistrations.updatedAt, since))))
      .limit(1);
    return !!row;
  },
};

export const meetingHooks: Hooks = {
  async 'cases.merged'(tx, { from, into }) {
    await tx.update(meetingRegistrations).set({ caseId: into }).where(inArray(meetingRegistrations.caseId, from));
  },
};
