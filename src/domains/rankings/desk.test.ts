// The desk's turns that end before an offer (a no on the phone, no answer after the attempts, not
// eligible) and how the desk moves the person's case: forward only, never lost for one list while
// another list still works towards a post for them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { ADMIN_ACTOR } from '../../../tests/factories/index.ts';
import { buildRankedList, candidateAt, candidateDetail, candidateStates } from '../../../tests/factories/rankings.ts';
import { caseDetail, caseRecord } from '../../../tests/factories/cases.ts';
import { auditFor } from '../../platform/audit/index.ts';
import { changeStage } from '../cases/index.ts';
import { addCandidate, addMonths, DEFAULT_VALIDITY_MONTHS, getList, logContact, makeOffer, minimiseExpiredLists, NO_ANSWER_ATTEMPTS, openPosts, publishList, recordOutcome } from './index.ts';
import { getCallForStaff } from '../calls/index.ts';

const RECRUITER: Actor = { id: 'desk-recruiter', label: 'recruiter', role: 'recruiter', memberships: [] };
let rt: TestRuntime;

beforeAll(async () => {
  rt = await testRuntime({ work: false });
});
afterAll(() => rt.close());

const db = () => rt.deps.db;
const byRank = (listId: string, rank: number) => candidateAt(rt.deps, listId, rank);
const caseOf = (id: string) => caseRecord(db(), id);
const states = (listId: string) => candidateStates(rt.deps, listId);

describe('a turn closed before an offer', () => {
  it('records a renunciation with its reason, proposes the next in rank order and marks the case lost', async () => {
    const list = await buildRankedList(rt.deps, { candidates: 4 });
    await openPosts(rt.deps, RECRUITER, list.id, { posts: '2' });
    const first = await byRank(list.id, 1);
    await logContact(rt.deps, RECRUITER, first.id, { channel: 'phone', outcome: 'reached' });
    const r = await recordOutcome(rt.deps, RECRUITER, first.id, { outcome: 'renounced', reason: 'pay', reasonText: 'Guadagna di più altrove' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.proposed.map((c) => c.rank)).toEqual([3]);
    expect(await states(list.id)).toEqual({ 1: 'renounced', 2: 'proposed', 3: 'proposed', 4: 'waiting' });
    const after = await byRank(list.id, 1);
    expect(after).toMatchObject({ closedReason: 'pay', closedText: 'Guadagna di più altrove' });
    expect(after.closedAt).not.toBeNull();
    expect((await candidateDetail(rt.deps, first.id)).offers).toEqual([]);
    expect(await caseOf(first.caseId!)).toMatchObject({ stage: 'lost', lostReason: 'Retribuzione: Guadagna di più altrove' });
    const events = (await caseDetail(db(), first.caseId!)).events;
    expect(events.map((e) => e.summary)).toEqual(expect.arrayContaining(['rankings.case.early_renounced', 'interested>in_contact', 'in_contact>lost']));
    const audited = await auditFor(db(), 'ranked_candidate', first.id);
    expect(audited.map((a) => a.action)).toContain('ranked_candidate.renounced');
  });

  it('records not eligible before an offer and proposes the next', async () => {
    const list = await buildRankedList(rt.deps, { candidates: 3 });
    await openPosts(rt.deps, RECRUITER, list.id, { posts: '1' });
    const first = await byRank(list.id, 1);
    const r = await recordOutcome(rt.deps, RECRUITER, first.id, { outcome: 'not_eligible', reasonText: 'Manca la specializzazione' });
    expect(r.ok && r.value.proposed.map((c) => c.rank)).toEqual([2]);
    expect(await byRank(list.id, 1)).toMatchObject({ state: 'not_eligible', closedReason: null, firstContactAt: null });
    expect(await caseOf(first.caseId!)).toMatchObject({ stage: 'lost', lostReason: 'Non idoneo: Manca la specializzazione' });
    // The next one's case is followed by whoever opened the posts, with the call's profession.
    const second = await byRank(list.id, 2);
    const detail = await getList(rt.deps, ADMIN_ACTOR, list.id);
    if (!detail.ok) throw new Error(JSON.stringify(detail.error));
    const staffCall = await getCallForStaff(rt.deps, ADMIN_ACTOR, detail.value.list.callId);
    if (!staffCall.ok) throw new Error(JSON.stringify(staffCall.error));
    const call = staffCall.value.detail.call;
    expect(await caseOf(second.caseId!)).toMatchObject({ assigneeId: RECRUITER.id, professionCode: call!.professionCode });
  });

  it('needs an offer to accept, and a reason to renounce', async () => {
    const list = await buildRankedList(rt.deps, { candidates: 2 });
    await openPosts(rt.deps, RECRUITER, list.id, { posts: '1' });
    const first = await byRank(list.id, 1);
    expect(await recordOutcome(rt.deps, RECRUITER, first.id, { outcome: 'accepted' })).toEqual({ ok: false, error: { code: 'invalid_state', message: 'rankings.errors.needs_offer' } });
    expect(await recordOutcome(rt.deps, RECRUITER, first.id, { outcome: 'expired' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(await recordOutcome(rt.deps, RECRUITER, first.id, { outcome: 'renounced' })).toMatchObject({ ok: false, error: { code: 'invalid', fields: { reason: 'rankings.errors.reason_required' } } });
    expect(await recordOutcome(rt.deps, { id: null, label: 'e', role: 'editor', memberships: [] }, first.id, { outcome: 'renounced', reason: 'pay' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await byRank(list.id, 1)).state).toBe('proposed');
  });

  it(`takes "no answer" only after ${NO_ANSWER_ATTEMPTS} logged contact attempts`, async () => {
    const list = await buildRankedList(rt.deps, { candidates: 2 });
    await openPosts(rt.deps, RECRUITER, list.id, { posts: '1' });
    const first = await byRank(list.id, 1);
    for (let i = 1; i < NO_ANSWER_ATTEMPTS; i++) await logContact(rt.deps, RECRUITER, first.id, { channel: 'phone', outcome: 'no_answer' });
    expect(await recordOutcome(rt.deps, RECRUITER, first.id, { outcome: 'renounced', reason: 'no_answer' })).toEqual({ ok: false, error: { code: 'invalid', fields: { reason: 'rankings.errors.no_answer_attempts' } } });
    await logContact(rt.deps, RECRUITER, first.id, { channel: 'email', outcome: 'sent' });
    const r = await recordOutcome(rt.deps, RECRUITER, first.id, { outcome: 'renounced', reason: 'no_answer' });
    expect(r.ok && r.value.proposed.map((c) => c.rank)).toEqual([2]);
    expect(await byRank(list.id, 1)).toMatchObject({ state: 'renounced', closedReason: 'no_answer' });
  });
});

describe('the case stage moved by the desk', () => {
  /** A published list whose rank 1 is the given address, so one person can be on two lists. */
  async function listWith(email: string) {
    const list = await buildRankedList(rt.deps, { candidates: 0, publish: false });
    await addCandidate(rt.deps, ADMIN_ACTOR, list.id, { rank: '1', name: 'Persona Doppia', email });
    await addCandidate(rt.deps, ADMIN_ACTOR, list.id, { rank: '2', name: 'Seconda Persona', email: `due.${email}` });
    await publishList(rt.deps, ADMIN_ACTOR, list.id);
    await openPosts(rt.deps, RECRUITER, list.id, { posts: '1' });
    return { list, candidate: await byRank(list.id, 1) };
  }

  it('does not send someone who arrived back to offer, nor mark them lost, when another list calls them', async () => {
    const a = await listWith('arrivata@example.org');
    await makeOffer(rt.deps, RECRUITER, a.candidate.id);
    await recordOutcome(rt.deps, RECRUITER, a.candidate.id, { outcome: 'accepted' });
    expect((await caseOf(a.candidate.caseId!)).stage).toBe('accepted');
    expect((await changeStage(rt.deps, ADMIN_ACTOR, a.candidate.caseId!, { stage: 'arrived' })).ok).toBe(true);

    const b = await listWith('arrivata@example.org');
    expect(b.candidate.caseId).toBe(a.candidate.caseId);
    await logContact(rt.deps, RECRUITER, b.candidate.id, { channel: 'phone', outcome: 'reached' });
    await makeOffer(rt.deps, RECRUITER, b.candidate.id);
    expect((await caseOf(b.candidate.caseId!)).stage).toBe('arrived');
    await recordOutcome(rt.deps, RECRUITER, b.candidate.id, { outcome: 'renounced', reason: 'other_offer' });
    expect(await caseOf(b.candidate.caseId!)).toMatchObject({ stage: 'arrived', lostReason: null });
  });

  it('keeps a person with an offer on another list out of lost when they say no to this one', async () => {
    const a = await listWith('due.liste@example.org');
    await makeOffer(rt.deps, RECRUITER, a.candidate.id);
    const b = await listWith('due.liste@example.org');
    await recordOutcome(rt.deps, RECRUITER, b.candidate.id, { outcome: 'renounced', reason: 'distance_family' });
    expect((await caseOf(a.candidate.caseId!)).stage).toBe('offer');
    // Once the other turn ends too, the person is lost.
    await recordOutcome(rt.deps, RECRUITER, a.candidate.id, { outcome: 'renounced', reason: 'housing' });
    expect(await caseOf(a.candidate.caseId!)).toMatchObject({ stage: 'lost', lostReason: 'Alloggio' });
  });
});

describe('a list past its validity', () => {
  it('loses the candidates contact details (an open offer keeps them), keeps rank, name, score and outcomes, and says so in the audit log', async () => {
    // Published, staffed and offered 25 months ago (the clock those operations are given): its
    // validity of 24 months ended a month ago.
    const then = addMonths(rt.deps.now(), -(DEFAULT_VALIDITY_MONTHS + 1));
    const past = { ...rt.deps, now: () => then };
    const expired = await buildRankedList(past, { candidates: 3 });
    const valid = await buildRankedList(rt.deps, { candidates: 2 });
    await openPosts(past, RECRUITER, expired.id, { posts: '1' });
    const first = await byRank(expired.id, 1);
    expect((await makeOffer(past, RECRUITER, first.id)).ok).toBe(true);
    expect(await minimiseExpiredLists({ db: db(), now: () => new Date(expired.validUntil!.getTime() - 1000) })).toBe(0);
    expect(await minimiseExpiredLists(rt.deps)).toBe(2);
    expect(await byRank(expired.id, 1)).toMatchObject({ state: 'offered', email: first.email });
    expect(await byRank(expired.id, 2)).toMatchObject({ email: null, pec: null, phone: null, rank: 2, state: 'waiting' });
    expect((await byRank(expired.id, 2)).name).toMatch(/^Candidato /);
    expect((await byRank(valid.id, 1)).email).not.toBeNull();
    const log = (await auditFor(db(), 'ranked_list', expired.id)).filter((l) => l.action === 'ranked_list.minimised');
    expect(log.map((l) => l.summary)).toEqual(['contact details cleared: 2']);
    expect(await minimiseExpiredLists(rt.deps)).toBe(0);
  });
});

