// What the appointments capability holds of a person, for their export and erasure: every
// appointment of theirs (cancelled ones too) and the mails about them. A future one still booked
// is cancelled first, so the calendar that holds it receives the ICS CANCEL, whose mail is queued
// before the row is deleted and kept until sent. Also: re-pointing appointments when cases merge.
import { and, eq, gt, gte, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { countMail, forgetMail, mailsTo } from '../../platform/mail/index.ts';
import { mailMessages } from '../../platform/mail/tables.ts';
import type { Hooks, PersonalData, PersonRef } from '../../platform/manifest.ts';
import { users } from '../accounts/index.ts';
import { appointmentMail, appointmentMailKey } from './mails.ts';
import { notifyHost } from './bookings.ts';
import { appointments } from './tables.ts';

const ofPerson = (p: PersonRef) => {
  const caseIds = p.refs.cases ?? [];
  return or(caseIds.length ? inArray(appointments.caseId, caseIds) : undefined, p.emails.length ? inArray(sql`lower(${appointments.email})`, p.emails) : undefined) ?? sql`false`;
};

export const appointmentsPersonalData: PersonalData = {
  async count(q, person, now) {
    const rows = await q.select({ status: appointments.status, startsAt: appointments.startsAt }).from(appointments).where(ofPerson(person));
    return {
      erase: {
        appointments: rows.length,
        upcoming: rows.filter((r) => r.status === 'booked' && r.startsAt > now).length,
        mails: await countMail(q, 'appointments', person.emails),
      },
    };
  },
  async export(q, person) {
    return { appointments: await q.select().from(appointments).where(ofPerson(person)).orderBy(appointments.startsAt), mails: await mailsTo(q, 'appointments', person.emails) };
  },
  async erase(tx, person, { deps, now }) {
    const upcoming = await tx
      .update(appointments)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(ofPerson(person), eq(appointments.status, 'booked'), gt(appointments.startsAt, now)))
      .returning();
    const keep: string[] = [];
    for (const a of upcoming) {
      const [host] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, a.hostId));
      const mail = appointmentMail(deps.links, a, host ?? { name: 'Approdo', email: 'noreply@approdo.invalid' }, 'cancelled', now);
      await deps.mailer.queue(mail, tx);
      keep.push(mail.key);
      // The team member's calendar drops it too (that notice names no one, nothing to erase in it).
      await notifyHost(deps, tx, a, 'cancelled', now);
    }
    const gone = await tx.delete(appointments).where(ofPerson(person)).returning({ id: appointments.id });
    const mails = await forgetMail(tx, 'appointments', { to: person.emails, except: keep });
    return { appointments: gone.length, cancelled: upcoming.length, mails };
  },
  async activeSince(q, person, since) {
    const caseIds = person.refs.cases ?? [];
    if (!caseIds.length) return false;
    const [row] = await q
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(inArray(appointments.caseId, caseIds), or(gte(appointments.startsAt, since), gte(appointments.updatedAt, since))))
      .limit(1);
    return !!row;
  },
};

export const appointmentHooks: Hooks = {
  async 'cases.merged'(tx, { from, into }) {
    await tx.update(appointments).set({ caseId: into }).where(inArray(appointments.caseId, from));
  },
};

/**
 * The cancellations queued by an erasure stay until sent; once out, nothing needs them any more
 * (their appointment is gone), so the daily clean-up deletes them.
 */
export async function purgeSentCancellationsOfErased(db: DbOrTx): Promise<number> {
  const prefix = `${appointmentMailKey('appointment-cancel').key}:`;
  return forgetMail(db, 'appointments', {
    keyPrefix: prefix,
    statuses: ['sent', 'stored'],
    where: sql`not exists (select 1 from ${appointments} where ${prefix} || ${appointments.id}::text = ${mailMessages.idempotencyKey})`,
  });
}
