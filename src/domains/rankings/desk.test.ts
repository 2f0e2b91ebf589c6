// The desk's turns that end before an offer (a no on the phone, no answer after the attempts, not
// eligible) and how the desk moves the person's case: forward only, never lost for one list while
// another list still works towards a post for them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { and, eq } from 'drizzle-orm';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { ADMIN_ACTOR } from '../../../tests/factories/index.ts';
import { buildRankedList } from '../../../tests/factories/rankings.ts';
import { auditLog } from '../../platform/audit/tables.ts';
import { caseEvents, cases } from '../cases/tables.ts';
import { addCandidate, logContact, makeOffer, minimiseExpiredLists, NO_ANSWER_ATTEMPTS, openPosts, publishList, recordOutcome } from './index.ts';
import { offers, rankedCandidates, rankedLists } from './tables.ts';
import { calls } from '../calls/tables.ts';

const RECRUITER: Actor = { id: 'desk-recruiter', label: 'recruiter', role: 'recruiter', memberships: [] };
let rt: TestRuntime;

beforeAll(async () => {
  rt = await testRuntime({ work: false });
});
afterAll(() => rt.close());

const db = () => rt.deps.db;
const byRank = async (listId: string, rank: number) => (await db().select().from(rankedCandidates).where(and(eq(rankedCandidates.listId, listId), eq(rankedCandidates.rank, rank))))[0]!;
const caseOf = async (id: string) => (await db().select().from(cases).where(eq(cases.id, id)))[0]!;
const states = async (listId: string) => Object.fromEntries((await db().select().from(rankedCandidates).where(eq(rankedCandidates.listId, listId))).map((c) => [c.rank, c.state]));

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
    expect(await db().select().from(offers).where(eq(offers.candidateId, first.id))).toEqual([]);
    expect(await caseOf(first.caseId!)).toMatchObject({ stage: 'lost', lostReason: 'Retribuzione: Guadagna di più altrove' });
    const events = await db().select().from(caseEvents).where(eq(caseEvents.caseId, first.caseId!));
    expect(events.map((e) => e.summary)).toEqual(expect.arrayContaining(['rankings.case.early_renounced', 'interested>in_contact', 'in_contact>lost']));
    const audited = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, first.id));
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
    const [call] = await db().select({ professionCode: calls.professionCode }).from(calls).innerJoin(rankedLists, eq(rankedLists.callId, calls.id)).where(eq(rankedLists.id, list.id));
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
    await db().update(cases).set({ stage: 'arrived', arrivedAt: new Date() }).where(eq(cases.id, a.candidate.caseId!));

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
    const expired = await buildRankedList(rt.deps, { candidates: 3 });
    const valid = await buildRankedList(rt.deps, { candidates: 2 });
    await openPosts(rt.deps, RECRUITER, expired.id, { posts: '1' });
    const first = await byRank(expired.id, 1);
    expect((await makeOffer(rt.deps, RECRUITER, first.id)).ok).toBe(true);
    expect(await minimiseExpiredLists(rt.deps)).toBe(0);
    await db().update(rankedLists).set({ validUntil: new Date(rt.deps.now().getTime() - 1000) }).where(eq(rankedLists.id, expired.id));
    expect(await minimiseExpiredLists(rt.deps)).toBe(2);
    expect(await byRank(expired.id, 1)).toMatchObject({ state: 'offered', email: first.email });
    expect(await byRank(expired.id, 2)).toMatchObject({ email: null, pec: null, phone: null, rank: 2, state: 'waiting' });
    expect((await byRank(expired.id, 2)).name).toMatch(/^Candidato /);
    expect((await byRank(valid.id, 1)).email).not.toBeNull();
    const log = await db().select().from(auditLog).where(and(eq(auditLog.entityId, expired.id), eq(auditLog.action, 'ranked_list.minimised')));
    expect(log.map((l) => l.summary)).toEqual(['contact details cleared: 2']);
    expect(await minimiseExpiredLists(rt.deps)).toBe(0);
  });
});

