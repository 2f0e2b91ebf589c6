// The meetings domain: the meeting form's rules and who may use it, webinar registration (case and
// timeline, consent, confirmation with an ICS checked by ical.js through a real SMTP peer), no
// over-booking under concurrent registrations, duplicates, a moved meeting's updated invitation,
// the 24-hour reminder sent once, the signed cancel link, attendance, and the levers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import ICAL from 'ical.js';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { SmtpPeer, type ReceivedMail } from '../../../tests/support/smtp.ts';
import { ADMIN_ACTOR } from '../../../tests/factories/index.ts';
import type { Actor } from '../../platform/audit/index.ts';
import { romeParts } from '../../platform/i18n/format.ts';
import { consentRecords } from '../../platform/consent/index.ts';
import { mailMessages } from '../../platform/mail/tables.ts';
import { caseEvents, cases } from '../cases/tables.ts';
import { disciplines } from '../reference/tables.ts';
import { meetingRegistrations } from './tables.ts';
import {
  addLever,
  cancelRegistration,
  cancelToken,
  createMeeting,
  getMeeting,
  leverSummary,
  markAttendance,
  registerForWebinar,
  removeLever,
  sendMeetingReminders,
  updateMeeting,
  type Meeting,
} from './index.ts';

let rt: TestRuntime;
let smtp: SmtpPeer;
let clock = new Date('2026-06-01T08:00:00Z');
const editor: Actor = { id: 'editor-x', label: 'ed', role: 'editor' };
const recruiter: Actor = { id: null, label: 'rita', role: 'recruiter' };
let n = 0;

beforeAll(async () => {
  smtp = await SmtpPeer.start();
  rt = await testRuntime({ now: () => clock, env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await rt?.close();
  await smtp?.stop();
});

const webinarForm = (over: Record<string, string> = {}) => ({
  kind: 'webinar',
  title: `Lavorare in Trentino ${++n}`,
  descriptionMd: 'Come funzionano i **concorsi**.',
  date: '2026-07-15',
  startTime: '18:00',
  endTime: '19:30',
  mode: 'video',
  location: 'https://meet.example.org/trentino',
  capacity: '',
  registrationOpen: 'on',
  ...over,
});

async function webinar(over: Record<string, string> = {}): Promise<Meeting> {
  const r = await createMeeting(rt.deps, recruiter, webinarForm(over));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const person = (over: Record<string, string> = {}) => ({ name: 'Marta Rossi', email: `marta.${++n}@example.org`, locale: 'it', consent: 'on', ...over });

function ics(mail: ReceivedMail) {
  const a = mail.parsed.attachments.find((x) => x.contentType.startsWith('text/calendar'));
  expect(a).toBeDefined();
  const comp = new ICAL.Component(ICAL.parse(a!.content.toString('utf8')));
  const ev = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
  return { comp, ev };
}

describe('the meeting form', () => {
  it('asks for the discipline of a directors meeting, an https link for video, an end after the start', async () => {
    const r = await createMeeting(rt.deps, recruiter, webinarForm({ kind: 'directors', location: 'javascript:alert(1)', endTime: '17:00' }));
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'invalid') throw new Error('expected invalid');
    expect(r.error.fields).toMatchObject({ endTime: 'meetings_admin.errors.end_before_start', disciplineCode: 'meetings_admin.errors.discipline_required', location: 'meetings_admin.errors.https_link' });
    const c = await createMeeting(rt.deps, recruiter, webinarForm({ kind: 'candidates' }));
    expect(!c.ok && c.error.code === 'invalid' && c.error.fields.callId).toBe('meetings_admin.errors.call_required');
  });

  it('is refused to an editor', async () => {
    const r = await createMeeting(rt.deps, editor, webinarForm());
    expect(r).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect((await getMeeting(rt.deps.db, editor, (await webinar()).id)).ok).toBe(false);
  });
});

describe('webinar registration', () => {
  it('links the registrant to a case, records consent and mails a confirmation with the invitation', async () => {
    const m = await webinar();
    const p = person();
    const r = await registerForWebinar(rt.deps, m.slug, { ...p, email: p.email.toUpperCase() }, {});
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.registration.email).toBe(p.email);
    const [c] = await rt.deps.db.select().from(cases).where(eq(cases.email, p.email));
    expect(c).toMatchObject({ source: 'webinar', name: 'Marta Rossi' });
    expect(r.value.registration.caseId).toBe(c!.id);
    const events = await rt.deps.db.select().from(caseEvents).where(eq(caseEvents.caseId, c!.id));
    expect(events.map((e) => e.kind).sort()).toEqual(['created', 'registration']);
    const consent = await rt.deps.db.select().from(consentRecords).where(eq(consentRecords.subjectId, r.value.registration.id));
    expect(consent).toHaveLength(1);

    const mail = await smtp.waitFor((x) => x.to.includes(p.email));
    expect(mail.subject).toContain(m.title);
    expect(mail.text).toContain('/webinar/annulla/');
    const { comp, ev } = ics(mail);
    expect(comp.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(ev.uid).toBe(`meeting-${m.id}@localhost`);
    expect(ev.sequence).toBe(0);
    // 18:00–19:30 in Rome on a summer date is 16:00–17:30 UTC.
    expect(ev.startDate.toJSDate().toISOString()).toBe('2026-07-15T16:00:00.000Z');
    expect(romeParts(ev.startDate.toJSDate())).toMatchObject({ hour: 18, minute: 0 });
    expect(romeParts(ev.endDate.toJSDate())).toMatchObject({ hour: 19, minute: 30 });
  });

  it('writes winter times right too', async () => {
    const m = await webinar({ date: '2026-12-10', startTime: '09:30', endTime: '11:00' });
    const p = person();
    expect((await registerForWebinar(rt.deps, m.slug, p, {})).ok).toBe(true);
    const { ev } = ics(await smtp.waitFor((x) => x.to.includes(p.email)));
    expect(ev.startDate.toJSDate().toISOString()).toBe('2026-12-10T08:30:00.000Z');
    expect(romeParts(ev.startDate.toJSDate())).toMatchObject({ hour: 9, minute: 30 });
  });

  it('answers a second registration of the same email the same way, without a second row or mail', async () => {
    const m = await webinar();
    const p = person();
    const a = await registerForWebinar(rt.deps, m.slug, p, {});
    const b = await registerForWebinar(rt.deps, m.slug, { ...p, name: 'Altro nome' }, {});
    if (!a.ok || !b.ok) throw new Error('expected ok');
    expect(b.value.registration.id).toBe(a.value.registration.id);
    expect(b.value.duplicate).toBe(true);
    expect(await rt.deps.db.select().from(meetingRegistrations).where(eq(meetingRegistrations.meetingId, m.id))).toHaveLength(1);
    expect(await rt.deps.db.select().from(mailMessages).where(like(mailMessages.idempotencyKey, `meeting-confirm:${a.value.registration.id}:%`))).toHaveLength(1);
  });

  it('never over-books: concurrent registrations for the last seats', async () => {
    const m = await webinar({ capacity: '3' });
    const results = await Promise.all(Array.from({ length: 8 }, () => registerForWebinar(rt.deps, m.slug, person(), {})));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.error.code === 'full')).toHaveLength(5);
    const rows = await rt.deps.db.select().from(meetingRegistrations).where(and(eq(meetingRegistrations.meetingId, m.id), eq(meetingRegistrations.status, 'registered')));
    expect(rows).toHaveLength(3);
  });

  it('reports field errors and refuses a webinar without an open page', async () => {
    const m = await webinar();
    const r = await registerForWebinar(rt.deps, m.slug, { name: '', email: 'nope', locale: 'it' }, {});
    expect(!r.ok && r.error.code === 'invalid' && r.error.fields).toMatchObject({ name: 'common.forms.required', email: 'common.forms.invalid_email', consent: 'meetings.errors.consent_required' });
    const closed = await webinar({ registrationOpen: '' });
    expect(await registerForWebinar(rt.deps, closed.slug, person(), {})).toEqual({ ok: false, error: { code: 'not_found' } });
  });

  it('cancels from the signed link only, freeing the seat', async () => {
    const m = await webinar({ capacity: '1' });
    const a = await registerForWebinar(rt.deps, m.slug, person(), {});
    if (!a.ok) throw new Error('expected ok');
    expect((await registerForWebinar(rt.deps, m.slug, person(), {})).ok).toBe(false);
    const token = cancelToken(rt.deps.links.secret, a.value.registration.id);
    expect((await cancelRegistration(rt.deps, token.slice(0, -2) + 'xx')).ok).toBe(false);
    const c = await cancelRegistration(rt.deps, token);
    expect(c.ok && c.value.status).toBe('cancelled');
    expect((await registerForWebinar(rt.deps, m.slug, person(), {})).ok).toBe(true);
  });
});

describe('a moved webinar, reminders and attendance', () => {
  it('sends registrants an updated invitation with a higher sequence and the same UID', async () => {
    const m = await webinar();
    const p = person();
    expect((await registerForWebinar(rt.deps, m.slug, p, {})).ok).toBe(true);
    const noMove = await updateMeeting(rt.deps, recruiter, m.id, webinarForm({ title: m.title, descriptionMd: 'Altro testo' }));
    expect(noMove.ok && noMove.value.sequence).toBe(0);
    const u = await updateMeeting(rt.deps, recruiter, m.id, webinarForm({ title: m.title, startTime: '17:00', endTime: '18:00' }));
    expect(u.ok && u.value.sequence).toBe(1);
    const mail = await smtp.waitFor((x) => x.to.includes(p.email) && x.subject.startsWith('Aggiornamento'));
    const { ev } = ics(mail);
    expect(ev.uid).toBe(`meeting-${m.id}@localhost`);
    expect(ev.sequence).toBe(1);
    expect(romeParts(ev.startDate.toJSDate())).toMatchObject({ hour: 17, minute: 0 });
  });

  it('reminds each registrant once, 24 hours before', async () => {
    const m = await webinar({ date: '2026-08-20' });
    const p = person({ locale: 'en' });
    expect((await registerForWebinar(rt.deps, m.slug, p, {})).ok).toBe(true);
    clock = new Date('2026-08-18T12:00:00Z');
    expect(await sendMeetingReminders(rt.deps)).toBe(0);
    clock = new Date('2026-08-19T17:00:00Z');
    expect(await sendMeetingReminders(rt.deps)).toBeGreaterThanOrEqual(1);
    expect(await sendMeetingReminders(rt.deps)).toBe(0);
    const mail = await smtp.waitFor((x) => x.to.includes(p.email) && x.subject.startsWith('Reminder'));
    expect(mail.text).toContain('Dear Marta Rossi');
    expect(smtp.messages.filter((x) => x.to.includes(p.email) && x.subject.startsWith('Reminder'))).toHaveLength(1);
    clock = new Date('2026-06-01T08:00:00Z');
  });

  it('marks attendance after the start and writes it to each case', async () => {
    const m = await webinar({ date: '2026-06-10' });
    const [a, b] = [person(), person()];
    const ra = await registerForWebinar(rt.deps, m.slug, a, {});
    const rb = await registerForWebinar(rt.deps, m.slug, b, {});
    if (!ra.ok || !rb.ok) throw new Error('expected ok');
    expect((await markAttendance(rt.deps, recruiter, m.id, [ra.value.registration.id])).ok).toBe(false);
    clock = new Date('2026-06-10T18:00:00Z');
    expect(await markAttendance(rt.deps, editor, m.id, [])).toEqual({ ok: false, error: { code: 'forbidden' } });
    const r = await markAttendance(rt.deps, recruiter, m.id, [ra.value.registration.id]);
    expect(r.ok && r.value).toEqual({ present: 1, absent: 1 });
    const d = await getMeeting(rt.deps.db, ADMIN_ACTOR, m.id);
    if (!d.ok) throw new Error('expected ok');
    expect(d.value.registrations.map((x) => [x.email, x.attended])).toEqual([
      [a.email, true],
      [b.email, false],
    ]);
    expect(d.value.meeting.status).toBe('held');
    const ev = await rt.deps.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, ra.value.registration.caseId!), eq(caseEvents.kind, 'meeting')));
    expect(ev).toHaveLength(1);
    expect(ev[0]!.summary).toContain('attended');
    // The same marks again change nothing on the timeline.
    await markAttendance(rt.deps, recruiter, m.id, [ra.value.registration.id]);
    expect(await rt.deps.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, ra.value.registration.caseId!), eq(caseEvents.kind, 'meeting')))).toHaveLength(1);
    clock = new Date('2026-06-01T08:00:00Z');
  });
});

describe('levers of a directors meeting', () => {
  it('adds and removes structured levers and sums them up by discipline', async () => {
    const [disc] = await rt.deps.db.select().from(disciplines).limit(1);
    const r = await createMeeting(rt.deps, recruiter, webinarForm({ kind: 'directors', disciplineCode: String(disc!.code), registrationOpen: '' }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.registrationOpen).toBe(false);
    const bad = await addLever(rt.deps, recruiter, r.value.id, { kind: 'castle', description: '' });
    expect(!bad.ok && bad.error.code === 'invalid' && Object.keys(bad.error.fields).sort()).toEqual(['description', 'kind']);
    const l1 = await addLever(rt.deps, recruiter, r.value.id, { kind: 'housing', description: 'Foresteria per i primi sei mesi', owner: 'Direzione' });
    const l2 = await addLever(rt.deps, recruiter, r.value.id, { kind: 'training', description: 'Master in ecografia' });
    if (!l1.ok || !l2.ok) throw new Error('expected ok');
    expect((await removeLever(rt.deps, recruiter, r.value.id, l2.value.id)).ok).toBe(true);
    const s = await leverSummary(rt.deps.db, recruiter);
    if (!s.ok) throw new Error('expected ok');
    const mine = s.value.filter((x) => x.meetingId === r.value.id);
    expect(mine.map((x) => [x.disciplineName, x.kind, x.description, x.owner])).toEqual([[disc!.name, 'housing', 'Foresteria per i primi sei mesi', 'Direzione']]);
    const w = await webinar();
    expect((await addLever(rt.deps, recruiter, w.id, { kind: 'pay', description: 'x' })).ok).toBe(false);
    expect((await leverSummary(rt.deps.db, editor)).ok).toBe(false);
  });
});
