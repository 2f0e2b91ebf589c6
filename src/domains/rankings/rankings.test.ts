// Ranked lists and the desk on a real database: lists only for closed calls, the all-or-nothing
// import, publication with validity, opening posts, offers with mail in the candidate's language,
// outcomes that propose the next candidate, and the sweep's reminders and expiries.
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/authz/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { SmtpPeer } from '../../../tests/support/smtp.ts';
import { ADMIN_ACTOR, buildCall } from '../../../tests/factories/index.ts';
import { buildClosedCall, buildRankedList, candidateAt, candidateDetail, candidateStates } from '../../../tests/factories/rankings.ts';
import { caseDetail } from '../../../tests/factories/cases.ts';
import { auditFor } from '../../platform/audit/index.ts';
import { storedMail } from '../../platform/mail/index.ts';
import {
  confirmCandidates,
  createList,
  getList,
  logContact,
  makeOffer,
  openPosts,
  previewCandidates,
  publicListsForCall,
  recordOutcome,
  sweepOffers,
} from './index.ts';

const DAY = 86_400_000;
let clock = new Date('2026-06-10T08:00:00Z');
let rt: TestRuntime;
let smtp: SmtpPeer;
const RECRUITER: Actor = { id: null, label: 'recruiter', role: 'recruiter', memberships: [] };
const EDITOR: Actor = { id: null, label: 'editor', role: 'editor', memberships: [] };

beforeAll(async () => {
  smtp = await SmtpPeer.start();
  rt = await testRuntime({ now: () => clock, env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await rt.close();
  await smtp.stop();
});

const csv = (s: string) => ({ name: 'graduatoria.csv', bytes: new TextEncoder().encode(s) });
const stateOf = (listId: string) => candidateStates(rt.deps, listId);

describe('ranked lists', () => {
  it('are created only for closed calls, one per kind, and not by editors', async () => {
    const open = await buildCall(rt.deps, {}, { publish: true });
    const r = await createList(rt.deps, ADMIN_ACTOR, open.id, { kind: 'main' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state', message: 'rankings.errors.call_not_closed' } });
    const closed = await buildClosedCall(rt.deps);
    expect((await createList(rt.deps, EDITOR, closed.id, { kind: 'main' })).ok).toBe(false);
    const made = await createList(rt.deps, RECRUITER, closed.id, { kind: 'main' });
    expect(made.ok && made.value).toMatchObject({ answerDays: 7, reminderDays: 2, publishedAt: null });
    expect(await createList(rt.deps, RECRUITER, closed.id, { kind: 'main' })).toMatchObject({ ok: false, error: { code: 'invalid', fields: { kind: 'rankings.errors.kind_exists' } } });
    expect((await createList(rt.deps, RECRUITER, closed.id, { kind: 'residents' })).ok).toBe(true);
  });

  it('publishes with a validity of two years from publication', async () => {
    const list = await buildRankedList(rt.deps, { candidates: 1 });
    expect(list.publishedAt?.toISOString()).toBe(clock.toISOString());
    expect(list.validUntil?.toISOString()).toBe('2028-06-10T08:00:00.000Z');
  });

  it('imports a file all or nothing, with errors by line', async () => {
    const list = await buildRankedList(rt.deps, { candidates: 0, publish: false });
    const bad = await previewCandidates(rt.deps, ADMIN_ACTOR, list.id, csv('rank;name;email;pec;phone;score;preference;reserve;language\n1;Anna Rossi;anna@example.org;;;88,5;sì;;it\n2;Bruno Verdi;non-una-mail;;;80;;;en\n1;Carla Neri;;;;79;;x;fr\n'));
    expect(bad.ok).toBe(true);
    if (!bad.ok) return;
    expect(bad.value.id).toBeNull();
    expect(bad.value.rows.map((r) => [r.line, r.problems.map((p) => `${p.column}:${p.key}`)])).toEqual([
      [2, []],
      [3, ['email:common.forms.invalid_email']],
      [4, ['language:rankings.errors.invalid_language']],
    ]);
    const dup = await previewCandidates(rt.deps, ADMIN_ACTOR, list.id, csv('rank,name\n1,Anna\n1,Bruno\n'));
    expect(dup.ok && dup.value.rows[1]!.problems[0]).toMatchObject({ column: 'rank', key: 'rankings.import_errors.duplicate_rank', vars: { line: 2 } });
    expect(await stateOf(list.id)).toEqual({});

    const good = await previewCandidates(rt.deps, ADMIN_ACTOR, list.id, csv('posizione;nome;email;punteggio;preferenza;riserva;lingua\n1;Anna Rossi;anna@example.org;88,5;sì;;it\n2;Bruno Verdi;bruno@example.org;80;;x;en\n'));
    if (!good.ok || !good.value.id) throw new Error('expected a valid preview');
    // The same file previewed again before the first is confirmed: staged too, refused later.
    const again = await previewCandidates(rt.deps, ADMIN_ACTOR, list.id, csv('posizione;nome\n1;Anna Rossi\n'));
    if (!again.ok || !again.value.id) throw new Error('expected a valid preview');
    expect(await confirmCandidates(rt.deps, { ...ADMIN_ACTOR, id: 'someone-else' }, list.id, good.value.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await confirmCandidates(rt.deps, EDITOR, list.id, good.value.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await confirmCandidates(rt.deps, ADMIN_ACTOR, list.id, good.value.id)).toEqual({ ok: true, value: { count: 2 } });
    const d = await getList(rt.deps, ADMIN_ACTOR, list.id);
    expect(d.ok && d.value.candidates.map((c) => [c.rank, c.name, c.score, c.preference, c.reserve, c.locale])).toEqual([
      [1, 'Anna Rossi', '88.500', true, false, 'it'],
      [2, 'Bruno Verdi', '80.000', false, true, 'en'],
    ]);
    // The same file again: rank 1 is taken, so nothing of it goes in.
    expect(await confirmCandidates(rt.deps, ADMIN_ACTOR, list.id, again.value.id)).toMatchObject({ ok: false, error: { code: 'rank_taken', rank: 1 } });
    expect(await confirmCandidates(rt.deps, ADMIN_ACTOR, list.id, good.value.id)).toMatchObject({ ok: false, error: { code: 'invalid_state', message: 'import.errors.already_imported' } });
    expect(Object.keys(await stateOf(list.id))).toHaveLength(2);
  });

  it('reads an XLSX file with number cells', async () => {
    const list = await buildRankedList(rt.deps, { candidates: 0, publish: false });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('graduatoria');
    ws.addRow(['Rank', 'Name', 'Email', 'Score', 'Reserve']);
    ws.addRow([1, 'Anna Rossi', 'anna@example.org', 88.5, 'x']);
    ws.addRow([2, 'Bruno Verdi', 'bruno@', 80, '']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await previewCandidates(rt.deps, ADMIN_ACTOR, list.id, { name: 'graduatoria.xlsx', bytes });
    expect(r.ok && r.value.rows.map((x) => [x.line, x.name, x.problems.map((p) => p.column)])).toEqual([
      [2, 'Anna Rossi', []],
      [3, 'Bruno Verdi', ['email']],
    ]);
  });

  it('shows the public only rank, name, score and flags of published lists', async () => {
    const call = await buildClosedCall(rt.deps);
    await buildRankedList(rt.deps, { callId: call.id, candidates: 2, publish: false });
    expect((await publicListsForCall(rt.deps.db, call.slug, clock))!.lists).toEqual([]);
    await buildRankedList(rt.deps, { callId: call.id, kind: 'residents', candidates: 2 });
    const pub = (await publicListsForCall(rt.deps.db, call.slug, clock))!;
    expect(pub.lists).toHaveLength(1);
    expect(Object.keys(pub.lists[0]!.candidates[0]!).sort()).toEqual(['name', 'preference', 'rank', 'reserve', 'score']);
  });
});

describe('the desk', () => {
  it('opens posts, offers, and proposes the next candidate on a renunciation', async () => {
    const list = await buildRankedList(rt.deps, { candidates: 4, locale: (i) => (i === 1 ? 'en' : 'it') });
    expect(await openPosts(rt.deps, EDITOR, list.id, { posts: '1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await openPosts(rt.deps, RECRUITER, list.id, { posts: '0' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const opened = await openPosts(rt.deps, RECRUITER, list.id, { posts: '2' });
    expect(opened.ok && opened.value.proposed.map((c) => c.rank)).toEqual([1, 2]);
    expect(await stateOf(list.id)).toEqual({ 1: 'proposed', 2: 'proposed', 3: 'waiting', 4: 'waiting' });
    const first = await candidateAt(rt.deps, list.id, 1);
    expect(first!.caseId).toBeTruthy();
    const kase = (await caseDetail(rt.deps.db, first!.caseId!)).case;
    expect(kase).toMatchObject({ source: 'ranked_list', email: first!.email });

    const contact = await logContact(rt.deps, RECRUITER, first!.id, { channel: 'phone', outcome: 'no_answer', notes: 'Segreteria' });
    expect(contact.ok).toBe(true);
    const afterContact = (await candidateDetail(rt.deps, first!.id)).candidate;
    expect(afterContact!.firstContactAt?.toISOString()).toBe(clock.toISOString());

    const offer = await makeOffer(rt.deps, RECRUITER, first!.id);
    if (!offer.ok) throw new Error(JSON.stringify(offer.error));
    expect(offer.value.deadline.toISOString()).toBe(new Date(clock.getTime() + 7 * DAY).toISOString());
    expect(offer.value.reminderAt?.toISOString()).toBe(new Date(clock.getTime() + 5 * DAY).toISOString());
    expect(await makeOffer(rt.deps, RECRUITER, first!.id)).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    const mail = await smtp.waitFor((m) => m.to.includes(first!.email!));
    // English candidate, deadline 17 June 2026 08:00 UTC = 10:00 in Rome (summer time).
    expect(mail.subject).toMatch(/^Job offer: /);
    expect(mail.text).toContain('17 June 2026');
    expect(mail.text).toContain('10:00');
    const kaseAfter = (await caseDetail(rt.deps.db, first!.caseId!)).case;
    expect(kaseAfter!.stage).toBe('offer');

    expect(await recordOutcome(rt.deps, RECRUITER, first!.id, { outcome: 'renounced' })).toMatchObject({ ok: false, error: { code: 'invalid', fields: { reason: 'rankings.errors.reason_required' } } });
    const out = await recordOutcome(rt.deps, RECRUITER, first!.id, { outcome: 'renounced', reason: 'housing', reasonText: 'Nessun alloggio vicino' });
    expect(out.ok && out.value.proposed.map((c) => c.rank)).toEqual([3]);
    expect(await stateOf(list.id)).toEqual({ 1: 'renounced', 2: 'proposed', 3: 'proposed', 4: 'waiting' });
    const o = (await candidateDetail(rt.deps, first!.id)).offers.find((x) => x.id === offer.value.id);
    expect(o).toMatchObject({ outcome: 'renounced', reason: 'housing', reasonText: 'Nessun alloggio vicino' });
    const events = (await caseDetail(rt.deps.db, first!.caseId!)).events;
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'note', 'call', 'offer', 'stage']));
    const audited = await auditFor(rt.deps.db, 'ranked_candidate', first!.id);
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['ranked_candidate.proposed', 'ranked_candidate.contacted', 'offer.made', 'offer.renounced']));

    // An acceptance fills the post: nobody else is proposed.
    const second = await candidateAt(rt.deps, list.id, 2);
    await makeOffer(rt.deps, RECRUITER, second!.id);
    const acc = await recordOutcome(rt.deps, RECRUITER, second!.id, { outcome: 'accepted' });
    expect(acc.ok && acc.value.proposed).toEqual([]);
    expect(await stateOf(list.id)).toEqual({ 1: 'renounced', 2: 'accepted', 3: 'proposed', 4: 'waiting' });
  });

  it('sends one reminder before the deadline and expires late offers, proposing the next', async () => {
    const start = clock;
    const list = await buildRankedList(rt.deps, { candidates: 2 });
    await openPosts(rt.deps, RECRUITER, list.id, { posts: '1' });
    const first = await candidateAt(rt.deps, list.id, 1);
    const offer = await makeOffer(rt.deps, RECRUITER, first!.id);
    if (!offer.ok) throw new Error('offer');
    clock = new Date(start.getTime() + 4 * DAY);
    expect((await sweepOffers(rt.deps)).reminded).toBe(0);
    clock = new Date(start.getTime() + 5 * DAY + 60_000);
    expect(await sweepOffers(rt.deps)).toMatchObject({ reminded: 1 });
    expect(await sweepOffers(rt.deps)).toMatchObject({ reminded: 0 });
    const reminders = await storedMail(rt.deps.db, { keys: [`ranking-offer-reminder:${offer.value.id}`] });
    expect(reminders).toHaveLength(1);
    const mail = await smtp.waitFor((m) => m.to.includes(first!.email!) && /Promemoria/.test(m.subject));
    expect(mail.text).toContain('17 giugno 2026');
    clock = new Date(start.getTime() + 7 * DAY + 60_000);
    expect(await sweepOffers(rt.deps)).toMatchObject({ expired: 1 });
    expect(await stateOf(list.id)).toEqual({ 1: 'expired', 2: 'proposed' });
    clock = start;
  });
});
