// What the appointments capability contributes to erasing a person: every appointment of theirs
// goes (cancelled ones too); a future one still booked is cancelled first, so the calendar that
// holds it receives the ICS CANCEL, whose mail is queued before the row is deleted.
import { and, eq, gt, gte, inArray, like, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { mailMessages } from '../../platform/mail/tables.ts';
import { users } from '../accounts/tables.ts';
import { appointmentMail } from './mails.ts';
import { notifyHost } from './bookings.ts';
import { appointments } from './tables.ts';

const ofPerson = (caseIds: string[], emails: string[]) =>
  or(caseIds.length ? inArray(appointments.caseId, caseIds) : undefined, emails.length ? inArray(sql`lower(${appointments.email})`, emails) : undefined) ?? sql`false`;

export async function countAppointmentsOfPerson(db: DbOrTx, caseIds: string[], emails: string[], now: Date): Promise<{ total: number; upcoming: number }> {
  const rows = await db.select({ status: appointments.status, startsAt: appointments.startsAt }).from(appointments).where(ofPerson(caseIds, emails));
  return { total: rows.length, upcoming: rows.filter((r) => r.status === 'booked' && r.startsAt > now).length };
}

/**
 * Cancels the person's future bookings (mailing the ICS CANCEL) and deletes all their appointments.
 * Returns the idempotency keys of the cancellations, which must survive the erasure of stored mail.
 */
export async function eraseAppointmentsOfPerson(
  deps: Pick<DomainDeps, 'mailer' | 'links'>,
  tx: DbOrTx,
  caseIds: string[],
  emails: string[],
  now: Date,
): Promise<{ erased: number; cancelled: number; keepMailKeys: string[] }> {
  const upcoming = await tx
    .update(appointments)
    .set({ status: 'cancelled', updatedAt: now })
    .where(and(ofPerson(caseIds, emails), eq(appointments.status, 'booked'), gt(appointments.startsAt, now)))
    .returning();
  const keepMailKeys: string[] = [];
  for (const a of upcoming) {
    const [host] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, a.hostId));
    const mail = appointmentMail(deps.links, a, host ?? { name: 'Approdo', email: 'noreply@approdo.invalid' }, 'cancelled', now);
    await deps.mailer.queue(mail, tx);
    keepMailKeys.push(mail.key);
    // The team member's calendar drops it too (that notice names no one, nothing to erase in it).
    await notifyHost(deps, tx, a, 'cancelled', now);
  }
  const gone = await tx.delete(appointments).where(ofPerson(caseIds, emails)).returning({ id: appointments.id });
  return { erased: gone.length, cancelled: upcoming.length, keepMailKeys };
}

/** Cases with an appointment that starts, or changed, on or after `since`: still in progress. */
export async function casesWithAppointmentsSince(db: DbOrTx, caseIds: string[], since: Date): Promise<Set<string>> {
  if (!caseIds.length) return new Set();
  const rows = await db
    .selectDistinct({ caseId: appointments.caseId })
    .from(appointments)
    .where(and(inArray(appointments.caseId, caseIds), or(gte(appointments.startsAt, since), gte(appointments.updatedAt, since))));
  return new Set(rows.map((r) => r.caseId!));
}

/**
 * The cancellations queued by an erasure stay until sent; once out, nothing needs them any more
 * (their appointment is gone), so the daily retention run deletes them.
 */
export async function purgeSentCancellationsOfErased(db: DbOrTx): Promise<number> {
  const gone = await db
    .delete(mailMessages)
    .where(
      and(
        like(mailMessages.idempotencyKey, 'appointment-cancel:%'),
        inArray(mailMessages.status, ['sent', 'stored']),
        sql`not exists (select 1 from ${appointments} where 'appointment-cancel:' || ${appointments.id}::text = ${mailMessages.idempotencyKey})`,
      ),
    )
    .returning({ id: mailMessages.id });
  return gone.length;
}
