// Erasing a person across every capability, on a real database: each table is searched for the
// address afterwards, ranked-list candidacies stay (unlinked), a future appointment's ICS CANCEL is
// queued and survives, the audit log never names the person; and the 24-month retention rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { createStaff, type StaffUserFixture } from '../../../tests/support/http.ts';
import { buildRankedList } from '../../../tests/factories/rankings.ts';
import { subscribe } from '../../../tests/factories/alerts.ts';
import { caseById } from '../../../tests/factories/people.ts';
import { auditFor } from '../../platform/audit/index.ts';
import { storedMail } from '../../platform/mail/index.ts';
import { listAuditLog } from '../accounts/index.ts';
import { addEntry, addTask, createCase, ensureCase, getCase, mergeCases, type Case } from '../cases/index.ts';
import { createLead } from '../leads/index.ts';
import { addRule, availableSlots, bookAppointment, bookingToken, cancelAppointment, purgeSentCancellationsOfErased } from '../appointments/index.ts';
import { createMeeting, registerForWebinar } from '../meetings/index.ts';
import { getCandidate, getList, logContact, makeOffer, openPosts } from '../rankings/index.ts';
import { linkCandidatesToCase } from '../rankings/testing.ts';
import { ERASED_LABEL, erasePerson, erasurePreview, eraseQuietCases } from './index.ts';

let rt: TestRuntime;
let clock = new Date('2026-06-01T08:00:00Z');
let admin: Actor;
let recruiter: Actor;
let host: StaffUserFixture;
const editor: Actor = { id: 'editor-x', label: 'editor', role: 'editor', memberships: [] };

beforeAll(async () => {
  rt = await testRuntime({ work: false, now: () => clock });
  const a = await createStaff(rt, { role: 'admin', name: 'Ada Admin' });
  host = await createStaff(rt, { role: 'recruiter', name: 'Rita Recruiter' });
  admin = { id: a.id, label: a.email, role: 'admin', memberships: [] };
  recruiter = { id: host.id, label: host.email, role: 'recruiter', memberships: [] };
  // Every weekday morning, so the next days always have free slots.
  for (const weekday of ['1', '2', '3', '4', '5']) {
    const r = await addRule(rt.deps, recruiter, { weekday, startTime: '09:00', endTime: '12:00', slotMinutes: '30', bufferMinutes: '0', mode: 'video', location: 'https://meet.example.org/rita' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
});
afterAll(() => rt.close());

/** The whole audit log as the administrators' page lists it (every page). */
async function wholeAuditLog() {
  const rows = [];
  for (let page = 1; ; page++) {
    const r = await listAuditLog(rt.deps, admin, { page });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    rows.push(...r.value.items);
    if (page >= r.value.pages) return rows;
  }
}

/**
 * Every text or jsonb cell of the public schema that contains `needle`, as table.column. On purpose
 * below every domain: the erasure's proof is that no table anywhere still holds the person.
 */
async function whereIs(needle: string): Promise<string[]> {
  const cols = await rt.deps.db.execute<{ table_name: string; column_name: string }>(
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'jsonb', 'character varying')`,
  );
  const out: string[] = [];
  for (const c of (cols as unknown as { rows: { table_name: string; column_name: string }[] }).rows) {
    const r = await rt.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)}::text ilike ${'%' + needle + '%'}`);
    const n = Number((r as unknown as { rows: { n: number }[] }).rows[0]!.n);
    if (n) out.push(`${c.table_name}.${c.column_name}`);
  }
  return out.sort();
}

describe('erasing a person on request', () => {
  let kase: Case;
  let email: string;
  let alt: string;
  let candidateId: string;
  let offerId: string;
  let futureId: string;

  beforeAll(async () => {
    // A ranked-list candidate the desk proposed, contacted and made an offer to (its mail still pending).
    const list = await buildRankedList(rt.deps, { candidates: 2 });
    const opened = await openPosts(rt.deps, recruiter, list.id, { posts: '1' });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const cand = opened.value.proposed[0]!;
    candidateId = cand.id;
    email = cand.email!;
    expect((await logContact(rt.deps, recruiter, candidateId, { channel: 'phone', outcome: 'reached', notes: 'Interessata' })).ok).toBe(true);
    const offer = await makeOffer(rt.deps, recruiter, candidateId);
    if (!offer.ok) throw new Error(JSON.stringify(offer.error));
    offerId = offer.value.id;
    kase = (await caseById(rt.deps.db, cand.caseId!))!.case;

    // The same person left their references, booked two appointments (one cancelled), signed up to
    // a webinar and to alerts; the team added a task and a note.
    const lead = await createLead(rt.deps, { name: kase.name, email, phone: '+39 320 000 1111', professionCode: 'infermiere', preferredTime: 'morning', consent: 'on', message: 'Vorrei sapere degli alloggi.' }, { locale: 'it' });
    if (!lead.ok) throw new Error(JSON.stringify(lead.error));
    const slots = await availableSlots(rt.deps.db, clock);
    const token = bookingToken(rt.deps.links.secret, { leadId: lead.value.id });
    const future = await bookAppointment(rt.deps, token, { slot: slots[0]!.key, name: kase.name, email }, 'it');
    if (!future.ok) throw new Error(JSON.stringify(future.error));
    futureId = future.value.appointment.id;
    const other = await bookAppointment(rt.deps, token, { slot: slots[1]!.key, name: kase.name, email }, 'it');
    if (!other.ok) throw new Error(JSON.stringify(other.error));
    expect((await cancelAppointment(rt.deps, other.value.manageToken)).ok).toBe(true);
    const meeting = await createMeeting(rt.deps, admin, { kind: 'webinar', title: 'Lavorare in Trentino', descriptionMd: 'Per infermieri.', date: '2026-07-01', startTime: '18:00', endTime: '19:00', mode: 'video', location: 'https://meet.example.org/w', capacity: '50', registrationOpen: 'on' });
    if (!meeting.ok) throw new Error(JSON.stringify(meeting.error));
    expect((await registerForWebinar(rt.deps, meeting.value.slug, { name: kase.name, email, locale: 'it', consent: 'on' }, {})).ok).toBe(true);
    await subscribe(rt.deps, { email, prefs: { name: kase.name } });
    expect((await addTask(rt.deps, recruiter, kase.id, { title: 'Richiamare per alloggio' })).ok).toBe(true);
    expect((await addEntry(rt.deps, recruiter, kase.id, { kind: 'note', body: 'Ha due figli piccoli.' })).ok).toBe(true);
    // A duplicate under a second address, merged into the case: its pointer names the person too.
    alt = `alt.${Date.now()}@example.org`;
    const dup = await createCase(rt.deps, recruiter, { name: kase.name, email: alt, locale: 'it' });
    if (!dup.ok) throw new Error(JSON.stringify(dup.error));
    expect((await mergeCases(rt.deps, recruiter, { keep: kase.id, drop: dup.value.id })).ok).toBe(true);
    // Someone else, untouched by the erasure.
    expect((await createLead(rt.deps, { name: 'Altra Persona', email: 'altra.persona@example.org', professionCode: 'infermiere', preferredTime: 'any', consent: 'on', message: '' }, { locale: 'it' })).ok).toBe(true);
  });

  it('is for admins only', async () => {
    expect(await erasePerson(rt.deps, recruiter, kase.id)).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await erasePerson(rt.deps, editor, kase.id)).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect((await erasurePreview(rt.deps, recruiter, kase.id)).ok).toBe(false);
    expect(await erasePerson(rt.deps, admin, '00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, error: { code: 'not_found' } });
  });

  it('previews what goes and what stays', async () => {
    const p = await erasurePreview(rt.deps, admin, kase.id);
    if (!p.ok) throw new Error(JSON.stringify(p.error));
    const part = (name: string) => p.value.parts.find((x) => x.capability === name)!;
    expect(part('cases').erase).toMatchObject({ cases: 2, tasks: 1 });
    expect(part('cases').erase.events).toBeGreaterThanOrEqual(6);
    expect(part('leads').erase).toMatchObject({ leads: 1 });
    expect(part('appointments').erase).toMatchObject({ appointments: 2, upcoming: 1 });
    expect(part('meetings').erase).toMatchObject({ registrations: 1 });
    const mails = p.value.parts.reduce((n, x) => n + (x.erase.mails ?? 0), 0);
    expect(mails).toBeGreaterThanOrEqual(4);
    expect(part('rankings').keep).toEqual({ candidacies: 1 });
    expect(part('alerts')).toMatchObject({ optional: true, erase: { subscriptions: 1 } });
    expect(await whereIs(email)).toEqual(expect.arrayContaining(['appointments.email', 'cases.email', 'leads.email', 'mail_messages.to', 'meeting_registrations.email', 'alert_subscribers.email', 'ranked_candidates.email']));
  });

  it('erases everything but the candidacy, queues the ICS CANCEL, and leaves no address in the audit log', async () => {
    const r = await erasePerson(rt.deps, admin, kase.id, { include: 'alerts' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value).toMatchObject({
      cases: { cases: 2, tasks: 1 },
      leads: { leads: 1 },
      appointments: { appointments: 2, cancelled: 1 },
      meetings: { registrations: 1, consents: 1 },
      rankings: { unlinked: 1 },
      alerts: { subscriptions: 1 },
    });

    // Every table searched for both addresses: only the kept candidacy and two mails still to be sent.
    const found = await whereIs(email);
    expect(found).toEqual(expect.arrayContaining(['mail_messages.to', 'ranked_candidates.email']));
    expect(found.filter((x) => !x.startsWith('mail_messages.') && !x.startsWith('ranked_candidates.'))).toEqual([]);
    expect(await whereIs(alt)).toEqual([]);
    expect(await whereIs('alloggi')).toEqual([]);
    expect(await whereIs('figli piccoli')).toEqual([]);
    expect(await whereIs('altra.persona@example.org')).toContain('leads.email');

    const left = await storedMail(rt.deps.db, { to: [email] });
    expect(left.map((m) => [m.idempotencyKey, m.status]).sort()).toEqual([[`appointment-cancel:${futureId}`, 'pending'], [`ranking-offer:${offerId}`, 'pending']]);
    const ics = left.find((m) => m.idempotencyKey.startsWith('appointment-cancel:'))!.attachments![0]!.content;
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid')).toBe(`appointment-${futureId}@approdo`);

    const cand = await getCandidate(rt.deps, admin, candidateId);
    if (!cand.ok) throw new Error(JSON.stringify(cand.error));
    expect(cand.value.candidate).toMatchObject({ caseId: null, email, state: 'offered' });
    expect(cand.value.attempts).toHaveLength(1);
    expect(cand.value.offers).toHaveLength(1);

    // The log lists the newest first: the first erasure logged is the last.
    const entry = (await wholeAuditLog()).filter((e) => e.action === 'case.erased').at(-1);
    expect(entry).toMatchObject({ actorId: admin.id, entityType: 'case', entityId: kase.id, summary: 'on request' });
    expect((entry!.changes as { counts: Record<string, Record<string, number>> }).counts).toMatchObject({ leads: { leads: 1 }, appointments: { appointments: 2 }, rankings: { unlinked: 1 } });
    const all = JSON.stringify(await wholeAuditLog()).toLowerCase();
    expect(all).not.toContain(email);
    expect(all).not.toContain(alt);
    expect(all).toContain(ERASED_LABEL);
  });

  it('answers not found the second time', async () => {
    expect(await erasePerson(rt.deps, admin, kase.id)).toEqual({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the retention rule', () => {
  const mk = async (name: string) => {
    const r = await createCase(rt.deps, recruiter, { name, email: `${name.toLowerCase().replace(/\W/g, '.')}.${Date.now()}@example.org`, locale: 'it' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  const exists = async (id: string) => {
    const r = await getCase(rt.deps.db, admin, id);
    if (!r.ok && r.error.code !== 'not_found') throw new Error(JSON.stringify(r.error));
    return r.ok;
  };
  /** A published ranked list of one candidate; it stays valid 24 months from `publishedAt`. */
  const listPublishedOn = async (publishedAt: Date) => {
    const saved = clock;
    clock = publishedAt;
    try {
      return await buildRankedList(rt.deps, { candidates: 1 });
    } finally {
      clock = saved;
    }
  };

  it('erases cases with no activity for 24 months and keeps the others', async () => {
    clock = new Date('2027-01-10T08:00:00Z');
    const quiet = await mk('Quieto Uno');
    const noted = await mk('Annotato Due');
    const candidate = await ensureCase(rt.deps.db, { name: 'Candidato Tre', email: `tre.${Date.now()}@example.org` }, 'ranked_list', recruiter, clock);
    // The list stays valid three years from now (published a year ahead: 24 months from then).
    const list = await listPublishedOn(new Date('2028-01-10T08:00:00Z'));
    expect(list.validUntil).toEqual(new Date('2030-01-10T08:00:00Z'));
    await linkCandidatesToCase(rt.deps.db, list.id, candidate.id);
    const expiredList = await mk('Lista Scaduta');
    const old = await listPublishedOn(new Date('2026-01-10T08:00:00Z'));
    expect(old.validUntil).toEqual(new Date('2028-01-10T08:00:00Z'));
    await linkCandidatesToCase(rt.deps.db, old.id, expiredList.id);

    clock = new Date('2028-02-01T08:00:00Z');
    expect((await addEntry(rt.deps, recruiter, noted.id, { kind: 'call', body: 'Sentita' })).ok).toBe(true);

    // 23 months on: nothing is old enough.
    clock = new Date('2028-12-10T08:00:00Z');
    await eraseQuietCases(rt.deps);
    for (const c of [quiet, noted, candidate, expiredList]) expect(await exists(c.id)).toBe(true);

    // 25 months on: the quiet case and the one whose list has expired go.
    clock = new Date('2029-02-10T08:00:00Z');
    const r = await eraseQuietCases(rt.deps);
    expect(r.erased).toBeGreaterThanOrEqual(2);
    expect(await exists(quiet.id)).toBe(false);
    expect(await exists(expiredList.id)).toBe(false);
    expect(await exists(noted.id)).toBe(true);
    expect(await exists(candidate.id)).toBe(true);
    const oldList = await getList(rt.deps, admin, old.id);
    if (!oldList.ok) throw new Error(JSON.stringify(oldList.error));
    const [cand] = oldList.value.candidates;
    expect(cand!.caseId).toBeNull();
    const entries = await auditFor(rt.deps.db, 'case', quiet.id);
    expect(entries.find((e) => e.action === 'case.erased')).toMatchObject({ actorId: null, actorLabel: 'system', summary: 'retention' });
  });

  it('deletes the calendar cancellations of erased appointments once sent', async () => {
    const pending = await storedMail(rt.deps.db, { owner: 'appointments', keyPrefix: 'appointment-cancel:' });
    const orphan = pending.find((m) => m.status === 'pending');
    expect(orphan).toBeDefined();
    // The mail job sends it (this runtime has no SMTP server: the outbox stores it as sent).
    await rt.deps.mailer.deliver(orphan!.id);
    expect((await storedMail(rt.deps.db, { keys: [orphan!.idempotencyKey] }))[0]!.status).toBe('stored');
    expect(await purgeSentCancellationsOfErased(rt.deps.db)).toBe(1);
    expect(await storedMail(rt.deps.db, { keys: [orphan!.idempotencyKey] })).toHaveLength(0);
  });
});
