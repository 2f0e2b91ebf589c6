// Meetings by the staff: create and edit (a new time or place bumps the sequence and sends every
// registrant an updated invitation), cancel (every registrant gets METHOD:CANCEL), the list and the
// page, the attraction levers and their summary by discipline.
import { and, asc, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import type { FormValues } from '../../platform/forms/index.ts';
import { parseForm } from '../../platform/forms/index.ts';
import { err, forbidden, invalid, notFound, ok, type DomainError, type Result } from '../../platform/result.ts';
import { slugify, calls } from '../calls/index.ts';
import { disciplines } from '../reference/index.ts';
import { leverSchema, parseMeetingInput } from './input.ts';
import { meetingCancelledMail, updateMail, type Meeting, type Registration } from './mails.ts';
import { addCaseEvent } from '../cases/index.ts';
import { meetingLevers, meetingRegistrations, meetings, type LeverKind, type MeetingKind } from './tables.ts';
import { meetingRules } from './policy.ts';
import { isUuid } from '../../platform/query.ts';

export type Lever = typeof meetingLevers.$inferSelect;
const PAGE = 25;

export async function createMeeting(deps: DomainDeps, actor: Actor, values: FormValues): Promise<Result<Meeting>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  const p = parseMeetingInput(values);
  if (!p.ok) return invalid(p.error);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const refs = await checkRefs(tx, p.value);
    if (refs) return invalid(refs);
    const slug = `${slugify(p.value.title).slice(0, 60) || 'incontro'}-${randomBytes(3).toString('hex')}`;
    const [m] = await tx
      .insert(meetings)
      .values({ ...p.value, slug, createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, actor, { action: 'meeting.created', entityType: 'meeting', entityId: m!.id, summary: m!.kind });
    return ok(m!);
  });
}

async function checkRefs(tx: DbOrTx, v: { disciplineCode: number | null; callId: string | null }): Promise<Record<string, string> | null> {
  if (v.disciplineCode) {
    const [d] = await tx.select({ code: disciplines.code }).from(disciplines).where(eq(disciplines.code, v.disciplineCode));
    if (!d) return { disciplineCode: 'common.forms.invalid_choice' };
  }
  if (v.callId) {
    const [c] = await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, v.callId));
    if (!c) return { callId: 'common.forms.invalid_choice' };
  }
  return null;
}

export async function updateMeeting(deps: DomainDeps, actor: Actor, id: string, values: FormValues): Promise<Result<Meeting>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  if (!isUuid(id)) return notFound();
  const p = parseMeetingInput(values);
  if (!p.ok) return invalid(p.error);
  const now = deps.now();
  return deps.db.transaction(async (tx): Promise<Result<Meeting>> => {
    const [before] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
    if (!before) return notFound();
    // A cancelled meeting stays cancelled: an edit would send REQUEST invitations for it again.
    if (before.status === 'cancelled') return err({ code: 'invalid_state', message: 'cancelled' });
    const refs = await checkRefs(tx, p.value);
    if (refs) return invalid(refs);
    // Registrants hold the old invitation: a new time or place must reach their calendars.
    const moved =
      before.startsAt.getTime() !== p.value.startsAt.getTime() ||
      before.endsAt.getTime() !== p.value.endsAt.getTime() ||
      before.location !== p.value.location ||
      before.mode !== p.value.mode;
    const [m] = await tx
      .update(meetings)
      .set({ ...p.value, kind: before.kind, sequence: moved ? before.sequence + 1 : before.sequence, updatedAt: now })
      .where(eq(meetings.id, id))
      .returning();
    if (moved) {
      const regs = await tx.select().from(meetingRegistrations).where(and(eq(meetingRegistrations.meetingId, id), eq(meetingRegistrations.status, 'registered')));
      for (const r of regs) await deps.mailer.queue(updateMail(deps.links, m!, r), tx);
    }
    await audit(tx, actor, { action: 'meeting.updated', entityType: 'meeting', entityId: id, summary: moved ? `sequence ${m!.sequence}` : undefined });
    return ok(m!);
  });
}

/**
 * Calls the whole meeting off: status 'cancelled', SEQUENCE+1, and every active registrant gets a
 * cancellation with METHOD:CANCEL under the same UID (their calendar drops the event) and a line on
 * their case. Reminders and registrations stop because they only look at scheduled meetings.
 */
export async function cancelMeeting(deps: DomainDeps, actor: Actor, id: string): Promise<Result<{ meeting: Meeting; notified: number }>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  if (!isUuid(id)) return notFound();
  const now = deps.now();
  return deps.db.transaction(async (tx): Promise<Result<{ meeting: Meeting; notified: number }>> => {
    const [before] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
    if (!before) return notFound();
    if (before.status !== 'scheduled') return err({ code: 'invalid_state', message: before.status });
    const [m] = await tx
      .update(meetings)
      .set({ status: 'cancelled', sequence: before.sequence + 1, updatedAt: now })
      .where(eq(meetings.id, id))
      .returning();
    const regs = await tx.select().from(meetingRegistrations).where(and(eq(meetingRegistrations.meetingId, id), eq(meetingRegistrations.status, 'registered')));
    for (const r of regs) {
      await deps.mailer.queue(meetingCancelledMail(deps.links, m!, r), tx);
      if (r.caseId) await addCaseEvent(tx, r.caseId, { kind: 'meeting', summary: `meetings:meeting_cancelled:${m!.title}`, data: { meetingId: id, registrationId: r.id } }, actor, now);
    }
    await audit(tx, actor, { action: 'meeting.cancelled', entityType: 'meeting', entityId: id, summary: `${regs.length} notified` });
    return ok({ meeting: m!, notified: regs.length });
  });
}

export interface MeetingListItem {
  id: string;
  kind: MeetingKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  registered: number;
}

export async function listMeetings(
  db: DbOrTx,
  actor: Actor,
  opts: { when: 'upcoming' | 'past'; kind?: MeetingKind; page: number; now: Date },
): Promise<Result<{ items: MeetingListItem[]; total: number; page: number; pages: number }>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  const where = and(opts.when === 'upcoming' ? gte(meetings.endsAt, opts.now) : lt(meetings.endsAt, opts.now), opts.kind ? eq(meetings.kind, opts.kind) : undefined);
  const [{ n }] = await db.select({ n: count() }).from(meetings).where(where);
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const page = Math.min(Math.max(1, opts.page), pages);
  const registered = sql<number>`(select count(*)::int from ${meetingRegistrations} r where r.meeting_id = ${meetings.id} and r.status = 'registered')`;
  const rows = await db
    .select({ id: meetings.id, kind: meetings.kind, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, capacity: meetings.capacity, registered })
    .from(meetings)
    .where(where)
    .orderBy(opts.when === 'upcoming' ? asc(meetings.startsAt) : desc(meetings.startsAt))
    .limit(PAGE)
    .offset((page - 1) * PAGE);
  return ok({ items: rows.map((r) => ({ ...r, registered: Number(r.registered) })), total, page, pages });
}

export interface MeetingDetail {
  meeting: Meeting;
  disciplineName: string | null;
  call: { id: string; title: string; slug: string } | null;
  levers: Lever[];
  registrations: Registration[];
}

export async function getMeeting(db: DbOrTx, actor: Actor, id: string): Promise<Result<MeetingDetail>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  if (!isUuid(id)) return notFound();
  const [m] = await db.select().from(meetings).where(eq(meetings.id, id));
  if (!m) return notFound();
  const [d] = m.disciplineCode ? await db.select({ name: disciplines.name }).from(disciplines).where(eq(disciplines.code, m.disciplineCode)) : [];
  const [call] = m.callId ? await db.select({ id: calls.id, title: calls.title, slug: calls.slug }).from(calls).where(eq(calls.id, m.callId)) : [];
  const levers = await db.select().from(meetingLevers).where(eq(meetingLevers.meetingId, id)).orderBy(asc(meetingLevers.createdAt));
  const registrations = await db.select().from(meetingRegistrations).where(eq(meetingRegistrations.meetingId, id)).orderBy(asc(meetingRegistrations.createdAt));
  return ok({ meeting: m, disciplineName: d?.name ?? null, call: call ?? null, levers, registrations });
}

/** What the meeting form offers: disciplines (directors' meetings) and recent calls. */
export async function meetingFormOptions(db: DbOrTx) {
  const [ds, cs] = await Promise.all([
    db.select({ code: disciplines.code, name: disciplines.name }).from(disciplines).orderBy(asc(disciplines.name)),
    db.select({ id: calls.id, title: calls.title }).from(calls).orderBy(desc(calls.createdAt)).limit(200),
  ]);
  return { disciplines: ds, calls: cs };
}

export async function addLever(deps: DomainDeps, actor: Actor, meetingId: string, values: FormValues): Promise<Result<Lever>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  if (!isUuid(meetingId)) return notFound();
  const p = parseForm(leverSchema, values);
  if (!p.ok) return invalid(p.errors);
  return deps.db.transaction(async (tx): Promise<Result<Lever>> => {
    const [m] = await tx.select({ id: meetings.id, kind: meetings.kind }).from(meetings).where(eq(meetings.id, meetingId));
    if (!m) return notFound();
    if (m.kind !== 'directors') return err({ code: 'invalid_state', message: 'levers belong to directors meetings' } as DomainError);
    const [l] = await tx
      .insert(meetingLevers)
      .values({ meetingId, kind: p.data.kind, description: p.data.description, owner: p.data.owner ?? null, createdAt: deps.now() })
      .returning();
    await audit(tx, actor, { action: 'meeting.lever_added', entityType: 'meeting', entityId: meetingId, summary: p.data.kind });
    return ok(l!);
  });
}

export async function removeLever(deps: DomainDeps, actor: Actor, meetingId: string, leverId: string): Promise<Result<null>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  if (!isUuid(meetingId) || !isUuid(leverId)) return notFound();
  return deps.db.transaction(async (tx): Promise<Result<null>> => {
    const [gone] = await tx
      .delete(meetingLevers)
      .where(and(eq(meetingLevers.id, leverId), eq(meetingLevers.meetingId, meetingId)))
      .returning({ id: meetingLevers.id, kind: meetingLevers.kind });
    if (!gone) return notFound();
    await audit(tx, actor, { action: 'meeting.lever_removed', entityType: 'meeting', entityId: meetingId, summary: gone.kind });
    return ok(null);
  });
}

export interface LeverSummaryRow {
  disciplineCode: number;
  disciplineName: string;
  kind: LeverKind;
  description: string;
  owner: string | null;
  meetingId: string;
  meetingTitle: string;
  startsAt: Date;
}

/** Every lever agreed with the directors, by discipline then kind: what each unit can offer. */
export async function leverSummary(db: DbOrTx, actor: Actor): Promise<Result<LeverSummaryRow[]>> {
  if (!can(actor, meetingRules.manage)) return forbidden();
  const rows = await db
    .select({
      disciplineCode: disciplines.code,
      disciplineName: disciplines.name,
      kind: meetingLevers.kind,
      description: meetingLevers.description,
      owner: meetingLevers.owner,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
    })
    .from(meetingLevers)
    .innerJoin(meetings, eq(meetings.id, meetingLevers.meetingId))
    .innerJoin(disciplines, eq(disciplines.code, meetings.disciplineCode))
    .orderBy(asc(disciplines.name), asc(meetingLevers.kind), desc(meetings.startsAt));
  return ok(rows);
}
