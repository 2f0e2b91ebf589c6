// Webinar registrations: the public list and page, registering (capacity held under a row lock so
// concurrent registrations never over-book; the same email twice gets the same answer and no second
// row), cancelling from the signed link, attendance afterwards, and the 24-hour reminders; the staff
// invites a call's ranked candidates or registers a person by hand. Every registrant is linked to a
// case and the timeline records invitation, registration and attendance.
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, SYSTEM_ACTOR, type Actor, anonymousActor } from '../../platform/authz/index.ts';
import { recordConsent } from '../../platform/consent/index.ts';
import { parseForm, type FormValues } from '../../platform/forms/index.ts';
import { err, forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import { addCaseEvent, ensureCase } from '../cases/index.ts';
import type { CaseSource } from '../cases/index.ts';
import { getList, listsOfCall } from '../rankings/index.ts';
import { registrationSchema, staffRegistrationSchema } from './input.ts';
import { confirmationMail, invitationMail, readCancelToken, reminderMail, type Meeting, type Registration } from './mails.ts';
import { meetingRegistrations, meetings } from './tables.ts';
import { meetingRules } from './policy.ts';
import { isUuid } from '../../platform/query.ts';

const DAY = 86_400_000;

export interface PublicWebinar {
  meeting: Meeting;
  registered: number;
  /** null: no capacity set. */
  seatsLeft: number | null;
}

const registeredCount = (q: DbOrTx, meetingId: string) =>
  q
    .select({ n: sql<number>`count(*)::int` })
    .from(meetingRegistrations)
    .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.status, 'registered')))
    .then((r) => Number(r[0]?.n ?? 0));

const isOpen = (m: Meeting, now: Date) => m.kind === 'webinar' && m.registrationOpen && m.status === 'scheduled' && m.startsAt > now;

/** Upcoming webinars open for registration, soonest first. */
export async function listOpenWebinars(db: DbOrTx, now: Date): Promise<PublicWebinar[]> {
  const rows = await db
    .select({ meeting: meetings, registered: sql<number>`(select count(*)::int from ${meetingRegistrations} r where r.meeting_id = ${meetings.id} and r.status = 'registered')` })
    .from(meetings)
    .where(and(eq(meetings.kind, 'webinar'), eq(meetings.registrationOpen, true), eq(meetings.status, 'scheduled'), gt(meetings.startsAt, now)))
    .orderBy(asc(meetings.startsAt))
    .limit(100);
  return rows.map((r) => ({ meeting: r.meeting, registered: Number(r.registered), seatsLeft: r.meeting.capacity === null ? null : Math.max(0, r.meeting.capacity - Number(r.registered)) }));
}

/** A webinar's public page (a cancelled one too, to say so), or null when it is not a public webinar. */
export async function getPublicWebinar(db: DbOrTx, slug: string, now: Date): Promise<PublicWebinar | null> {
  const [m] = await db.select().from(meetings).where(eq(meetings.slug, slug));
  if (!m || m.kind !== 'webinar' || !m.registrationOpen) return null;
  const registered = await registeredCount(db, m.id);
  void now;
  return { meeting: m, registered, seatsLeft: m.capacity === null ? null : Math.max(0, m.capacity - registered) };
}

export type RegisterError = { code: 'invalid'; fields: Record<string, string> } | { code: 'not_found' } | { code: 'full' } | { code: 'closed' };

export async function registerForWebinar(
  deps: DomainDeps,
  slug: string,
  values: FormValues,
  ctx: { actor?: Actor },
): Promise<Result<{ registration: Registration; duplicate: boolean }, RegisterError>> {
  const p = parseForm(registrationSchema, values);
  if (!p.ok) return err({ code: 'invalid', fields: p.errors });
  const input = { ...p.data, email: p.data.email.toLowerCase() };
  const actor: Actor = ctx.actor ?? anonymousActor();
  const now = deps.now();
  return deps.db.transaction(async (tx): Promise<Result<{ registration: Registration; duplicate: boolean }, RegisterError>> => {
    // The row lock serialises registrations of one webinar: the count below cannot go stale.
    const [m] = await tx.select().from(meetings).where(eq(meetings.slug, slug)).for('update');
    if (!m || m.kind !== 'webinar' || !m.registrationOpen) return err({ code: 'not_found' });
    if (m.status === 'cancelled') return err({ code: 'closed' });
    const [existing] = await tx.select().from(meetingRegistrations).where(and(eq(meetingRegistrations.meetingId, m.id), eq(meetingRegistrations.email, input.email)));
    // Registered already: the same answer as the first time, and nothing new stored or sent.
    if (existing?.status === 'registered') return ok({ registration: existing, duplicate: true });
    if (!isOpen(m, now)) return err({ code: 'closed' });
    if (m.capacity !== null && (await registeredCount(tx, m.id)) >= m.capacity) return err({ code: 'full' });
    const person = await ensureCase(tx, { name: input.name, email: input.email, locale: input.locale }, 'webinar', actor, now);
    let reg: Registration;
    if (existing) {
      [reg] = (await tx
        .update(meetingRegistrations)
        .set({ name: input.name, locale: input.locale, status: 'registered', caseId: person.id, reminderSentAt: null, updatedAt: now })
        .where(eq(meetingRegistrations.id, existing.id))
        .returning()) as [Registration];
    } else {
      [reg] = (await tx
        .insert(meetingRegistrations)
        .values({ meetingId: m.id, name: input.name, email: input.email, locale: input.locale, caseId: person.id, createdAt: now, updatedAt: now })
        .returning()) as [Registration];
    }
    await recordConsent(tx, { subjectType: 'meeting_registration', subjectId: reg.id, purpose: 'contact', event: 'webinar', givenAt: now, locale: input.locale, source: `webinar:${m.slug}`, utm: {} });
    await addCaseEvent(tx, person.id, { kind: 'registration', summary: `meetings:registered:${m.title}`, data: { meetingId: m.id, registrationId: reg.id } }, actor, now);
    await deps.mailer.queue(confirmationMail(deps.links, m, reg), tx);
    await audit(tx, actor, { action: 'meeting.registered', entityType: 'meeting', entityId: m.id, summary: reg.id });
    return ok({ registration: reg, duplicate: false });
  });
}

/** The registration and its webinar named by a signed cancel link. */
export async function getRegistrationByToken(deps: DomainDeps, token: string): Promise<{ registration: Registration; meeting: Meeting } | null> {
  const id = readCancelToken(deps.links.secret, token);
  if (!id) return null;
  const [row] = await deps.db
    .select({ registration: meetingRegistrations, meeting: meetings })
    .from(meetingRegistrations)
    .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
    .where(eq(meetingRegistrations.id, id));
  return row ?? null;
}

export async function cancelRegistration(deps: DomainDeps, token: string): Promise<Result<Registration>> {
  const id = readCancelToken(deps.links.secret, token);
  if (!id) return notFound();
  const now = deps.now();
  return deps.db.transaction(async (tx): Promise<Result<Registration>> => {
    const [r] = await tx.select().from(meetingRegistrations).where(eq(meetingRegistrations.id, id)).for('update');
    if (!r) return notFound();
    if (r.status === 'cancelled') return ok(r);
    const [u] = await tx.update(meetingRegistrations).set({ status: 'cancelled', updatedAt: now }).where(eq(meetingRegistrations.id, id)).returning();
    if (r.caseId) await addCaseEvent(tx, r.caseId, { kind: 'registration', summary: 'meetings:cancelled', data: { meetingId: r.meetingId, registrationId: r.id } }, SYSTEM_ACTOR, now);
    await audit(tx, anonymousActor('registrant'), { action: 'meeting.registration_cancelled', entityType: 'meeting', entityId: r.meetingId, summary: r.id });
    return ok(u!);
  });
}

/**
 * Attendance after the meeting: every active registrant is marked present when listed, absent
 * otherwise (one form with a checkbox per person); a change is written to the person's case.
 */
export async function markAttendance(deps: DomainDeps, actor: Actor, meetingId: string, presentIds: string[]): Promise<Result<{ present: number; absent: number }>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  if (!isUuid(meetingId)) return notFound();
  const now = deps.now();
  return deps.db.transaction(async (tx): Promise<Result<{ present: number; absent: number }>> => {
    const [m] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
    if (!m) return notFound();
    if (m.status === 'cancelled') return err({ code: 'invalid_state', message: 'cancelled' });
    if (m.startsAt > now) return err({ code: 'invalid_state', message: 'not_started' });
    const regs = await tx.select().from(meetingRegistrations).where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.status, 'registered')));
    const present = new Set(presentIds);
    let p = 0;
    for (const r of regs) {
      const attended = present.has(r.id);
      if (attended) p++;
      if (r.attended === attended) continue;
      await tx.update(meetingRegistrations).set({ attended, updatedAt: now }).where(eq(meetingRegistrations.id, r.id));
      if (r.caseId) {
        await addCaseEvent(tx, r.caseId, { kind: 'meeting', summary: `meetings:${attended ? 'attended' : 'absent'}:${m.title}`, data: { meetingId, registrationId: r.id, attended } }, actor, now);
      }
    }
    if (m.status === 'scheduled') await tx.update(meetings).set({ status: 'held', updatedAt: now }).where(eq(meetings.id, meetingId));
    await audit(tx, actor, { action: 'meeting.attendance', entityType: 'meeting', entityId: meetingId, summary: `${p}/${regs.length}` });
    return ok({ present: p, absent: regs.length - p });
  });
}

/**
 * The reminder run (every 15 minutes): registrants of meetings starting within 24 hours get one
 * reminder. The sent mark and the queued mail share a transaction, and the mail's key is per
 * registration: a rerun, or two workers, never send it twice.
 */
export async function sendMeetingReminders(deps: DomainDeps): Promise<number> {
  const now = deps.now();
  const due = await deps.db
    .select({ id: meetingRegistrations.id })
    .from(meetingRegistrations)
    .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
    .where(and(eq(meetingRegistrations.status, 'registered'), isNull(meetingRegistrations.reminderSentAt), eq(meetings.status, 'scheduled'), gt(meetings.startsAt, now), lte(meetings.startsAt, new Date(now.getTime() + DAY))))
    .limit(5000);
  let sent = 0;
  for (let i = 0; i < due.length; i += 50) {
    const ids = due.slice(i, i + 50).map((d) => d.id);
    await deps.db.transaction(async (tx) => {
      const claimed = await tx
        .update(meetingRegistrations)
        .set({ reminderSentAt: now })
        .where(and(inArray(meetingRegistrations.id, ids), isNull(meetingRegistrations.reminderSentAt)))
        .returning();
      for (const r of claimed) {
        const [m] = await tx.select().from(meetings).where(eq(meetings.id, r.meetingId));
        await deps.mailer.queue(reminderMail(deps.links, m!, r), tx);
        sent++;
      }
    });
  }
  return sent;
}

/**
 * One person registered by the staff: linked to their case, a timeline line, and an invitation
 * with the ICS and the signed decline link. Someone already registered is left alone (no second
 * mail); someone who had cancelled is registered again.
 */
async function staffRegister(
  deps: DomainDeps,
  tx: DbOrTx,
  actor: Actor,
  m: Meeting,
  p: { name: string; email: string; locale: 'it' | 'en' },
  source: CaseSource,
  data: Record<string, unknown>,
  now: Date,
): Promise<Registration | null> {
  const email = p.email.trim().toLowerCase();
  const [existing] = await tx.select().from(meetingRegistrations).where(and(eq(meetingRegistrations.meetingId, m.id), eq(meetingRegistrations.email, email)));
  if (existing?.status === 'registered') return null;
  const person = await ensureCase(tx, { name: p.name, email, locale: p.locale }, source, actor, now);
  const [reg] = existing
    ? await tx
        .update(meetingRegistrations)
        .set({ name: p.name, locale: p.locale, status: 'registered', caseId: person.id, reminderSentAt: null, attended: null, updatedAt: now })
        .where(eq(meetingRegistrations.id, existing.id))
        .returning()
    : await tx.insert(meetingRegistrations).values({ meetingId: m.id, name: p.name, email, locale: p.locale, caseId: person.id, createdAt: now, updatedAt: now }).returning();
  await addCaseEvent(tx, person.id, { kind: 'registration', summary: `meetings:invited:${m.title}`, data: { meetingId: m.id, registrationId: reg!.id, ...data } }, actor, now);
  await deps.mailer.queue(invitationMail(deps.links, m, reg!), tx);
  return reg!;
}

const lockScheduled = async (tx: DbOrTx, id: string): Promise<Result<Meeting>> => {
  const [m] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
  if (!m) return notFound();
  if (m.status !== 'scheduled') return err({ code: 'invalid_state', message: m.status });
  return ok(m);
};

/** The staff registers one person by hand (name, email, language). */
export async function registerPerson(deps: DomainDeps, actor: Actor, meetingId: string, values: FormValues): Promise<Result<{ registration: Registration | null }>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  if (!isUuid(meetingId)) return notFound();
  const p = parseForm(staffRegistrationSchema, values);
  if (!p.ok) return invalid(p.errors);
  const now = deps.now();
  return deps.db.transaction(async (tx): Promise<Result<{ registration: Registration | null }>> => {
    const m = await lockScheduled(tx, meetingId);
    if (!m.ok) return m;
    const reg = await staffRegister(deps, tx, actor, m.value, p.data, 'meeting', { by: 'staff' }, now);
    await audit(tx, actor, { action: 'meeting.person_registered', entityType: 'meeting', entityId: meetingId, summary: reg?.id ?? 'already registered' });
    return ok({ registration: reg });
  });
}

export interface Invitee {
  candidateId: string;
  listTitle: string;
  listKind: string;
  rank: number;
  name: string;
  email: string | null;
  locale: 'it' | 'en';
  /** Registered to this meeting already (by email). */
  registered: boolean;
}

/** The candidates of the meeting's call, list by list in rank order, with who is registered already. */
export async function meetingInvitees(deps: DomainDeps, actor: Actor, meetingId: string): Promise<Result<{ meeting: Meeting; invitees: Invitee[] }>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  if (!isUuid(meetingId)) return notFound();
  const [m] = await deps.db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!m) return notFound();
  if (m.kind !== 'candidates' || !m.callId) return ok({ meeting: m, invitees: [] });
  // The rankings domain owns its tables: read them through its functions (they check the actor too).
  const lists = await listsOfCall(deps, actor, m.callId);
  if (!lists.ok) return lists.error.code === 'not_found' ? ok({ meeting: m, invitees: [] }) : lists;
  const regs = await deps.db
    .select({ email: meetingRegistrations.email })
    .from(meetingRegistrations)
    .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.status, 'registered')));
  const taken = new Set(regs.map((r) => r.email));
  const invitees: Invitee[] = [];
  for (const l of lists.value.lists) {
    const d = await getList(deps, actor, l.id);
    if (!d.ok) return d;
    for (const c of d.value.candidates) {
      const email = c.email?.trim().toLowerCase() || null;
      invitees.push({ candidateId: c.id, listTitle: l.title, listKind: l.kind, rank: c.rank, name: c.name, email, locale: c.locale, registered: !!email && taken.has(email) });
    }
  }
  return ok({ meeting: m, invitees });
}

/**
 * Invites candidates of the call's ranked lists: all of them, or the ones chosen. Each gets a
 * registration, a case line and an invitation in their language; candidates without an email, or
 * registered already, are counted and skipped.
 */
export async function inviteCandidates(
  deps: DomainDeps,
  actor: Actor,
  meetingId: string,
  choice: { all: boolean; candidateIds: string[] },
): Promise<Result<{ invited: number; skipped: number }>> {
  const inv = await meetingInvitees(deps, actor, meetingId);
  if (!inv.ok) return inv;
  if (inv.value.meeting.kind !== 'candidates') return err({ code: 'invalid_state', message: 'not_candidates' });
  const wanted = new Set(choice.candidateIds);
  const chosen = inv.value.invitees.filter((i) => choice.all || wanted.has(i.candidateId));
  if (!chosen.length) return invalid({ candidates: 'meetings_admin.errors.choose_candidates' });
  const now = deps.now();
  return deps.db.transaction(async (tx): Promise<Result<{ invited: number; skipped: number }>> => {
    const m = await lockScheduled(tx, meetingId);
    if (!m.ok) return m;
    let invited = 0;
    let skipped = 0;
    const seen = new Set<string>();
    for (const c of chosen) {
      // The same person may sit in two lists (main and residents): one registration, one mail.
      if (!c.email || c.registered || seen.has(c.email)) {
        skipped++;
        continue;
      }
      seen.add(c.email);
      const reg = await staffRegister(deps, tx, actor, m.value, { name: c.name, email: c.email, locale: c.locale }, 'ranked_list', { candidateId: c.candidateId, rank: c.rank }, now);
      if (reg) invited++;
      else skipped++;
    }
    await audit(tx, actor, { action: 'meeting.candidates_invited', entityType: 'meeting', entityId: meetingId, summary: `${invited} invited, ${skipped} skipped` });
    return ok({ invited, skipped });
  });
}
