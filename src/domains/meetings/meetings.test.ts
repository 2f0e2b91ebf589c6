// The meetings domain: the meeting form's rules and who may use it, webinar registration (case and
// timeline, consent, confirmation with an ICS checked by ical.js through a real SMTP peer), no
// over-booking under concurrent registrations, duplicates, a moved meeting's updated invitation,
// the 24-hour reminder sent once, the signed cancel link, attendance, and the levers; meetings over
// more days (ICS right across the DST changes), inviting a call's ranked candidates or one person by
// hand, and cancelling a whole meeting (METHOD:CANCEL, same UID, higher SEQUENCE, no reminders).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import ICAL from 'ical.js';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { SmtpPeer, type ReceivedMail } from '../../../tests/support/smtp.ts';
import { ADMIN_ACTOR } from '../../../tests/factories/index.ts';
import { buildClosedCall, buildRankedList } from '../../../tests/factories/rankings.ts';
import { romeParts } from '../../platform/i18n/format.ts';
import { meetingMails, registrant, registrationsOf, webinarForm as meetingForm } from '../../../tests/factories/meetings.ts';
import { caseEventsOf, caseOf } from '../../../tests/factories/people.ts';
import { consentHistory } from '../../platform/consent/index.ts';
import {
  addLever,
  cancelMeeting,
  cancelRegistration,
  getPublicWebinar,
  inviteCandidates,
  meetingCalendar,
  meetingInvitees,
  meetingWhen,
  registerPerson,
  cancelToken,
  createMeeting,
  getMeeting,
  leverSummary,
  markAttendance,
  meetingFormOptions,
  registerForWebinar,
  removeLever,
  sendMeetingReminders,
  updateMeeting,
  REGISTRATION_CONSENT,
  type Meeting,
} from './index.ts';

let rt: TestRuntime;
let smtp: SmtpPeer;
let clock = new Date('2026-06-01T08:00:00Z');
const editor: Actor = { id: 'editor-x', label: 'ed', role: 'editor', memberships: [] };
const recruiter: Actor = { id: null, label: 'rita', role: 'recruiter', memberships: [] };
let n = 0;

beforeAll(async () => {
  smtp = await SmtpPeer.start();
  rt = await testRuntime({ now: () => clock, env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await rt?.close();
  await smtp?.stop();
});

const webinarForm = meetingForm;

async function webinar(over: Record<string, string> = {}): Promise<Meeting> {
  const r = await createMeeting(rt.deps, recruiter, webinarForm(over));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const person = registrant;

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
    const c = (await caseOf(rt.deps.db, p.email))!.case;
    expect(c).toMatchObject({ source: 'webinar', name: 'Marta Rossi' });
    expect(r.value.registration.caseId).toBe(c.id);
    const events = await caseEventsOf(rt.deps.db, c.id);
    expect(events.map((e) => e.kind).sort()).toEqual(['created', 'registration']);
    const consent = await consentHistory(rt.deps.db, REGISTRATION_CONSENT, r.value.registration.id);
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
    expect(await registrationsOf(rt.deps, m.id)).toHaveLength(1);
    expect(await meetingMails(rt.deps, 'meeting-confirm', a.value.registration.id)).toHaveLength(1);
  });

  it('never over-books: concurrent registrations for the last seats', async () => {
    const m = await webinar({ capacity: '3' });
    const results = await Promise.all(Array.from({ length: 8 }, () => registerForWebinar(rt.deps, m.slug, person(), {})));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.error.code === 'full')).toHaveLength(5);
    const rows = (await registrationsOf(rt.deps, m.id)).filter((x) => x.status === 'registered');
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
    const ev = await caseEventsOf(rt.deps.db, ra.value.registration.caseId!, 'meeting');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.summary).toContain('attended');
    // The same marks again change nothing on the timeline.
    await markAttendance(rt.deps, recruiter, m.id, [ra.value.registration.id]);
    expect(await caseEventsOf(rt.deps.db, ra.value.registration.caseId!, 'meeting')).toHaveLength(1);
    clock = new Date('2026-06-01T08:00:00Z');
  });
});

describe('levers of a directors meeting', () => {
  it('adds and removes structured levers and sums them up by discipline', async () => {
    const [disc] = (await meetingFormOptions(rt.deps.db)).disciplines;
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

describe('a meeting over more days', () => {
  it('takes an end date; the message goes to the end date or the end time, whichever is wrong', async () => {
    const before = await createMeeting(rt.deps, recruiter, webinarForm({ date: '2026-07-15', endDate: '2026-07-14', endTime: '20:00' }));
    expect(!before.ok && before.error.code === 'invalid' && before.error.fields).toEqual({ endDate: 'meetings_admin.errors.end_date_before_start' });
    const sameDay = await createMeeting(rt.deps, recruiter, webinarForm({ date: '2026-07-15', endDate: '2026-07-15', startTime: '18:00', endTime: '09:00' }));
    expect(!sameDay.ok && sameDay.error.code === 'invalid' && sameDay.error.fields).toEqual({ endTime: 'meetings_admin.errors.end_before_start' });
    const tooLong = await createMeeting(rt.deps, recruiter, webinarForm({ date: '2026-07-15', endDate: '2026-09-15' }));
    expect(!tooLong.ok && tooLong.error.code === 'invalid' && tooLong.error.fields).toEqual({ endDate: 'meetings_admin.errors.too_long' });
    const bad = await createMeeting(rt.deps, recruiter, webinarForm({ endDate: '15/07/2026' }));
    expect(!bad.ok && bad.error.code === 'invalid' && bad.error.fields).toEqual({ endDate: 'common.forms.invalid_date' });
    // Overnight: ends the next morning, an earlier hour on a later day.
    const overnight = await webinar({ date: '2026-07-15', startTime: '20:00', endDate: '2026-07-16', endTime: '09:00' });
    expect(overnight.startsAt.toISOString()).toBe('2026-07-15T18:00:00.000Z');
    expect(overnight.endsAt.toISOString()).toBe('2026-07-16T07:00:00.000Z');
    expect(meetingWhen('it', overnight)).toMatch(/15\/07\/2026.* – 16\/07\/2026.*09:00|15 lug.* – 16 lug.*09:00/);
  });

  it('writes DTSTART and DTEND right in Rome across the end of summer time and its start', async () => {
    // Summer time ends on Sunday 25 October 2026 at 03:00: the two 18:00 are 16:00Z and 17:00Z.
    const autumn = await webinar({ date: '2026-10-24', startTime: '18:00', endDate: '2026-10-25', endTime: '18:00' });
    const a = new ICAL.Event(new ICAL.Component(ICAL.parse(meetingCalendar(rt.deps.links, autumn, 'it'))).getFirstSubcomponent('vevent')!);
    expect(a.startDate.toJSDate().toISOString()).toBe('2026-10-24T16:00:00.000Z');
    expect(a.endDate.toJSDate().toISOString()).toBe('2026-10-25T17:00:00.000Z');
    expect(romeParts(a.startDate.toJSDate())).toMatchObject({ day: 24, hour: 18, minute: 0 });
    expect(romeParts(a.endDate.toJSDate())).toMatchObject({ day: 25, hour: 18, minute: 0 });
    expect(a.duration.toSeconds()).toBe(25 * 3600);
    // Summer time starts on Sunday 28 March 2027: 10:00 → 10:00 is 23 hours.
    const spring = await webinar({ date: '2027-03-27', startTime: '10:00', endDate: '2027-03-28', endTime: '10:00' });
    const b = new ICAL.Event(new ICAL.Component(ICAL.parse(meetingCalendar(rt.deps.links, spring, 'en'))).getFirstSubcomponent('vevent')!);
    expect(b.startDate.toJSDate().toISOString()).toBe('2027-03-27T09:00:00.000Z');
    expect(b.endDate.toJSDate().toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(romeParts(b.endDate.toJSDate())).toMatchObject({ day: 28, hour: 10 });
  });
});

describe('a meeting with the candidates of a call', () => {
  it('invites chosen ranks, then all the others, each in their language with a decline link and a case line', async () => {
    const call = await buildClosedCall(rt.deps);
    await buildRankedList(rt.deps, { callId: call.id, candidates: 3, locale: (i) => (i === 3 ? 'en' : 'it') });
    await buildRankedList(rt.deps, { callId: call.id, kind: 'residents', candidates: 2 });
    const made = await createMeeting(rt.deps, recruiter, webinarForm({ kind: 'candidates', callId: call.id, title: 'Presentazione della sede', registrationOpen: '' }));
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const m = made.value;

    const inv = await meetingInvitees(rt.deps, recruiter, m.id);
    if (!inv.ok) throw new Error('expected ok');
    expect(inv.value.invitees.map((i) => [i.listKind, i.rank])).toEqual([['main', 1], ['main', 2], ['main', 3], ['residents', 1], ['residents', 2]]);
    expect(await meetingInvitees(rt.deps, editor, m.id)).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await inviteCandidates(rt.deps, recruiter, m.id, { all: false, candidateIds: [] })).toEqual({ ok: false, error: { code: 'invalid', fields: { candidates: 'meetings_admin.errors.choose_candidates' } } });

    const first = inv.value.invitees[0]!;
    expect(await inviteCandidates(rt.deps, recruiter, m.id, { all: false, candidateIds: [first.candidateId] })).toEqual({ ok: true, value: { invited: 1, skipped: 0 } });
    const mail = await smtp.waitFor((x) => x.to.includes(first.email!));
    expect(mail.subject).toBe('Invito: Presentazione della sede');
    expect(mail.text).toContain('/webinar/annulla/');
    const { comp, ev } = ics(mail);
    expect(comp.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(ev.uid).toBe(`meeting-${m.id}@localhost`);
    const reg = (await registrationsOf(rt.deps, m.id)).find((x) => x.email === first.email);
    expect(reg!.caseId).not.toBeNull();
    const events = await caseEventsOf(rt.deps.db, reg!.caseId!, 'registration');
    expect(events.map((e) => e.summary)).toContain('meetings:invited:Presentazione della sede');

    const all = await inviteCandidates(rt.deps, recruiter, m.id, { all: true, candidateIds: [] });
    expect(all).toEqual({ ok: true, value: { invited: 4, skipped: 1 } });
    const en = inv.value.invitees[2]!;
    expect((await smtp.waitFor((x) => x.to.includes(en.email!))).subject).toBe('Invitation: Presentazione della sede');
    expect(await meetingMails(rt.deps, 'meeting-invite', reg!.id)).toHaveLength(1);

    // A candidate declines with the link in the mail.
    const token = /\/webinar\/annulla\/(\S+)/.exec(mail.text)![1]!;
    expect((await cancelRegistration(rt.deps, token)).ok).toBe(true);
    const again = await meetingInvitees(rt.deps, recruiter, m.id);
    expect(again.ok && again.value.invitees.filter((i) => i.registered)).toHaveLength(4);
  });

  it('registers one person by hand: checked fields, one registration and one mail however often', async () => {
    const m = await webinar({ registrationOpen: '' });
    const bad = await registerPerson(rt.deps, recruiter, m.id, { name: '', email: 'x', locale: 'it' });
    expect(!bad.ok && bad.error.code === 'invalid' && bad.error.fields).toEqual({ name: 'common.forms.required', email: 'common.forms.invalid_email' });
    const p = { name: 'Sara Bianchi', email: `sara.${++n}@example.org`, locale: 'en' };
    const r = await registerPerson(rt.deps, recruiter, m.id, { ...p, email: p.email.toUpperCase() });
    expect(r.ok && r.value.registration?.email).toBe(p.email);
    expect((await registerPerson(rt.deps, recruiter, m.id, p)).ok && (await registerPerson(rt.deps, recruiter, m.id, p) as { value: { registration: unknown } }).value.registration).toBeNull();
    expect((await caseOf(rt.deps.db, p.email))!.case).toMatchObject({ source: 'meeting', locale: 'en' });
    expect((await meetingMails(rt.deps, 'meeting-invite')).filter((x) => x.to === p.email)).toHaveLength(1);
    expect(await registerPerson(rt.deps, editor, m.id, p)).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('cancelling a whole meeting', () => {
  it('tells every active registrant with METHOD:CANCEL under the same UID and a higher SEQUENCE, and stops everything', async () => {
    const m = await webinar({ date: '2026-06-02' });
    const [a, b] = [person(), person({ locale: 'en' })];
    const ra = await registerForWebinar(rt.deps, m.slug, a, {});
    const rb = await registerForWebinar(rt.deps, m.slug, b, {});
    const gone = person();
    const rc = await registerForWebinar(rt.deps, m.slug, gone, {});
    if (!ra.ok || !rb.ok || !rc.ok) throw new Error('expected ok');
    await cancelRegistration(rt.deps, cancelToken(rt.deps.links.secret, rc.value.registration.id));

    expect(await cancelMeeting(rt.deps, editor, m.id)).toEqual({ ok: false, error: { code: 'forbidden' } });
    const r = await cancelMeeting(rt.deps, recruiter, m.id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.notified).toBe(2);
    expect(r.value.meeting).toMatchObject({ status: 'cancelled', sequence: 1 });

    const mail = await smtp.waitFor((x) => x.to.includes(b.email) && x.subject.startsWith('Cancelled'));
    expect(mail.subject).toBe(`Cancelled: ${m.title}`);
    const { comp, ev } = ics(mail);
    expect(comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(ev.uid).toBe(`meeting-${m.id}@localhost`);
    expect(ev.sequence).toBe(1);
    expect(ev.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(ev.startDate.toJSDate()).toEqual(m.startsAt);
    expect((await smtp.waitFor((x) => x.to.includes(a.email) && x.subject.startsWith('Annullato'))).text).toContain('annullato');
    const cancelKeys = await meetingMails(rt.deps, 'meeting-cancelled');
    expect(cancelKeys.filter((x) => x.to === gone.email)).toHaveLength(0);
    const ev2 = await caseEventsOf(rt.deps.db, ra.value.registration.caseId!, 'meeting');
    expect(ev2.map((e) => e.summary)).toEqual([`meetings:meeting_cancelled:${m.title}`]);

    // The public page still answers, saying it is cancelled; registrations are refused, even a repeat.
    expect((await getPublicWebinar(rt.deps.db, m.slug, clock))?.meeting.status).toBe('cancelled');
    expect(await registerForWebinar(rt.deps, m.slug, person(), {})).toEqual({ ok: false, error: { code: 'closed' } });
    expect(await registerForWebinar(rt.deps, m.slug, a, {})).toEqual({ ok: false, error: { code: 'closed' } });
    // No reminder the day before, no second cancellation, no edits, no attendance.
    clock = new Date('2026-06-01T17:00:00Z');
    expect(await sendMeetingReminders(rt.deps)).toBe(0);
    expect(await cancelMeeting(rt.deps, recruiter, m.id)).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(await updateMeeting(rt.deps, recruiter, m.id, webinarForm({ title: m.title }))).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(await registerPerson(rt.deps, recruiter, m.id, { name: 'Tardi', email: 'tardi@example.org', locale: 'it' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    clock = new Date('2026-06-02T18:00:00Z');
    expect(await markAttendance(rt.deps, recruiter, m.id, [])).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    clock = new Date('2026-06-01T08:00:00Z');
  });
});
