// /admin/graduatorie as an index of every ranked list (state tabs, search, countdown, counts, pages)
// and of closed calls without one; a renunciation recorded at the desk before any offer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn } from '../support/http.ts';
import { text } from '../backoffice/calls-support.ts';
import { buildClosedCall, buildRankedList, candidateAt } from '../factories/rankings.ts';
import { ADMIN_ACTOR } from '../factories/index.ts';
import { addMonths, DEFAULT_VALIDITY_MONTHS, LISTS_PAGE_SIZE, makeOffer, openPosts, recordOutcome, type RankedList } from '../../src/domains/rankings/index.ts';
import type { Call } from '../../src/domains/calls/index.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
let worked: RankedList;
let expired: RankedList;
let draft: RankedList;
let bare: Call;
let candidateId: string;

const get = (path: string, cookie = cookies.recruiter) => rt.app.request(path, { headers: { cookie } });
const byRank = (listId: string, rank: number) => candidateAt(rt.deps, listId, rank);
/** A draft list (no candidates) for a call closed now. */
const draftListFor = async (title: string) => buildRankedList(rt.deps, { callId: (await buildClosedCall(rt.deps, { title })).id, candidates: 0, publish: false });
/** The table's rows as cell texts. */
const rows = (html: string) =>
  [...(/<table[^>]*>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => text(m[1]!.replace(/<[^>]+>/g, "")).replace(/\s+/g, " ").trim()));

beforeAll(async () => {
  rt = await testRuntime({ work: false });
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const s = await createStaff(rt, { role });
    cookies[role] = await signIn(rt, s.email, s.password);
  }
  const titled = async (title: string) => (await buildClosedCall(rt.deps, { title })).id;
  worked = await buildRankedList(rt.deps, { callId: await titled('Bando Lavorato Alfa'), candidates: 5 });
  await openPosts(rt.deps, ADMIN_ACTOR, worked.id, { posts: '2' });
  const [one, two] = [await byRank(worked.id, 1), await byRank(worked.id, 2)];
  await makeOffer(rt.deps, ADMIN_ACTOR, one.id);
  await recordOutcome(rt.deps, ADMIN_ACTOR, one.id, { outcome: 'accepted' });
  await makeOffer(rt.deps, ADMIN_ACTOR, two.id);
  await recordOutcome(rt.deps, ADMIN_ACTOR, two.id, { outcome: 'renounced', reason: 'pay' });
  candidateId = (await byRank(worked.id, 3)).id;
  // Published 25 months ago (the clock its operations are given): its 24 months of validity are over.
  const then = addMonths(new Date(), -(DEFAULT_VALIDITY_MONTHS + 1));
  const past = { ...rt.deps, now: () => then };
  expired = await buildRankedList(past, { callId: (await buildClosedCall(past, { title: 'Bando Scaduto Alfa' })).id, candidates: 1 });
  draft = await buildRankedList(rt.deps, { callId: await titled('Bando Bozza Alfa'), candidates: 1, publish: false });
  bare = await buildClosedCall(rt.deps);
});
afterAll(() => rt.close());

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  routes: [
    { method: 'GET', path: () => '/admin/graduatorie', allowed: { admin: 200, recruiter: 200 } },
    { method: 'GET', path: () => '/admin/graduatorie?stato=expired&q=bando', allowed: { admin: 200, recruiter: 200 } },
    { method: 'GET', path: () => '/admin/graduatorie/senza-graduatoria', allowed: { admin: 200, recruiter: 200 } },
    { method: 'POST', path: () => `/admin/graduatorie/candidato/${candidateId}/contatto`, fields: () => ({ channel: 'phone', result: 'reached' }), allowed: { admin: 303, recruiter: 303 } },
  ],
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fgraduatorie/,
  successRedirect: /^\/admin\/graduatorie\/candidato\/[0-9a-f-]{36}\?esito=contacted$/,
});

describe('the index of ranked lists', () => {
  it('lists every list with its call, kind, validity in words, open posts and offer counts', async () => {
    const res = await get('/admin/graduatorie?q=alfa');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Graduatorie</h1>');
    expect(html).toMatch(/<caption>Graduatorie: \d+ \(pagina 1 di \d+\)<\/caption>/);
    expect(html).toContain('<a class="nav-link" href="/admin/graduatorie" aria-current="page">Graduatorie</a>');
    const table = rows(html);
    expect(table.slice(1).map((r) => r[0]).sort()).toEqual(['Bando Bozza Alfa', 'Bando Lavorato Alfa', 'Bando Scaduto Alfa']);
    const mine = table.find((r) => r[0] === worked.title)!;
    expect(mine.slice(1)).toEqual(['Graduatoria generale', expect.any(String), expect.stringMatching(/\(ancora 73[01] giorni\)$/), '2', '2', '1', '1']);
    // Expired says so in words, not by colour.
    expect(table.find((r) => r[0] === expired.title)![3]).toMatch(/\(scaduta\)$/);
    expect(table.find((r) => r[0] === draft.title)!.slice(2, 4)).toEqual(['Non pubblicata', 'Dalla pubblicazione']);
    expect(html).toMatch(/href="\/admin\/graduatorie\/senza-graduatoria"[^>]*>Bandi chiusi senza graduatoria \(\d+\)/);
  });

  it('filters by state and searches by call title, keeping the filter in the tabs and pages', async () => {
    const expiredOnly = rows(await (await get('/admin/graduatorie?stato=expired')).text()).slice(1);
    expect(expiredOnly.map((r) => r[0])).toContain(expired.title);
    expect(expiredOnly.every((r) => /scaduta/.test(r[3]!))).toBe(true);
    const drafts = rows(await (await get('/admin/graduatorie?stato=draft')).text()).slice(1);
    expect(drafts.map((r) => r[0])).toContain(draft.title);
    expect(drafts.every((r) => r[2] === 'Non pubblicata')).toBe(true);
    const valid = rows(await (await get('/admin/graduatorie?stato=valid')).text()).slice(1);
    expect(valid.map((r) => r[0])).toContain(worked.title);
    expect(valid.map((r) => r[0])).not.toContain(expired.title);

    await draftListFor('Bando Ortottisti Zeta');
    const found = await (await get('/admin/graduatorie?q=ortottisti+zeta&stato=draft')).text();
    expect(rows(found).slice(1).map((r) => r[0])).toEqual(['Bando Ortottisti Zeta']);
    expect(found).toContain('href="/admin/graduatorie?stato=valid&amp;q=ortottisti+zeta"');
    expect(found).toContain('name="q" class="form-control" value="ortottisti zeta"');
    expect(rows(await (await get('/admin/graduatorie?q=nessun+bando+cos%C3%AC')).text())).toEqual([]);
    // An unknown state is no filter.
    expect((await get('/admin/graduatorie?stato=%3Cx%3E')).status).toBe(200);
  });

  it('pages through the lists', async () => {
    for (let i = 0; i <= LISTS_PAGE_SIZE; i++) {
      await draftListFor(`Bando Paginato ${i}`);
    }
    const first = await (await get('/admin/graduatorie?q=paginato')).text();
    expect(rows(first).slice(1)).toHaveLength(LISTS_PAGE_SIZE);
    expect(first).toContain('rel="next"');
    const second = await (await get('/admin/graduatorie?q=paginato&pagina=2')).text();
    expect(rows(second).slice(1).map((r) => r[0])).toEqual(['Bando Paginato 0']);
    expect(second).toContain('rel="prev"');
    expect(second).toContain(`pagina 2 di 2`);
  });

  it('is in English under /en', async () => {
    const html = await (await get('/en/admin/graduatorie?stato=expired')).text();
    expect(html).toContain('<h1>Ranked lists</h1>');
    expect(html).toMatch(/\(expired\)/);
  });
});

describe('closed calls without a list', () => {
  it('lists them with a link to create the list, and no call that has one', async () => {
    const html = await (await get('/admin/graduatorie/senza-graduatoria')).text();
    expect(html).toContain(`href="/admin/graduatorie/bando/${bare.id}"`);
    expect(html).not.toContain(`href="/admin/graduatorie/bando/${worked.callId}"`);
    expect(html).toMatch(/<caption>Bandi chiusi senza graduatoria: \d+/);
  });
});

describe('a renunciation before an offer at the desk', () => {
  it('is offered as an outcome, needs its reason at the field, and proposes the next candidate', async () => {
    const page = await (await get(`/admin/graduatorie/candidato/${candidateId}`)).text();
    expect(page).toContain('<option value="renounced">Rinuncia</option>');
    expect(page).not.toContain('<option value="accepted">');
    const noReason = await postForm(rt.app, `/admin/graduatorie/candidato/${candidateId}/esito`, { outcome: 'renounced', reasonText: 'Ha detto no al telefono' }, { cookie: cookies.recruiter });
    expect(noReason.status).toBe(422);
    const bad = await noReason.text();
    expect(bad).toContain('id="reason-error"');
    expect(bad).toContain('Ha detto no al telefono');
    const noAnswer = await postForm(rt.app, `/admin/graduatorie/candidato/${candidateId}/esito`, { outcome: 'renounced', reason: 'no_answer' }, { cookie: cookies.recruiter });
    expect(noAnswer.status).toBe(422);
    expect(text(await noAnswer.text())).toContain('dopo almeno 3 tentativi');
    const ok = await postForm(rt.app, `/admin/graduatorie/candidato/${candidateId}/esito`, { outcome: 'renounced', reason: 'housing', reasonText: 'Ha detto no al telefono' }, { cookie: cookies.recruiter });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/admin/graduatorie/candidato/${candidateId}?esito=recorded`);
    expect((await byRank(worked.id, 3)).state).toBe('renounced');
    expect((await byRank(worked.id, 4)).state).toBe('proposed');
  });
});
