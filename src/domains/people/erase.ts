// Erasing a person the team follows (GDPR art. 17), on request or by the retention rule: one
// transaction across every capability that holds them, keeping only what the agency must keep
// (ranked-list candidacies, unlinked). This module is the one place that knows all of them (ADR 009).
import { and, inArray, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/index.ts';
import { auditLog } from '../../platform/audit/tables.ts';
import { authorize } from '../../platform/authz/index.ts';
import { f, parseForm, type FormValues } from '../../platform/forms/index.ts';
import { mailMessages } from '../../platform/mail/tables.ts';
import { forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import { caseErasureScope, caseTouchedSince, countCaseRows, deleteCases, quietCases, type CaseErasureScope, type CaseStage } from '../cases/index.ts';
import { countLeadsByEmail, emailsWithLeadsSince, eraseLeadsByEmail, retentionCutoff } from '../leads/index.ts';
import { casesWithAppointmentsSince, countAppointmentsOfPerson, eraseAppointmentsOfPerson, purgeSentCancellationsOfErased } from '../appointments/index.ts';
import { casesWithRegistrationsSince, countRegistrationsOfPerson, eraseRegistrationsOfPerson } from '../meetings/index.ts';
import { casesWithLiveCandidacies, countCandidaciesOfCases, offerMailKeysOfCases, unlinkCandidaciesFromCases } from '../rankings/index.ts';
import { eraseSubscriber, subscriberByEmail } from '../alerts/index.ts';

/** What stands in the audit log where a label or summary named the erased person. */
export const ERASED_LABEL = '[erased]';

export interface ErasurePreview {
  case: { id: string; name: string; email: string | null; stage: CaseStage };
  /** What goes. */
  erase: { cases: number; events: number; tasks: number; leads: number; appointments: number; upcomingAppointments: number; registrations: number; mails: number };
  /** What stays (a legal obligation), unlinked from the person's case. */
  keep: { candidacies: number };
  /** An alert subscription with the same address: erased too only when asked. */
  subscriber: boolean;
}

export interface ErasureCounts {
  cases: number;
  events: number;
  tasks: number;
  leads: number;
  appointments: number;
  appointmentsCancelled: number;
  registrations: number;
  registrationConsents: number;
  mails: number;
  candidaciesKept: number;
  subscriber: number;
}

/** Stored mails to the person, except those still to be sent that belong to what is kept. */
const mailsOfPerson = (emails: string[], keepKeys: string[]) =>
  and(
    inArray(sql`lower(${mailMessages.to})`, emails),
    keepKeys.length ? sql`not (${inArray(mailMessages.idempotencyKey, keepKeys)} and ${inArray(mailMessages.status, ['pending', 'failed'])})` : undefined,
  );

async function countMails(db: DbOrTx, emails: string[], keepKeys: string[]): Promise<number> {
  if (!emails.length) return 0;
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(mailMessages).where(mailsOfPerson(emails, keepKeys));
  return Number(r?.n ?? 0);
}

export async function erasurePreview(deps: DomainDeps, actor: Actor, caseId: string): Promise<Result<ErasurePreview>> {
  if (!authorize(actor, 'cases.erase')) return forbidden();
  const db = deps.db;
  const scope = await caseErasureScope(db, caseId, { lock: false });
  if (!scope) return notFound();
  const { caseIds, emails } = scope;
  const rows = await countCaseRows(db, caseIds);
  const appts = await countAppointmentsOfPerson(db, caseIds, emails, deps.now());
  const keepKeys = await offerMailKeysOfCases(db, caseIds);
  const subscriber = scope.case.email ? await subscriberByEmail(db, scope.case.email) : null;
  return ok({
    case: { id: scope.case.id, name: scope.case.name, email: scope.case.email, stage: scope.case.stage },
    erase: {
      cases: caseIds.length,
      ...rows,
      leads: await countLeadsByEmail(db, emails),
      appointments: appts.total,
      upcomingAppointments: appts.upcoming,
      registrations: await countRegistrationsOfPerson(db, caseIds, emails),
      mails: await countMails(db, emails, keepKeys),
    },
    keep: { candidacies: await countCandidaciesOfCases(db, caseIds) },
    subscriber: !!subscriber,
  });
}

/** The erasure itself, inside the caller's transaction, in an order where nothing dangles. */
async function eraseScope(deps: DomainDeps, tx: DbOrTx, scope: CaseErasureScope, opts: { subscriber: boolean }, now: Date): Promise<ErasureCounts> {
  const { caseIds, emails } = scope;
  // Pending mails of the kept offers must still reach the candidate.
  const keepKeys = await offerMailKeysOfCases(tx, caseIds);
  let subscriber = 0;
  if (opts.subscriber && scope.case.email) {
    const s = await subscriberByEmail(tx, scope.case.email);
    if (s) {
      await eraseSubscriber(tx, s, keepKeys);
      subscriber = 1;
    }
  }
  const leads = await eraseLeadsByEmail(tx, emails);
  const appts = await eraseAppointmentsOfPerson(deps, tx, caseIds, emails, now);
  keepKeys.push(...appts.keepMailKeys);
  const regs = await eraseRegistrationsOfPerson(tx, caseIds, emails);
  const candidaciesKept = await unlinkCandidaciesFromCases(tx, caseIds, now);
  const mails = emails.length ? (await tx.delete(mailMessages).where(mailsOfPerson(emails, keepKeys)).returning({ id: mailMessages.id })).length : 0;
  const gone = await deleteCases(tx, caseIds);
  if (emails.length) {
    // People without an account appear in the log by address (bookings, links sent to them).
    await tx
      .update(auditLog)
      .set({ actorLabel: ERASED_LABEL })
      .where(and(isNull(auditLog.actorId), inArray(sql`lower(${auditLog.actorLabel})`, emails)));
    await tx
      .update(auditLog)
      .set({ summary: ERASED_LABEL })
      .where(and(ne(auditLog.entityType, 'user'), inArray(sql`lower(${auditLog.summary})`, emails)));
  }
  return {
    ...gone,
    leads,
    appointments: appts.erased,
    appointmentsCancelled: appts.cancelled,
    registrations: regs.registrations,
    registrationConsents: regs.consents,
    mails,
    candidaciesKept,
    subscriber,
  };
}

export const eraseSchema = z.object({ subscriber: f.checkbox() });

/** Erases the person of a case on their request (admins only); their alert subscription when asked. */
export async function erasePerson(deps: DomainDeps, actor: Actor, caseId: string, raw: FormValues = {}): Promise<Result<ErasureCounts>> {
  if (!authorize(actor, 'cases.erase')) return forbidden();
  const parsed = parseForm(eraseSchema, raw);
  if (!parsed.ok) return invalid(parsed.errors);
  return deps.db.transaction(async (tx): Promise<Result<ErasureCounts>> => {
    const scope = await caseErasureScope(tx, caseId, { lock: true });
    if (!scope) return notFound();
    const counts = await eraseScope(deps, tx, scope, { subscriber: parsed.data.subscriber }, deps.now());
    await audit(tx, actor, { action: 'case.erased', entityType: 'case', entityId: caseId, summary: 'on request', changes: { counts } });
    return ok(counts);
  });
}

/** Months without any activity after which a case is erased: the same period as leads. */
export { LEAD_RETENTION_MONTHS as CASE_RETENTION_MONTHS } from '../leads/index.ts';

/** Whether anything keeps the person's case alive: its own activity, or live rows elsewhere. */
async function stillActive(tx: DbOrTx, scope: CaseErasureScope, since: Date, now: Date): Promise<boolean> {
  const ids = scope.caseIds;
  if (await caseTouchedSince(tx, ids, since)) return true;
  if ((await casesWithAppointmentsSince(tx, ids, since)).size) return true;
  if ((await casesWithRegistrationsSince(tx, ids, since)).size) return true;
  if ((await casesWithLiveCandidacies(tx, ids, now)).size) return true;
  return (await emailsWithLeadsSince(tx, scope.emails, since)).size > 0;
}

/**
 * The daily retention run: erases the cases with no activity for 24 months (no event, task,
 * appointment, registration, lead, or candidacy on a list still valid); each in its own transaction.
 * Also deletes the calendar cancellations earlier erasures queued, once sent.
 */
export async function eraseQuietCases(deps: DomainDeps): Promise<{ erased: number; cancellationsPurged: number }> {
  const now = deps.now();
  const since = retentionCutoff(now);
  let erased = 0;
  let after: string | null = null;
  for (;;) {
    const batch = await quietCases(deps.db, since, after, 200);
    for (const c of batch) {
      const done = await deps.db.transaction(async (tx) => {
        const scope = await caseErasureScope(tx, c.id, { lock: true });
        if (!scope || (await stillActive(tx, scope, since, now))) return false;
        const counts = await eraseScope(deps, tx, scope, { subscriber: false }, now);
        await audit(tx, SYSTEM_ACTOR, { action: 'case.erased', entityType: 'case', entityId: c.id, summary: 'retention', changes: { counts } });
        return true;
      });
      if (done) erased++;
    }
    if (batch.length < 200) break;
    after = batch.at(-1)!.id;
  }
  const cancellationsPurged = await purgeSentCancellationsOfErased(deps.db);
  return { erased, cancellationsPurged };
}
