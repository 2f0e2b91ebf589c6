// The appointments domain: free slots (buffers, past, DST at the end of March and October), signed
// links, booking with a race for the same slot, move and cancel with their calendar files (read by
// ical.js from the mails a real SMTP peer receives), the case timeline and the reminder, once;
// email links that expire, editing a rule without touching what is booked, slots week by week, and
// a move racing a booking for the same slot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import ICAL from 'ical.js';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { SmtpPeer, type ReceivedMail } from '../../../tests/support/smtp.ts';
import { createStaff, type StaffUserFixture } from '../../../tests/support/http.ts';
import { teamList } from '../../../tests/factories/appointments.ts';
import { caseEventsOf } from '../../../tests/factories/people.ts';
import { sign } from '../../platform/http/signing.ts';

const signBook = (secret: string, payload: string) => sign(secret, `appointments:book:${payload}`);
import {
  addRule,
  appointmentByToken,
  availableSlots,
  bookAppointment,
  bookingToken,
  cancelAppointment,
  createBookingLink,
  deleteRule,
  freeSlots,
  listMyRules,
  manageToken,
  markAppointment,
  moveAppointment,
  readBookingToken,
  readManageToken,
  sendReminders,
  bookingPage,
  checkBookingToken,
  getMyRule,
  slotWeek,
  updateRule,
  BOOKING_WEEKS,
  type RuleLike,
} from './index.ts';

const rule = (over: Partial<RuleLike> = {}): RuleLike => ({
  userId: 'host-1',
  weekday: 7,
  startTime: '09:00',
  endTime: '10:00',
  slotMinutes: 30,
  bufferMinutes: 0,
  mode: 'video',
  location: 'https://meet.example.org/a',
  validFrom: null,
  validUntil: null,
  active: true,
  ...over,
});
const iso = (d: Date) => d.toISOString();

describe('free slots', () => {
  it('keeps 09:00 Rome wall time across the last Sunday of March (08:00Z before, 07:00Z after)', () => {
    const slots = freeSlots([rule()], [], new Date('2027-03-20T12:00:00Z'), 14);
    const starts = slots.map((s) => iso(s.startsAt));
    expect(starts).toEqual([
      '2027-03-21T08:00:00.000Z',
      '2027-03-21T08:30:00.000Z',
      '2027-03-28T07:00:00.000Z', // the day clocks go forward
      '2027-03-28T07:30:00.000Z',
    ]);
    expect(slots[2]!.day).toBe('2027-03-28');
  });

  it('keeps 09:00 Rome wall time across the last Sunday of October (07:00Z before, 08:00Z after)', () => {
    const starts = freeSlots([rule({ endTime: '09:30' })], [], new Date('2027-10-23T12:00:00Z'), 14).map((s) => iso(s.startsAt));
    expect(starts).toEqual(['2027-10-24T07:00:00.000Z', '2027-10-31T08:00:00.000Z']);
  });

  it('leaves out the past, booked slots with their buffers, other hosts untouched, and honours validity', () => {
    const r = rule({ weekday: 2, endTime: '11:00', bufferMinutes: 10 });
    // Tuesday 23 March 2027: 09:00, 09:40, 10:20 Rome (CET, +1).
    const now = new Date('2027-03-23T08:05:00Z'); // 09:05 Rome: 09:00 is past
    const booked = [{ hostId: 'host-1', startsAt: new Date('2027-03-23T09:20:00Z'), endsAt: new Date('2027-03-23T09:50:00Z') }];
    const today = freeSlots([r], booked, now, 0).map((s) => iso(s.startsAt));
    // 09:40 (08:40Z) ends 10:10 Rome, 10 minutes before the booking at 10:20: kept.
    expect(today).toEqual(['2027-03-23T08:40:00.000Z']);
    const shifted = [{ hostId: 'host-1', startsAt: new Date('2027-03-23T09:15:00Z'), endsAt: new Date('2027-03-23T09:45:00Z') }];
    // A booking at 10:15 Rome: 09:40–10:10 is within the 10-minute buffer, 10:20 overlaps.
    expect(freeSlots([r], shifted, now, 0)).toEqual([]);
    expect(freeSlots([r], [{ ...booked[0]!, hostId: 'host-2' }], now, 0)).toHaveLength(2);
    expect(freeSlots([{ ...r, validFrom: new Date('2027-03-24T00:00:00Z') }], [], now, 0)).toEqual([]);
    expect(freeSlots([{ ...r, active: false }], [], now, 0)).toEqual([]);
  });
});

describe('signed links', () => {
  it('reads back what it signed and refuses a changed token', () => {
    const now = new Date('2026-11-01T10:00:00Z');
    const expiresAt = new Date('2026-12-01T10:00:00Z');
    const t1 = bookingToken('s3cret', { email: 'anna@example.org', name: 'Anna', expiresAt });
    expect(readBookingToken('s3cret', t1, now)).toEqual({ email: 'anna@example.org', name: 'Anna', expiresAt });
    expect(readBookingToken('other', t1, now)).toBeNull();
    const lead = bookingToken('s3cret', { leadId: '11111111-2222-4333-8444-555555555555' });
    expect(readBookingToken('s3cret', lead, now)).toEqual({ leadId: '11111111-2222-4333-8444-555555555555' });
    expect(readBookingToken('s3cret', lead.replace('l.1', 'l.2'), now)).toBeNull();
    const m = manageToken('s3cret', '11111111-2222-4333-8444-555555555555', 3);
    expect(readManageToken('s3cret', m)).toEqual({ id: '11111111-2222-4333-8444-555555555555', sequence: 3 });
    expect(readManageToken('s3cret', m.replace('.3.', '.4.'))).toBeNull();
  });

  it('an email link expires on its date; the date is signed, and links from before expiry existed count as expired', () => {
    const expiresAt = new Date('2026-12-01T10:00:00Z');
    const t1 = bookingToken('s3cret', { email: 'anna@example.org', expiresAt });
    expect(checkBookingToken('s3cret', t1, new Date('2026-12-01T09:59:59Z')).ok).toBe(true);
    expect(checkBookingToken('s3cret', t1, expiresAt)).toEqual({ ok: false, reason: 'expired' });
    // Moving the date forward breaks the signature: a forged link, not an expired one.
    const [kind, payload, , sig] = t1.split('.') as [string, string, string, string];
    const later = Math.floor(1_900_000_000).toString(36);
    expect(checkBookingToken('s3cret', `${kind}.${payload}.${later}.${sig}`, expiresAt)).toEqual({ ok: false, reason: 'invalid' });
    // The formats mailed before (the date, or none, inside the payload) signed with the right secret:
    // expired, so the person can ask again.
    const oldPayload = `e.${Buffer.from(JSON.stringify(['anna@example.org', ''])).toString('base64url')}`;
    expect(checkBookingToken('s3cret', `${oldPayload}.${signBook('s3cret', oldPayload)}`, new Date('2020-01-01T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('slots week by week', () => {
  const slot = (day: string, hh = '09') => ({ day, key: `${day}T${hh}`, startsAt: new Date(`${day}T${hh}:00:00Z`) });
  const slots = [slot('2026-11-12'), slot('2026-11-16'), slot('2026-11-30'), slot('2026-12-09')];

  it('pages the 30 days in weeks from today, and clamps a week out of range', () => {
    expect(BOOKING_WEEKS).toBe(5);
    const w0 = slotWeek(slots, '2026-11-10', 0);
    expect(w0).toMatchObject({ week: 0, weeks: 5, from: '2026-11-10', to: '2026-11-16' });
    expect(w0.slots.map((s) => s.day)).toEqual(['2026-11-12', '2026-11-16']);
    expect(slotWeek(slots, '2026-11-10', 2).slots.map((s) => s.day)).toEqual(['2026-11-30']);
    expect(slotWeek(slots, '2026-11-10', 1).slots).toEqual([]);
    expect(slotWeek(slots, '2026-11-10', 99)).toMatchObject({ week: 4, from: '2026-12-08', to: '2026-12-14' });
    expect(slotWeek(slots, '2026-11-10', -3).week).toBe(0);
  });

  it('without a week, opens the week of the chosen slot, else the first week with a free slot', () => {
    expect(slotWeek(slots, '2026-11-10', undefined, '2026-12-09T09').week).toBe(4);
    expect(slotWeek(slots.slice(2), '2026-11-10').week).toBe(2);
    expect(slotWeek([], '2026-11-10').week).toBe(0);
  });
});

describe('booking, moving and cancelling', () => {
  let rt: TestRuntime;
  let smtp: SmtpPeer;
  let host: StaffUserFixture;
  let actor: Actor;
  // Monday 22 March 2027, 09:00 Rome.
  let clock = new Date('2027-03-22T08:00:00Z');
  type Booked = { appointment: { id: string; email: string; startsAt: Date; sequence: number }; manageToken: string };
  /** Giulia's booking (the first test's), and the winner of the race for one slot. */
  let giulia: Booked;
  let winner: Booked;
  /** The booked appointments the team sees starting at this time. */
  const bookedAt = async (startsAt: Date) => (await teamList(rt.deps)).filter((x) => x.startsAt.getTime() === startsAt.getTime() && x.status === 'booked');

  beforeAll(async () => {
    smtp = await SmtpPeer.start();
    rt = await testRuntime({ env: { SMTP_URL: smtp.url }, now: () => clock });
    host = await createStaff(rt, { role: 'recruiter', name: 'Marta Accoglienza' });
    actor = { id: host.id, label: host.email, role: 'recruiter', memberships: [] };
  });
  afterAll(async () => {
    await rt?.close();
    await smtp?.stop();
  });

  const ics = (m: ReceivedMail) => {
    const att = m.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(att).toBeDefined();
    const cal = new ICAL.Component(ICAL.parse(att!.content.toString('utf8')));
    const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    return { method: cal.getFirstPropertyValue('method'), uid: ev.uid, sequence: ev.sequence, start: ev.startDate.toJSDate(), end: ev.endDate.toJSDate(), status: ev.component.getFirstPropertyValue('status') };
  };

  it('validates a rule: https for video, end after start, known weekday', async () => {
    const bad = await addRule(rt.deps, actor, { weekday: '9', startTime: '11:00', endTime: '10:00', slotMinutes: '30', bufferMinutes: '10', mode: 'video', location: 'http://meet.example.org/x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok && bad.error.code === 'invalid') expect(Object.keys(bad.error.fields).sort()).toEqual(['weekday']);
    const bad2 = await addRule(rt.deps, actor, { weekday: '2', startTime: '11:00', endTime: '10:00', slotMinutes: '30', bufferMinutes: '10', mode: 'video', location: 'http://meet.example.org/x' });
    expect(!bad2.ok && bad2.error.code === 'invalid' && bad2.error.fields).toEqual({ endTime: 'appointments_admin.errors.end_before_start', location: 'appointments_admin.errors.https' });
    const editor: Actor = { id: 'x', label: 'editor', role: 'editor', memberships: [] };
    expect((await addRule(rt.deps, editor, { weekday: '2', startTime: '09:00', endTime: '10:00', slotMinutes: '30', bufferMinutes: '10', mode: 'in_person', location: 'Via Roma 1' })).ok).toBe(false);
  });

  it('books a slot from a link, links the case, and mails the invitation with its calendar file', async () => {
    const added = await addRule(rt.deps, actor, { weekday: '2', startTime: '09:00', endTime: '10:20', slotMinutes: '30', bufferMinutes: '10', mode: 'video', location: 'https://meet.example.org/marta' });
    expect(added.ok).toBe(true);
    const removable = await addRule(rt.deps, actor, { weekday: '4', startTime: '15:00', endTime: '16:00', slotMinutes: '60', bufferMinutes: '0', mode: 'in_person', location: 'Via Roma 1, Trento' });
    expect(removable.ok && (await deleteRule(rt.deps, actor, removable.value.id)).ok).toBe(true);
    expect((await listMyRules(rt.deps.db, actor)).ok && (await listMyRules(rt.deps.db, actor) as { value: unknown[] }).value).toHaveLength(1);

    const slots = await availableSlots(rt.deps.db, clock);
    // Tuesday 23 March at 09:00 and 09:40 Rome (CET); the next Tuesday after the change to CEST.
    expect(slots.slice(0, 4).map((s) => iso(s.startsAt))).toEqual(['2027-03-23T08:00:00.000Z', '2027-03-23T08:40:00.000Z', '2027-03-30T07:00:00.000Z', '2027-03-30T07:40:00.000Z']);

    const link = await createBookingLink(rt.deps, actor, { email: 'Giulia.Neri@example.org', name: 'Giulia Neri', locale: 'en' });
    expect(link.ok && link.value.url).toMatch(/^http:\/\/localhost\/en\/appuntamento\/e\./);
    expect(link.ok && link.value.expiresAt.toISOString()).toBe('2027-04-21T08:00:00.000Z');
    const token = link.ok ? link.value.url.split('/').pop()! : '';
    const r = await bookAppointment(rt.deps, token, { slot: slots[0]!.key, name: 'Giulia Neri', email: 'giulia.neri@example.org', topic: 'Nurse jobs' }, 'en');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    giulia = r.value;
    const a = r.value.appointment;
    expect(a.caseId).not.toBeNull();
    const events = await caseEventsOf(rt.deps.db, a.caseId!);
    expect(events.map((e) => e.kind)).toContain('appointment');

    const mail = await smtp.waitFor((m) => m.to.includes('giulia.neri@example.org'));
    expect(mail.subject).toMatch(/^Talk confirmed: /);
    expect(mail.text).toContain('/en/appuntamento/gestisci/');
    const cal = ics(mail);
    expect(cal).toMatchObject({ method: 'REQUEST', uid: `appointment-${a.id}@approdo`, sequence: 0, status: 'CONFIRMED' });
    expect(iso(cal.start)).toBe('2027-03-23T08:00:00.000Z');
    expect(iso(cal.end)).toBe('2027-03-23T08:30:00.000Z');
    // The booked slot is no longer offered.
    expect((await availableSlots(rt.deps.db, clock)).map((s) => s.key)).not.toContain(slots[0]!.key);

    // The team member hears of it too, with the event for their calendar — and no personal data.
    const notice = await smtp.waitFor((m) => m.to.includes(host.email) && m.subject.startsWith('Nuovo colloquio'));
    expect(notice.text).toContain(`http://localhost/admin/casi/${a.caseId}`);
    expect(`${notice.subject}\n${notice.text}`).not.toMatch(/Giulia|giulia\.neri|Nurse jobs/i);
    expect(ics(notice)).toMatchObject({ method: 'REQUEST', uid: `appointment-${a.id}@approdo`, sequence: 0, status: 'CONFIRMED' });
  });

  it('a second booking of the same slot at the same moment gets "slot taken", and one row exists', async () => {
    const slot = (await availableSlots(rt.deps.db, clock))[0]!;
    const expiresAt = new Date(clock.getTime() + 86_400_000);
    const t1 = bookingToken(rt.deps.links.secret, { email: 'uno@example.org', expiresAt });
    const t2 = bookingToken(rt.deps.links.secret, { email: 'due@example.org', expiresAt });
    const [a, b] = await Promise.all([
      bookAppointment(rt.deps, t1, { slot: slot.key, name: 'Uno', email: 'uno@example.org' }, 'it'),
      bookAppointment(rt.deps, t2, { slot: slot.key, name: 'Due', email: 'due@example.org' }, 'it'),
    ]);
    const results = [a, b];
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.find((x) => !x.ok)).toMatchObject({ ok: false, error: { code: 'conflict', message: 'slot_taken' } });
    expect(await bookedAt(slot.startsAt)).toHaveLength(1);
    for (const x of results) if (x.ok) winner = x.value;
  });

  it('moves with a new SEQUENCE and kills the old link, then cancels with METHOD:CANCEL', async () => {
    const booked = giulia.appointment;
    expect(booked.email).toBe('giulia.neri@example.org');
    const token = manageToken(rt.deps.links.secret, booked!.id, booked!.sequence);
    const target = (await availableSlots(rt.deps.db, clock)).find((s) => iso(s.startsAt) === '2027-03-30T07:00:00.000Z')!;
    smtp.clear();
    const moved = await moveAppointment(rt.deps, token, target.key);
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    expect(moved.value.appointment.sequence).toBe(1);
    expect(await appointmentByToken(rt.deps, token)).toBeNull();
    const mail = await smtp.waitFor((m) => m.to.includes('giulia.neri@example.org'));
    expect(mail.subject).toMatch(/^Talk moved: /);
    const cal = ics(mail);
    expect(cal).toMatchObject({ method: 'REQUEST', uid: `appointment-${booked!.id}@approdo`, sequence: 1 });
    expect(iso(cal.start)).toBe('2027-03-30T07:00:00.000Z'); // 09:00 in Rome after the change to summer time
    const hostMoved = await smtp.waitFor((m) => m.to.includes(host.email) && m.subject.startsWith('Colloquio spostato'));
    expect(ics(hostMoved)).toMatchObject({ method: 'REQUEST', uid: `appointment-${booked!.id}@approdo`, sequence: 1 });

    smtp.clear();
    const cancelled = await cancelAppointment(rt.deps, moved.value.manageToken);
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    const cmail = await smtp.waitFor((m) => m.to.includes('giulia.neri@example.org'));
    expect(ics(cmail)).toMatchObject({ method: 'CANCEL', uid: `appointment-${booked!.id}@approdo`, sequence: 1, status: 'CANCELLED' });
    // The host's calendar followed the cancellation (and the move, checked above).
    const hostCancel = await smtp.waitFor((m) => m.to.includes(host.email) && m.subject.startsWith('Colloquio annullato'));
    expect(ics(hostCancel)).toMatchObject({ method: 'CANCEL', uid: `appointment-${booked!.id}@approdo`, sequence: 1, status: 'CANCELLED' });
    // The freed slot is offered again.
    expect((await availableSlots(rt.deps.db, clock)).map((s) => s.key)).toContain(target.key);
    expect((await cancelAppointment(rt.deps, moved.value.manageToken)).ok).toBe(false);
  });

  it('reminds once, 24 hours before, and the team marks the talk done afterwards', async () => {
    // The one appointment still booked: Giulia's was cancelled, the race left one.
    expect((await teamList(rt.deps)).filter((x) => x.status === 'booked').map((x) => x.id)).toEqual([winner.appointment.id]);
    const a = winner.appointment;
    smtp.clear();
    clock = new Date(a!.startsAt.getTime() - 25 * 3_600_000);
    expect(await sendReminders(rt.deps)).toBe(0);
    clock = new Date(a!.startsAt.getTime() - 23 * 3_600_000);
    expect(await sendReminders(rt.deps)).toBe(1);
    expect(await sendReminders(rt.deps)).toBe(0);
    const mail = await smtp.waitFor((m) => m.to.includes(a!.email));
    expect(mail.subject).toMatch(/^Promemoria: colloquio il /);
    expect(ics(mail).sequence).toBe(a!.sequence);

    expect(await markAppointment(rt.deps, actor, a!.id, 'done')).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    clock = new Date(a!.startsAt.getTime() + 60_000);
    expect((await markAppointment(rt.deps, actor, a!.id, 'done')).ok).toBe(true);
    const after = await appointmentByToken(rt.deps, winner.manageToken);
    expect(after!.status).toBe('done');
  });

  it('an expired email link shows no slots and books nothing', async () => {
    const token = bookingToken(rt.deps.links.secret, { email: 'tardi@example.org', expiresAt: new Date(clock.getTime() - 1000) });
    expect(await bookingPage(rt.deps, token)).toBe('expired');
    const slot = (await availableSlots(rt.deps.db, clock))[0]!;
    expect(await bookAppointment(rt.deps, token, { slot: slot.key, name: 'Tardi', email: 'tardi@example.org' }, 'it')).toEqual({ ok: false, error: { code: 'invalid_state', message: 'expired' } });
    expect((await teamList(rt.deps)).filter((x) => x.email === 'tardi@example.org')).toEqual([]);
  });

  it('edits a rule (own rules only, checked like a new one) without moving what is already booked', async () => {
    const added = await addRule(rt.deps, actor, { weekday: '5', startTime: '14:00', endTime: '16:00', slotMinutes: '60', bufferMinutes: '0', mode: 'in_person', location: 'Via Roma 1, Trento' });
    if (!added.ok) throw new Error('rule');
    const slot = (await availableSlots(rt.deps.db, clock)).find((s) => s.location === 'Via Roma 1, Trento')!;
    const token = bookingToken(rt.deps.links.secret, { email: 'fissa@example.org', expiresAt: new Date(clock.getTime() + 86_400_000) });
    const booked = await bookAppointment(rt.deps, token, { slot: slot.key, name: 'Fissa', email: 'fissa@example.org' }, 'it');
    if (!booked.ok) throw new Error(JSON.stringify(booked.error));

    const bad = await updateRule(rt.deps, actor, added.value.id, { weekday: '5', startTime: '16:00', endTime: '15:00', slotMinutes: '5', bufferMinutes: '0', mode: 'video', location: 'Via Roma 1' });
    expect(!bad.ok && bad.error.code === 'invalid' && bad.error.fields).toEqual({ slotMinutes: 'appointments_admin.errors.slot' });
    const bad2 = await updateRule(rt.deps, actor, added.value.id, { weekday: '5', startTime: '16:00', endTime: '15:00', slotMinutes: '30', bufferMinutes: '0', mode: 'video', location: 'Via Roma 1' });
    expect(!bad2.ok && bad2.error.code === 'invalid' && bad2.error.fields).toEqual({ endTime: 'appointments_admin.errors.end_before_start', location: 'appointments_admin.errors.https' });
    const other: Actor = { id: 'someone-else', label: 'x', role: 'recruiter', memberships: [] };
    expect(await updateRule(rt.deps, other, added.value.id, { weekday: '1', startTime: '09:00', endTime: '10:00', slotMinutes: '30', bufferMinutes: '0', mode: 'in_person', location: 'X' })).toEqual({ ok: false, error: { code: 'not_found' } });
    expect((await getMyRule(rt.deps.db, other, added.value.id)).ok).toBe(false);

    const ok = await updateRule(rt.deps, actor, added.value.id, { weekday: '1', startTime: '10:00', endTime: '11:00', slotMinutes: '30', bufferMinutes: '0', mode: 'video', location: 'https://meet.example.org/nuova' });
    expect(ok.ok && ok.value).toMatchObject({ weekday: 1, startTime: '10:00', location: 'https://meet.example.org/nuova' });
    const after = await appointmentByToken(rt.deps, booked.value.manageToken);
    expect(after).toMatchObject({ status: 'booked', startsAt: booked.value.appointment.startsAt, location: 'Via Roma 1, Trento', mode: 'in_person', sequence: 0 });
    expect((await availableSlots(rt.deps.db, clock)).some((s) => s.location === 'https://meet.example.org/nuova')).toBe(true);
  });

  it('a move racing a booking for the same slot: one wins, the other is told the slot was taken', async () => {
    const expiresAt = new Date(clock.getTime() + 86_400_000);
    const free = await availableSlots(rt.deps.db, clock);
    const first = await bookAppointment(rt.deps, bookingToken(rt.deps.links.secret, { email: 'sposta@example.org', expiresAt }), { slot: free[0]!.key, name: 'Sposta', email: 'sposta@example.org' }, 'it');
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const target = free[1]!;
    const [moved, other] = await Promise.all([
      moveAppointment(rt.deps, first.value.manageToken, target.key),
      bookAppointment(rt.deps, bookingToken(rt.deps.links.secret, { email: 'rivale@example.org', expiresAt }), { slot: target.key, name: 'Rivale', email: 'rivale@example.org' }, 'it'),
    ]);
    expect([moved.ok, other.ok].filter(Boolean)).toHaveLength(1);
    expect([moved, other].find((x) => !x.ok)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await bookedAt(target.startsAt)).toHaveLength(1);
    // The loser of a move keeps the appointment it had, and its link still works.
    if (!moved.ok) expect((await appointmentByToken(rt.deps, first.value.manageToken))?.startsAt).toEqual(free[0]!.startsAt);
  });
});
