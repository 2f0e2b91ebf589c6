// /admin/graduatorie over HTTP: every route for each kind of visitor (anonymous → sign-in, editor →
// 403, recruiters and admins work the lists), the import preview and confirmation through the
// pages, form errors at the field, and the public page that never shows contacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type MatrixRoute, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn } from '../support/http.ts';
import { postMultipart, text } from '../backoffice/calls-support.ts';
import { buildClosedCall, buildRankedList, candidateAt, candidatesOf } from '../factories/rankings.ts';
import { getList, openPosts, type RankedList } from '../../src/domains/rankings/index.ts';
import { ADMIN_ACTOR } from '../factories/index.ts';
import type { Call } from '../../src/domains/calls/index.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
let call: Call;
let list: RankedList;
let candidateId: string;
const closedCalls: Call[] = [];
let made = 0;

beforeAll(async () => {
  rt = await testRuntime();
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const s = await createStaff(rt, { role, name: `Persona ${role}` });
    cookies[role] = await signIn(rt, s.email, s.password);
  }
  call = await buildClosedCall(rt.deps);
  list = await buildRankedList(rt.deps, { callId: call.id, candidates: 30 });
  await openPosts(rt.deps, ADMIN_ACTOR, list.id, { posts: '1' });
  candidateId = (await candidateAt(rt.deps, list.id, 1)).id;
  for (let i = 0; i < 4; i++) closedCalls.push(await buildClosedCall(rt.deps));
});
afterAll(() => rt.close());

const get = (path: string, cookie?: string) => rt.app.request(path, { headers: cookie ? { cookie } : {} });
let rank = 100;

const ROUTES: MatrixRoute[] = [
  { method: 'GET', path: () => `/admin/graduatorie/bando/${call.id}`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => `/admin/graduatorie/bando/${closedCalls[made++ % 4]!.id}`, fields: () => ({ kind: 'main', answerDays: '7', reminderDays: '2' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'GET', path: () => `/admin/graduatorie/${list.id}`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => `/admin/graduatorie/${list.id}/candidati`, fields: () => ({ rank: String(++rank), name: 'Nuovo Candidato' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'POST', path: () => `/admin/graduatorie/${list.id}/posti`, fields: () => ({ posts: '1' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'GET', path: () => `/admin/graduatorie/candidato/${candidateId}`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => `/admin/graduatorie/candidato/${candidateId}/contatto`, fields: () => ({ channel: 'email', result: 'sent' }), allowed: { admin: 303, recruiter: 303 } },
];

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  routes: ROUTES,
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fgraduatorie/,
  successRedirect: /^\/admin\/graduatorie\/(candidato\/)?[0-9a-f-]{36}\?esito=(created|added|opened|contacted)$/,
});

describe('the pages', () => {
  it('link a closed call to its ranked lists and show the list with its countdown', async () => {
    const callPage = text(await (await get(`/admin/bandi/${call.id}`, cookies.recruiter)).text());
    expect(callPage).toContain('Le graduatorie di questo bando');
    const html = text(await (await get(`/admin/graduatorie/${list.id}`, cookies.recruiter)).text());
    expect(html).toMatch(/ancora 73[01] giorni/);
    expect(html).toContain('Candidato');
  });

  it('keep what was typed and say what is wrong at the field', async () => {
    const res = await postForm(rt.app, `/admin/graduatorie/${list.id}/candidati`, { rank: '1', name: 'Doppio', email: 'non-valida' }, { cookie: cookies.recruiter });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="email-error"');
    expect(html).toContain('value="Doppio"');
    const noReason = await postForm(rt.app, `/admin/graduatorie/candidato/${candidateId}/esito`, { outcome: 'renounced' }, { cookie: cookies.recruiter });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('id="reason-error"');
    // A proposed candidate has no offer to accept yet.
    const early = await postForm(rt.app, `/admin/graduatorie/candidato/${candidateId}/esito`, { outcome: 'accepted' }, { cookie: cookies.recruiter });
    expect(early.status).toBe(409);
  });

  it('import a CSV through a preview, refusing a file with errors', async () => {
    const fresh = await buildRankedList(rt.deps, { candidates: 0, publish: false });
    const form = (body: string) => {
      const f = new FormData();
      f.set('file', new File([body], 'graduatoria.csv', { type: 'text/csv' }));
      return f;
    };
    const bad = await postMultipart(rt.app, `/admin/graduatorie/${fresh.id}/importa`, form('rank;name;email\n1;Anna;anna@example.org\nx;Bruno;bruno@example.org\n'), cookies.recruiter);
    expect(bad.status).toBe(422);
    expect(text(await bad.text())).toMatch(/1 righe su 2 hanno errori/);
    const good = await postMultipart(rt.app, `/admin/graduatorie/${fresh.id}/importa`, form('rank;name;email\n1;Anna;anna@example.org\n2;Bruno;bruno@example.org\n'), cookies.recruiter);
    expect(good.status).toBe(303);
    const preview = good.headers.get('location')!;
    expect(text(await (await get(preview, cookies.recruiter)).text())).toContain('Tutte le 2 righe');
    const confirm = await postForm(rt.app, `${preview}/conferma`, {}, { cookie: cookies.recruiter });
    expect(confirm.status).toBe(303);
    expect(await candidatesOf(rt.deps, fresh.id)).toHaveLength(2);
    const pub = await postForm(rt.app, `/admin/graduatorie/${fresh.id}/pubblica`, {}, { cookie: cookies.editor });
    expect(pub.status).toBe(403);
    expect((await postForm(rt.app, `/admin/graduatorie/${fresh.id}/pubblica`, {}, { cookie: cookies.admin })).headers.get('location')).toMatch(/esito=published$/);
    const l = await getList(rt.deps, ADMIN_ACTOR, fresh.id);
    expect(l.ok && l.value.list.publishedAt).not.toBeNull();
  });
});

describe('the public page', () => {
  it('shows rank, name, score and flags, never email, PEC or phone', async () => {
    const res = await get(`/graduatorie/${call.slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Candidato');
    expect(html).not.toMatch(/@example\.org|@pec\.example\.org|0461 000000/);
    expect(html).not.toContain('@');
    expect((await get('/graduatorie/non-esiste')).status).toBe(404);
    expect((await get(`/en/graduatorie/${call.slug}`)).status).toBe(200);
  });
});
