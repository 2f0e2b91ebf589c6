// Booking from a signed link (no account): the free slots, book, move, cancel; each change links
// the person to their case, writes the timeline and the audit log, and mails the calendar file.
// The team marks appointments done or no-show and creates booking links to send by hand.
import { and, asc, eq, gt, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { anonymousActor, can, type Actor } from '../../platform/authz/index.ts';
import { err, forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { ensureCase, addCaseEvent } from '../cases/index.ts';
import { users } from '../accounts/index.ts';
import { provided } from '../../platform/manifest.ts';
import { appointments, availabilityRules } from './tables.ts';
import { freeSlots, slotKey, BOOKING_DAYS, type Slot } from './slots.ts';
import { APPOINTMENT_PATHS, BOOKING_LINK_DAYS, absolute, bookingToken, checkBookingToken, manageToken, readManageToken, type BookingSubject } from './links.ts';
import { appointmentMail, hostAppointmentMail, type Appointment, type AppointmentMailKind, type HostMailKind } from './mails.ts';
import { appointmentRules } from './policy.ts';
import { isUuid } from '../../platform/query.ts';

export type { Appointment };

export interface Prefill {
  name: string;
  email: string;
  phone: string;
  locale: Locale | null;
  leadId: string | null;
}

export interface SlotChoice extends Slot {
  key: string;
  hostName: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The free slots of the whole team for the next days. */
export async function availableSlots(db: DbOrTx, now: Date): Promise<SlotChoice[]> {
  const [rules, booked, hosts] = await Promise.all([
    db.select().from(availabilityRules).where(eq(availabilityRules.active, true)),
    db
      .select({ hostId: appointments.hostId, startsAt: appointments.startsAt, endsAt: appointments.endsAt })
      .from(appointments)
      .where(and(eq(appointments.status, 'booked'), gt(appointments.endsAt, new Date(now.getTime() - 86_400_000)))),
    db.select({ id: users.id, name: users.name, disabled: users.disabled }).from(users),
  ]);
  const active = new Map(hosts.filter((h) => !h.disabled).map((h) => [h.id, h.name]));
  return freeSlots(
    rules.filter((r) => active.has(r.userId)),
    booked,
    now,
    BOOKING_DAYS,
  ).map((s) => ({ ...s, key: slotKey(s.hostId, s.startsAt), hostName: active.get(s.hostId)! }));
}

async function prefillFor(deps: Pick<DomainDeps, 'manifests'>, db: DbOrTx, subject: BookingSubject): Promise<Prefill | null> {
  if ('leadId' in subject) {
    const l = await provided(deps.manifests, 'leads.contact')(db, subject.leadId);
    if (!l) return null;
    return { name: l.name, email: l.email, phone: l.phone ?? '', locale: l.locale, leadId: l.id };
  }
  return { name: subject.name ?? '', email: subject.email, phone: '', locale: null, leadId: null };
}

/**
 * What the booking page shows: who the link is for, and the free slots; `expired` for an email
 * link past its date (the person asks for a new one); null for a bad or forged link.
 */
export async function bookingPage(deps: DomainDeps, token: string): Promise<{ prefill: Prefill; slots: SlotChoice[] } | 'expired' | null> {
  const link = checkBookingToken(deps.links.secret, token, deps.now());
  if (!link.ok) return link.reason === 'expired' ? 'expired' : null;
  const prefill = await prefillFor(deps, deps.db, link.subject);
  if (!prefill) return null;
  return { prefill, slots: await availableSlots(deps.db, deps.now()) };
}

export interface BookInput {
  slot: string;
  name: string;
  email: string;
  phone?: string;
  topic?: string;
}

async function hostOf(db: DbOrTx, id: string): Promise<{ name: string; email: string }> {
  const [h] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, id));
  return h ?? { name: 'Approdo', email: 'noreply@approdo.invalid' };
}

async function mail(deps: DomainDeps, tx: DbOrTx, a: Appointment, kind: AppointmentMailKind, at: Date) {
  await deps.mailer.queue(appointmentMail(deps.links, a, await hostOf(tx, a.hostId), kind, at), tx);
}

/** The team member's own notice and calendar event; nothing when the host has no account any more. */
export async function notifyHost(deps: Pick<DomainDeps, 'mailer' | 'links'>, tx: DbOrTx, a: Appointment, kind: HostMailKind, at: Date, hostId = a.hostId): Promise<void> {
  const [h] = await tx.select({ name: users.name, email: users.email, locale: users.locale }).from(users).where(eq(users.id, hostId));
  if (!h) return;
  await deps.mailer.queue(hostAppointmentMail(deps.links, a, { name: h.name, email: h.email, locale: h.locale === 'en' ? 'en' : 'it' }, kind, at), tx);
}

const slotTaken = () => err({ code: 'conflict' as const, message: 'slot_taken' });

/** Books a slot; a slot taken meanwhile (the unique index decides) is a `conflict`. */
export async function bookAppointment(
  deps: DomainDeps,
  token: string,
  input: BookInput,
  locale: Locale,
): Promise<Result<{ appointment: Appointment; manageToken: string }>> {
  const link = checkBookingToken(deps.links.secret, token, deps.now());
  if (!link.ok) return link.reason === 'expired' ? err({ code: 'invalid_state', message: 'expired' }) : notFound();
  const subject = link.subject;
  const fields: Record<string, string> = {};
  const name = input.name.trim();
  const email = input.email.trim().toLowerCase();
  if (!name) fields.name = 'common.forms.required';
  else if (name.length > 200) fields.name = 'common.forms.too_long';
  if (!EMAIL.test(email) || email.length > 254) fields.email = 'common.forms.invalid_email';
  if ((input.phone ?? '').length > 40) fields.phone = 'common.forms.too_long';
  if ((input.topic ?? '').length > 1000) fields.topic = 'common.forms.too_long';
  if (!input.slot) fields.slot = 'appointments.errors.choose_slot';
  if (Object.keys(fields).length) return invalid(fields);
  const now = deps.now();
  const slot = (await availableSlots(deps.db, now)).find((s) => s.key === input.slot);
  if (!slot) return slotTaken();
  const prefill = await prefillFor(deps, deps.db, subject);
  const actor = anonymousActor(email);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(appointments)
      .values({
        hostId: slot.hostId,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        mode: slot.mode,
        location: slot.location,
        name,
        email,
        phone: input.phone?.trim() || null,
        topic: input.topic?.trim() || null,
        locale: prefill?.locale ?? locale,
        createdAt: now,
        updatedAt: now,
      })
      // The partial unique index (host, start) among booked rows: a concurrent booking loses here.
      .onConflictDoNothing()
      .returning();
    if (!row) return slotTaken();
    const kase = await ensureCase(tx, { name, email, phone: row.phone, locale: row.locale }, 'appointment', actor, now);
    const [a] = await tx.update(appointments).set({ caseId: kase.id }).where(eq(appointments.id, row.id)).returning();
    await addCaseEvent(tx, kase.id, { kind: 'appointment', summary: 'appointments.case.booked', data: { appointmentId: row.id, startsAt: row.startsAt.toISOString(), mode: row.mode, leadId: prefill?.leadId ?? null } }, actor, now);
    await audit(tx, actor, { action: 'appointments.booked', entityType: 'appointment', entityId: row.id, summary: row.startsAt.toISOString() });
    await mail(deps, tx, a!, 'booked', now);
    await notifyHost(deps, tx, a!, 'booked', now);
    return ok({ appointment: a!, manageToken: manageToken(deps.links.secret, a!.id, a!.sequence) });
  });
}

/** The appointment a manage link names, while the link is current (a move kills older links). */
export async function appointmentByToken(deps: DomainDeps, token: string): Promise<Appointment | null> {
  const t = readManageToken(deps.links.secret, token);
  if (!t) return null;
  const [a] = await deps.db.select().from(appointments).where(eq(appointments.id, t.id));
  return a && a.sequence === t.sequence ? a : null;
}

export async function manageAppointmentPage(deps: DomainDeps, token: string): Promise<{ appointment: Appointment; hostName: string; slots: SlotChoice[] } | null> {
  const a = await appointmentByToken(deps, token);
  if (!a) return null;
  const host = await hostOf(deps.db, a.hostId);
  return { appointment: a, hostName: host.name, slots: a.status === 'booked' && a.startsAt > deps.now() ? await availableSlots(deps.db, deps.now()) : [] };
}

/** Moves the appointment to another free slot: SEQUENCE+1, a new invitation, a new manage link. */
export async function moveAppointment(deps: DomainDeps, token: string, slotKeyValue: string): Promise<Result<{ appointment: Appointment; manageToken: string }>> {
  const current = await appointmentByToken(deps, token);
  if (!current) return notFound();
  if (current.status !== 'booked') return err({ code: 'invalid_state', message: current.status });
  if (!slotKeyValue) return invalid({ slot: 'appointments.errors.choose_slot' });
  const now = deps.now();
  const slot = (await availableSlots(deps.db, now)).find((s) => s.key === slotKeyValue);
  if (!slot) return slotTaken();
  const actor = anonymousActor(current.email);
  return deps.db.transaction(async (tx) => {
    // A savepoint: the unique index may refuse the slot (booked in the meantime) without spoiling the transaction.
    const moved = await tx
      .transaction((sp) =>
        sp
          .update(appointments)
          .set({ hostId: slot.hostId, startsAt: slot.startsAt, endsAt: slot.endsAt, mode: slot.mode, location: slot.location, sequence: current.sequence + 1, reminderSentAt: null, updatedAt: now })
          .where(and(eq(appointments.id, current.id), eq(appointments.sequence, current.sequence), eq(appointments.status, 'booked')))
          .returning(),
      )
      .catch((e: unknown) => {
        const text = `${(e as { message?: string }).message} ${(e as { cause?: { message?: string } }).cause?.message ?? ''} ${(e as { code?: string }).code ?? ''} ${(e as { cause?: { code?: string } }).cause?.code ?? ''}`;
        if (/appointments_slot_idx|23505|duplicate key/i.test(text)) return null;
        throw e;
      });
    if (moved === null) return slotTaken();
    const a = moved[0];
    if (!a) return notFound();
    if (a.caseId) await addCaseEvent(tx, a.caseId, { kind: 'appointment', summary: 'appointments.case.moved', data: { appointmentId: a.id, from: current.startsAt.toISOString(), to: a.startsAt.toISOString() } }, actor, now);
    await audit(tx, actor, { action: 'appointments.moved', entityType: 'appointment', entityId: a.id, summary: `${current.startsAt.toISOString()} → ${a.startsAt.toISOString()}` });
    await mail(deps, tx, a, 'moved', now);
    // A slot of another team member: the first one's calendar drops the event, the new one gets it.
    if (a.hostId !== current.hostId) {
      await notifyHost(deps, tx, { ...a, sequence: current.sequence, startsAt: current.startsAt, endsAt: current.endsAt }, 'cancelled', now, current.hostId);
      await notifyHost(deps, tx, a, 'booked', now);
    } else await notifyHost(deps, tx, a, 'moved', now);
    return ok({ appointment: a, manageToken: manageToken(deps.links.secret, a.id, a.sequence) });
  });
}

export async function cancelAppointment(deps: DomainDeps, token: string): Promise<Result<Appointment>> {
  const current = await appointmentByToken(deps, token);
  if (!current) return notFound();
  if (current.status !== 'booked') return err({ code: 'invalid_state', message: current.status });
  const now = deps.now();
  const actor = anonymousActor(current.email);
  return deps.db.transaction(async (tx) => {
    const [a] = await tx
      .update(appointments)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(appointments.id, current.id), eq(appointments.status, 'booked')))
      .returning();
    if (!a) return err({ code: 'invalid_state' as const, message: 'cancelled' });
    if (a.caseId) await addCaseEvent(tx, a.caseId, { kind: 'appointment', summary: 'appointments.case.cancelled', data: { appointmentId: a.id, startsAt: a.startsAt.toISOString() } }, actor, now);
    await audit(tx, actor, { action: 'appointments.cancelled', entityType: 'appointment', entityId: a.id });
    await mail(deps, tx, a, 'cancelled', now);
    await notifyHost(deps, tx, a, 'cancelled', now);
    return ok(a);
  });
}

export interface UpcomingAppointment {
  id: string;
  startsAt: Date;
  endsAt: Date;
  mode: Appointment['mode'];
  location: string;
  name: string;
  email: string;
  status: Appointment['status'];
  caseId: string | null;
  hostName: string;
}

/** The team's appointments from a day ago onwards (still booked, or marked today). */
export async function teamAppointments(db: DbOrTx, actor: Actor, now: Date): Promise<Result<UpcomingAppointment[]>> {
  if (!can(actor, appointmentRules.manage)) return forbidden();
  const rows = await db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      mode: appointments.mode,
      location: appointments.location,
      name: appointments.name,
      email: appointments.email,
      status: appointments.status,
      caseId: appointments.caseId,
      hostName: users.name,
    })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.hostId))
    .where(and(gte(appointments.startsAt, new Date(now.getTime() - 86_400_000)), inArray(appointments.status, ['booked', 'done', 'no_show'])))
    .orderBy(asc(appointments.startsAt))
    .limit(500);
  return ok(rows);
}

export async function markAppointment(deps: DomainDeps, actor: Actor, id: string, status: 'done' | 'no_show'): Promise<Result<null>> {
  if (!can(actor, appointmentRules.manage)) return forbidden();
  if (!isUuid(id)) return notFound();
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [a] = await tx
      .update(appointments)
      .set({ status, updatedAt: now })
      .where(and(eq(appointments.id, id), inArray(appointments.status, ['booked', 'done', 'no_show']), lte(appointments.startsAt, now)))
      .returning();
    if (!a) {
      const [exists] = await tx.select({ id: appointments.id }).from(appointments).where(eq(appointments.id, id));
      return exists ? err({ code: 'invalid_state' as const, message: 'not_started' }) : notFound();
    }
    if (a.caseId) await addCaseEvent(tx, a.caseId, { kind: 'appointment', summary: `appointments.case.${status}`, data: { appointmentId: a.id } }, actor, now);
    await audit(tx, actor, { action: `appointments.${status}`, entityType: 'appointment', entityId: id });
    return ok(null);
  });
}

/** A booking link for a person by email, for the team to send them; it expires after BOOKING_LINK_DAYS. */
export async function createBookingLink(deps: DomainDeps, actor: Actor, input: { email: string; name?: string; locale: Locale }): Promise<Result<{ url: string; expiresAt: Date }>> {
  if (!can(actor, appointmentRules.manage)) return forbidden();
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) return invalid({ email: 'common.forms.invalid_email' });
  const name = input.name?.trim().slice(0, 200) || undefined;
  const expiresAt = new Date(deps.now().getTime() + BOOKING_LINK_DAYS * 86_400_000);
  await audit(deps.db, actor, { action: 'appointments.link_created', entityType: 'appointment_link', summary: `${email} until ${expiresAt.toISOString()}` });
  return ok({ url: absolute(deps.links.baseUrl, input.locale, APPOINTMENT_PATHS.book(bookingToken(deps.links.secret, { email, name, expiresAt }))), expiresAt });
}

/** Reminders for appointments starting within 24 hours, once each (marked in the same transaction). */
export async function sendReminders(deps: DomainDeps): Promise<number> {
  const now = deps.now();
  const due = await deps.db
    .select()
    .from(appointments)
    .where(and(eq(appointments.status, 'booked'), isNull(appointments.reminderSentAt), gt(appointments.startsAt, now), lte(appointments.startsAt, new Date(now.getTime() + 86_400_000))));
  let sent = 0;
  for (const d of due) {
    await deps.db.transaction(async (tx) => {
      const [a] = await tx
        .update(appointments)
        .set({ reminderSentAt: now })
        .where(and(eq(appointments.id, d.id), isNull(appointments.reminderSentAt), eq(appointments.sequence, d.sequence)))
        .returning();
      if (!a) return;
      await mail(deps, tx, a, 'reminder', now);
      sent++;
    });
  }
  return sent;
}

