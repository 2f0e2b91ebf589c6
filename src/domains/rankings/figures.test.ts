// The ranked lists' figures against a scenario worked out by hand: medians and 90th percentiles of
// the times from publication, rates of answered offers, reasons, per list and per team member, the
// filters, and the role check (an editor gets none of it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { buildRankedCandidate, buildRankedList as buildFigureList, figuresScenario } from '../../../tests/factories/rankings-figures.ts';
import { durations, parseFigureQuery, rankingFigures, type FigureFilter, type FiguresReport } from './figures.ts';

const RECRUITER: Actor = { id: null, label: 'recruiter@example.test', role: 'recruiter', memberships: [] };
const ADMIN: Actor = { id: null, label: 'admin@example.test', role: 'admin', memberships: [] };
const EDITOR: Actor = { id: null, label: 'editor@example.test', role: 'editor', memberships: [] };

let rt: TestRuntime;
let sc: Awaited<ReturnType<typeof figuresScenario>>;
// The scenario lies in 2019 so that any demo lists seeded elsewhere stay outside the range.
const PUBLISHED = new Date('2019-03-04T09:00:00Z');
const RANGE = { from: new Date('2019-03-01T00:00:00Z'), to: new Date('2019-06-01T00:00:00Z') };

beforeAll(async () => {
  rt = await testRuntime({ work: false });
  sc = await figuresScenario(rt.deps, { published: PUBLISHED });
});
afterAll(() => rt.close());

async function report(filter: FigureFilter = {}, actor = RECRUITER): Promise<FiguresReport> {
  const r = await rankingFigures(rt.deps, actor, { ...RANGE, ...filter });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('durations', () => {
  it('takes the middle (or the mean of the two middle) values and the nearest-rank 90th percentile', () => {
    expect(durations([])).toEqual({ count: 0, median: null, p90: null });
    expect(durations([5])).toEqual({ count: 1, median: 5, p90: 5 });
    expect(durations([8, 1, 3])).toEqual({ count: 3, median: 3, p90: 8 });
    expect(durations([4, 1, 2, 3])).toEqual({ count: 4, median: 2.5, p90: 4 });
    expect(durations([...Array(10).keys()].map((i) => i + 1))).toEqual({ count: 10, median: 5.5, p90: 9 });
    expect(durations([1 / 3, 2 / 3])).toEqual({ count: 2, median: 0.5, p90: 0.7 });
  });
});

describe('rankingFigures', () => {
  it('computes the overall figures of the published lists in the range', async () => {
    const { overall: o } = await report();
    expect(o).toMatchObject({ proposed: 7, contacted: 6, offered: 6, offers: 6, answered: 5, accepted: 2, renounced: 3, expired: 1, notEligible: 0, open: 0 });
    expect(o.acceptanceRate).toBeCloseTo(0.4);
    expect(o.renunciationRate).toBeCloseTo(0.6);
    expect(o.toFirstContact).toEqual({ count: 6, median: 3.5, p90: 8 });
    expect(o.toAnswer).toEqual({ count: 5, median: 5, p90: 10 });
    expect(o.toAcceptance).toEqual({ count: 2, median: 3.5, p90: 4 });
    const reasons = Object.fromEntries(o.reasons.map((r) => [r.reason, r]));
    expect(reasons.housing.count).toBe(2);
    expect(reasons.housing.share).toBeCloseTo(2 / 3);
    expect(reasons.pay.count).toBe(1);
    expect(reasons.other_offer).toEqual({ reason: 'other_offer', count: 0, share: 0 });
    expect(o.reasons.reduce((n, r) => n + r.count, 0)).toBe(3);
  });

  it('splits the figures per list, leaving out the unpublished one', async () => {
    const r = await report();
    expect(r.lists.map((l) => l.title)).toEqual(['Graduatoria Medicina interna', 'Graduatoria Geriatria']);
    const [a, b] = r.lists;
    expect(a).toMatchObject({ listId: sc.listA.id, proposed: 5, contacted: 4, offered: 4, accepted: 1, renounced: 2, expired: 1 });
    expect(a.toFirstContact).toEqual({ count: 4, median: 5, p90: 8 });
    expect(a.toAnswer).toEqual({ count: 3, median: 8, p90: 10 });
    expect(a.acceptanceRate).toBeCloseTo(1 / 3);
    expect(b).toMatchObject({ proposed: 2, contacted: 2, accepted: 1, renounced: 1, acceptanceRate: 0.5 });
    expect(b.toFirstContact).toEqual({ count: 2, median: 2, p90: 3 });
    expect(r.choices.lists.map((l) => l.id)).not.toContain(sc.draft.id);
  });

  it('splits the figures per team member (candidates handled, offers sent)', async () => {
    const r = await report();
    const by = Object.fromEntries(r.members.map((m) => [m.name, m]));
    expect(Object.keys(by).sort()).toEqual(['Anna Desk', 'Bruno Desk']);
    expect(by['Anna Desk']).toMatchObject({ proposed: 4, contacted: 4, offered: 4, answered: 4, accepted: 2, renounced: 2, expired: 0, acceptanceRate: 0.5 });
    expect(by['Anna Desk'].toFirstContact).toEqual({ count: 4, median: 2.5, p90: 4 });
    expect(by['Anna Desk'].toAnswer).toEqual({ count: 4, median: 4.5, p90: 10 });
    expect(by['Bruno Desk']).toMatchObject({ proposed: 3, contacted: 2, offered: 2, answered: 1, accepted: 0, renounced: 1, expired: 1, acceptanceRate: 0, renunciationRate: 1 });
    expect(by['Bruno Desk'].toFirstContact).toEqual({ count: 2, median: 7, p90: 8 });
    expect(by['Bruno Desk'].toAcceptance).toEqual({ count: 0, median: null, p90: null });
  });

  it('narrows to one list, one member and a date range, keeping every choice for the form', async () => {
    const one = await report({ listId: sc.listB.id });
    expect(one.lists).toHaveLength(1);
    expect(one.overall).toMatchObject({ proposed: 2, accepted: 1, renounced: 1 });
    expect(one.choices.lists).toHaveLength(2);

    const bruno = await report({ memberId: sc.bruno.id });
    expect(bruno.members.map((m) => m.name)).toEqual(['Bruno Desk']);
    expect(bruno.overall).toMatchObject({ proposed: 3, offered: 2, expired: 1 });
    expect(bruno.lists.find((l) => l.listId === sc.listB.id)).toMatchObject({ proposed: 0, offers: 0 });
    expect(bruno.choices.members).toHaveLength(2);

    const later = await report({ from: new Date(PUBLISHED.getTime() + 10 * 86_400_000) });
    expect(later.lists.map((l) => l.listId)).toEqual([sc.listB.id]);
    expect(later.overall.toFirstContact).toEqual({ count: 2, median: 2, p90: 3 });

    const empty = await report({ to: new Date('2019-03-02T00:00:00Z') });
    expect(empty.lists).toEqual([]);
    expect(empty.overall).toMatchObject({ proposed: 0, acceptanceRate: null, toAnswer: { count: 0, median: null, p90: null } });
  });

  it('counts renunciations and ineligibility before an offer, with their reasons', async () => {
    const P = new Date('2018-05-02T09:00:00Z');
    const list = await buildFigureList(rt.deps, { title: 'Graduatoria Pediatria', publishedAt: P });
    const db = rt.deps.db;
    await buildRankedCandidate(db, list.id, { rank: 1, state: 'renounced', closedReason: 'housing', proposedAt: P, firstContactAt: new Date(P.getTime() + 86_400_000), handledBy: sc.anna.id });
    await buildRankedCandidate(db, list.id, { rank: 2, state: 'renounced', closedReason: 'no_answer', proposedAt: P, handledBy: sc.anna.id, attempts: [P, P, P] });
    await buildRankedCandidate(db, list.id, { rank: 3, state: 'not_eligible', proposedAt: P, handledBy: sc.anna.id });
    await buildRankedCandidate(db, list.id, { rank: 4, proposedAt: P, firstContactAt: P, handledBy: sc.anna.id, offer: { sentAt: P, outcome: 'renounced', reason: 'housing', answeredAt: P, byId: sc.anna.id } });
    const r = await report({ from: new Date('2018-05-01T00:00:00Z'), to: new Date('2018-06-01T00:00:00Z') });
    expect(r.overall).toMatchObject({ proposed: 4, offered: 1, renounced: 1, renouncedBeforeOffer: 2, notEligible: 1, renunciationRate: 1 });
    const by = Object.fromEntries(r.overall.reasons.map((x) => [x.reason, [x.count, x.share]]));
    expect(by).toMatchObject({ housing: [2, 2 / 3], no_answer: [1, 1 / 3], pay: [0, 0] });
    expect(r.members.find((m) => m.memberId === sc.anna.id)).toMatchObject({ renouncedBeforeOffer: 2, notEligible: 1 });
  });

  it('reads the query into a filter, with an error at each malformed field', () => {
    expect(parseFigureQuery({ lista: sc.listA.id, membro: sc.anna.id, dal: '2019-03-01', al: '2019-03-31' })).toEqual({
      ok: true,
      value: { listId: sc.listA.id, memberId: sc.anna.id, from: new Date('2019-02-28T23:00:00Z'), to: new Date('2019-03-31T22:00:00Z') },
    });
    expect(parseFigureQuery({})).toEqual({ ok: true, value: {} });
    expect(parseFigureQuery({ lista: "' or 1=1", membro: '<script>', dal: 'ieri', al: '2019-02-30' })).toEqual({
      ok: false,
      error: { code: 'invalid', fields: { lista: 'figures.errors.unknown_list', membro: 'figures.errors.unknown_member', dal: 'figures.errors.bad_date', al: 'figures.errors.bad_date' } },
    });
    expect(parseFigureQuery({ dal: '2019-04-02', al: '2019-04-01' })).toMatchObject({ ok: false, error: { fields: { al: 'figures.errors.range' } } });
    // One day is a valid range: from its midnight to the next.
    expect(parseFigureQuery({ dal: '2019-04-01', al: '2019-04-01' }).ok).toBe(true);
  });

  it('refuses a list or member that does not exist, at the field', async () => {
    expect(await rankingFigures(rt.deps, RECRUITER, { listId: '00000000-0000-4000-8000-000000000000' })).toEqual({ ok: false, error: { code: 'invalid', fields: { lista: 'figures.errors.unknown_list' } } });
    expect(await rankingFigures(rt.deps, RECRUITER, { listId: sc.draft.id })).toMatchObject({ ok: false, error: { fields: { lista: 'figures.errors.unknown_list' } } });
    expect(await rankingFigures(rt.deps, RECRUITER, { memberId: 'staff-nobody' })).toEqual({ ok: false, error: { code: 'invalid', fields: { membro: 'figures.errors.unknown_member' } } });
  });

  it('is for recruiters and admins only', async () => {
    expect((await rankingFigures(rt.deps, ADMIN, RANGE)).ok).toBe(true);
    expect(await rankingFigures(rt.deps, EDITOR, RANGE)).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await rankingFigures(rt.deps, { id: null, label: 'anon', role: 'anonymous', memberships: [] })).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});
