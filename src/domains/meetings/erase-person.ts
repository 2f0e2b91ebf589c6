// What the meetings capability contributes to erasing a person: their registrations to meetings and
// webinars (cancelled ones too) and the consent records given when registering.
import { and, gte, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { consentRecords } from '../../platform/consent/index.ts';
import { meetingRegistrations, meetings } from './tables.ts';

const ofPerson = (caseIds: string[], emails: string[]) =>
  or(caseIds.length ? inArray(meetingRegistrations.caseId, caseIds) : undefined, emails.length ? inArray(sql`lower(${meetingRegistrations.email})`, emails) : undefined) ?? sql`false`;

export async function countRegistrationsOfPerson(db: DbOrTx, caseIds: string[], emails: string[]): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(meetingRegistrations).where(ofPerson(caseIds, emails));
  return Number(r?.n ?? 0);
}

export async function eraseRegistrationsOfPerson(tx: DbOrTx, caseIds: string[], emails: string[]): Promise<{ registrations: number; consents: number }> {
  const gone = await tx.delete(meetingRegistrations).where(ofPerson(caseIds, emails)).returning({ id: meetingRegistrations.id });
  if (!gone.length) return { registrations: 0, consents: 0 };
  const consents = await tx
    .delete(consentRecords)
    .where(and(sql`${consentRecords.subjectType} = 'meeting_registration'`, inArray(consentRecords.subjectId, gone.map((g) => g.id))))
    .returning({ id: consentRecords.id });
  return { registrations: gone.length, consents: consents.length };
}

/** Cases registered to a meeting that takes place, or a registration that changed, on or after `since`. */
export async function casesWithRegistrationsSince(db: DbOrTx, caseIds: string[], since: Date): Promise<Set<string>> {
  if (!caseIds.length) return new Set();
  const rows = await db
    .selectDistinct({ caseId: meetingRegistrations.caseId })
    .from(meetingRegistrations)
    .innerJoin(meetings, sql`${meetings.id} = ${meetingRegistrations.meetingId}`)
    .where(and(inArray(meetingRegistrations.caseId, caseIds), or(gte(meetings.startsAt, since), gte(meetingRegistrations.updatedAt, since))));
  return new Set(rows.map((r) => r.caseId!));
}
