// /admin/casi over HTTP: every route for each kind of visitor (anonymous → sign-in, editor → 403,
// recruiter and admin work cases), the list and its filters, a case's page with its forms and
// their 422 messages, my tasks, duplicates and merge, and the links from leads and subscribers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type MatrixRoute, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn, type StaffUserFixture } from '../support/http.ts';
import { text } from '../backoffice/calls-support.ts';
import { addCaseEvent, addTask, createCase, type Case } from '../../src/domains/cases/index.ts';
import { subscribe } from '../factories/alerts.ts';
import { casesWithEmail } from '../factories/cases.ts';
import { createLead } from '../../src/domains/leads/index.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
const staff = {} as Record<Role, StaffUserFixture>;
let main: Case;
const taskIds: string[] = [];
const dupes: [Case, Case][] = [];
let n = 0;

async function mk(over: Record<string, string> = {}): Promise<Case> {
  const r = await createCase(rt.deps, SYSTEM_ACTOR, { name: 'Carla Bianchi', email: `carla.${++n}@example.org`, locale: 'it', ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

beforeAll(async () => {
  rt = await testRuntime({ work: false });
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    staff[role] = await createStaff(rt, { role, name: `Persona ${role}` });
    cookies[role] = await signIn(rt, staff[role].email, staff[role].password);
  }
  main = await mk({ phone: '+39 333 444 5555', professionCode: 'infermiere' });
  for (let i = 0; i < 4; i++) {
    const t = await addTask(rt.deps, SYSTEM_ACTOR, main.id, { title: `Compito ${i}` });
    if (t.ok) taskIds.push(t.value.id);
    dupes.push([await mk({ name: `Doppio ${i}`, phone: `0461 00000${i}` }), await mk({ name: `Doppio bis ${i}`, phone: `0461-00000${i}` })]);
  }
});
afterAll(() => rt.close());

const get = (path: string, cookie?: string) => rt.app.request(path, { headers: cookie ? { cookie } : {} });

let done = 0;
let merged = 0;
let created = 0;
const ROUTES: MatrixRoute[] = [
  { method: 'GET', path: () => '/admin/casi', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => '/admin/casi/nuovo', allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => '/admin/casi/nuovo', fields: () => ({ name: 'Nuova Persona', email: `nuova.${++created}@example.org`, locale: 'it' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'GET', path: () => `/admin/casi/${main.id}`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => `/admin/casi/${main.id}/fase`, fields: () => ({ stage: 'in_contact', assigneeId: '' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'POST', path: () => `/admin/casi/${main.id}/voce`, fields: () => ({ kind: 'note', body: 'Nota dalla matrice' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'POST', path: () => `/admin/casi/${main.id}/attivita`, fields: () => ({ title: 'Dalla matrice', dueDate: '2026-12-01' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'GET', path: () => '/admin/casi/attivita', allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => `/admin/casi/attivita/${taskIds[done++ % taskIds.length]}/fatta`, fields: () => ({ from: 'tasks' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'GET', path: () => '/admin/casi/duplicati', allowed: { admin: 200, recruiter: 200 } },
  {
    method: 'POST',
    path: () => '/admin/casi/duplicati',
    fields: () => {
      const [a, b] = dupes[merged++ % dupes.length]!;
      return { keep: a.id, drop: b.id };
    },
    allowed: { admin: 303, recruiter: 303 },
  },
];

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  routes: ROUTES,
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fcasi/,
  successRedirect: /^\/admin\/casi(\/attivita|\/[0-9a-f-]{36})?\?esito=(created|updated|entry|task_added|task_done|merged)$/,
});

describe('the list', () => {
  it('shows cases in a table with caption, stage tabs with counts, filters, and the nav entry for recruiters only', async () => {
    const html = text(await (await get('/admin/casi', cookies.recruiter)).text());
    expect(html).toContain('<h1>Casi</h1>');
    expect(html).toMatch(/<caption>Casi: \d+ \(pagina 1 di 1\)<\/caption>/);
    expect(html).toContain(`<a href="/admin/casi/${main.id}">Carla Bianchi</a>`);
    expect(html).toMatch(/aria-current="page">Tutti \(\d+\)<\/a>/);
    expect(html).toContain('<a class="nav-link" href="/admin/casi" aria-current="page">Casi</a>');
    expect(await (await get('/admin', cookies.editor)).text()).not.toContain('href="/admin/casi"');
    const byPhone = text(await (await get('/admin/casi?q=444%205555', cookies.recruiter)).text());
    expect(byPhone).toContain('Carla Bianchi');
    expect(byPhone).not.toContain('Doppio');
    const none = text(await (await get('/admin/casi?fase=lost&q=Carla', cookies.recruiter)).text());
    expect(none).toContain('Nessun caso corrisponde ai filtri.');
    expect((await get('/admin/casi?fase=%3Cx%3E&assegnatario=%3Cscript%3E&provenienza=zz&pagina=-3', cookies.admin)).status).toBe(200);
  });
});

describe('a new case', () => {
  it('is created and opened; a bad form answers 422 at the field keeping what was typed', async () => {
    const bad = await postForm(rt.app, '/admin/casi/nuovo', { name: 'Dario Typo', email: 'dario@', locale: 'it' }, { cookie: cookies.recruiter });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="email-error"');
    expect(html).toContain('value="Dario Typo"');
    const ok = await postForm(rt.app, '/admin/casi/nuovo', { name: 'Dario Typo', email: 'dario@example.org', locale: 'en', assigneeId: staff.recruiter.id }, { cookie: cookies.recruiter });
    expect(ok.status).toBe(303);
    const page = text(await (await get(ok.headers.get('location')!, cookies.recruiter)).text());
    expect(page).toContain('Caso creato.');
    expect(page).toContain('<h1>Dario Typo</h1>');
    expect(page).toContain('Caso aperto (Inserito a mano)');
    const dup = await postForm(rt.app, '/admin/casi/nuovo', { name: 'Dario', email: 'DARIO@example.org', locale: 'it' }, { cookie: cookies.recruiter });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('Esiste già un caso con questa email.');
  });
});

describe('a case’s page', () => {
  it('changes stage with the event on the timeline; lost without a reason is refused at the field', async () => {
    const c = await mk({ name: 'Sergio Fase' });
    const bad = await postForm(rt.app, `/admin/casi/${c.id}/fase`, { stage: 'lost', assigneeId: '' }, { cookie: cookies.recruiter });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('<div id="lostReason-error" class="field-error mt-1">Indica il motivo della perdita.</div>');
    const ok = await postForm(rt.app, `/admin/casi/${c.id}/fase`, { stage: 'offer', assigneeId: staff.admin.id }, { cookie: cookies.recruiter });
    const html = text(await (await get(ok.headers.get('location')!, cookies.recruiter)).text());
    expect(html).toContain('Fase e assegnazione salvate.');
    expect(html).toContain('Fase: Interessato → Offerta');
    expect(html).toContain('<option value="offer" selected="">Offerta</option>');
    expect((await get('/admin/casi/00000000-0000-0000-0000-000000000000', cookies.admin)).status).toBe(404);
    expect((await get('/admin/casi/%27or%201%3D1', cookies.admin)).status).toBe(404);
  });

  it('logs a call, adds a task (422 for a bad date) and completes it from the page', async () => {
    const c = await mk({ name: 'Teresa Compiti' });
    await postForm(rt.app, `/admin/casi/${c.id}/voce`, { kind: 'call', body: 'Richiamata, disponibile da giugno' }, { cookie: cookies.recruiter });
    const badTask = await postForm(rt.app, `/admin/casi/${c.id}/attivita`, { title: 'Richiamare', dueDate: 'domani' }, { cookie: cookies.recruiter });
    expect(badTask.status).toBe(422);
    expect(await badTask.text()).toContain('value="Richiamare"');
    const ok = await postForm(rt.app, `/admin/casi/${c.id}/attivita`, { title: 'Richiamare', dueDate: '2026-04-02', taskAssigneeId: staff.recruiter.id }, { cookie: cookies.recruiter });
    expect(ok.status).toBe(303);
    const html = text(await (await get(`/admin/casi/${c.id}`, cookies.recruiter)).text());
    expect(html).toContain('Telefonata registrata a mano');
    expect(html).toContain('Richiamata, disponibile da giugno');
    expect(html).toContain('<strong>Richiamare</strong>');
    const mine = text(await (await get('/admin/casi/attivita', cookies.recruiter)).text());
    expect(mine).toContain(`<a href="/admin/casi/${c.id}">Teresa Compiti</a>`);
    const action = /action="(\/admin\/casi\/attivita\/[0-9a-f-]{36}\/fatta)"/.exec(html)![1]!;
    const doneRes = await postForm(rt.app, action, { from: 'case' }, { cookie: cookies.recruiter });
    expect(doneRes.headers.get('location')).toBe(`/admin/casi/${c.id}?esito=task_done`);
    expect(text(await (await get('/admin/casi/attivita', cookies.recruiter)).text())).not.toContain('Teresa Compiti');
  });
});

describe('the timeline of other capabilities', () => {
  it('labels each kind and shows their summary as written; the page reads in English too', async () => {
    const c = await mk({ name: 'Oscar Offerta' });
    await rt.deps.db.transaction(async (tx) => {
      await addCaseEvent(tx, c.id, { kind: 'offer', summary: 'Offerta inviata: Cavalese, medicina', body: null }, SYSTEM_ACTOR, new Date('2026-02-01T10:00:00Z'));
      await addCaseEvent(tx, c.id, { kind: 'appointment', summary: 'Appuntamento fissato', body: null }, SYSTEM_ACTOR, new Date('2026-02-02T10:00:00Z'));
    });
    const html = text(await (await get(`/admin/casi/${c.id}`, cookies.recruiter)).text());
    expect(html).toContain('<span class="badge bg-secondary me-2">Offerta</span>');
    expect(html).toContain('<span class="badge bg-secondary me-2">Appuntamento</span>');
    expect(html).toContain('Offerta inviata: Cavalese, medicina');
    expect(html.indexOf('Appuntamento fissato')).toBeLessThan(html.indexOf('Offerta inviata'));
    const en = text(await (await get(`/en/admin/casi/${c.id}`, cookies.recruiter)).text());
    expect(en).toContain('<h2 id="timeline">Timeline</h2>');
    expect(en).toContain('<span class="badge bg-secondary me-2">Offer</span>');
  });
});

describe('duplicates', () => {
  it('lists pairs by phone and merges them; the merged case redirects to the kept one', async () => {
    const a = await mk({ name: 'Gemella Uno', phone: '+39 0471 123456' });
    const b = await mk({ name: 'Gemella Due', phone: '0471123456', email: '' });
    const html = text(await (await get('/admin/casi/duplicati', cookies.recruiter)).text());
    expect(html).toMatch(/<caption>Coppie di possibili duplicati: \d+<\/caption>/);
    expect(html).toContain('Gemella Due');
    const res = await postForm(rt.app, '/admin/casi/duplicati', { keep: a.id, drop: b.id }, { cookie: cookies.recruiter });
    expect(res.headers.get('location')).toBe(`/admin/casi/${a.id}?esito=merged`);
    const old = await get(`/admin/casi/${b.id}`, cookies.recruiter);
    expect(old.status).toBe(303);
    expect(old.headers.get('location')).toBe(`/admin/casi/${a.id}`);
    expect(text(await (await get('/admin/casi/duplicati', cookies.recruiter)).text())).not.toContain('Gemella Due');
  });
});

describe('links from other sections', () => {
  it('a lead’s page links to the person’s case', async () => {
    const r = await createLead(rt.deps, { name: 'Ugo Lead', email: 'ugo.lead@example.org', professionCode: 'infermiere', preferredTime: 'morning', consent: 'on', message: 'Ciao' }, { locale: 'it' });
    if (!r.ok) throw new Error('lead');
    const [c] = await casesWithEmail(rt.deps.db, 'ugo.lead@example.org');
    const html = text(await (await get(`/admin/contatti/${r.value.id}`, cookies.recruiter)).text());
    expect(html).toContain(`<a href="/admin/casi/${c!.id}">Apri il caso</a>`);
  });

  it('a subscriber’s page opens (or finds) the case with source alert', async () => {
    const s = await subscribe(rt.deps, { email: 'iscritta@example.org', prefs: { name: 'Iscritta Avvisi' } });
    const page = text(await (await get(`/admin/iscritti/${s!.id}`, cookies.recruiter)).text());
    expect(page).toContain(`action="/admin/iscritti/${s!.id}/caso"`);
    const res = await postForm(rt.app, `/admin/iscritti/${s!.id}/caso`, {}, { cookie: cookies.recruiter });
    expect(res.status).toBe(303);
    const again = await postForm(rt.app, `/admin/iscritti/${s!.id}/caso`, {}, { cookie: cookies.recruiter });
    expect(again.headers.get('location')).toBe(res.headers.get('location'));
    const rows = await casesWithEmail(rt.deps.db, 'iscritta@example.org');
    expect(rows.map((r) => r.source)).toEqual(['alert']);
    expect((await postForm(rt.app, `/admin/iscritti/${s!.id}/caso`, {}, { cookie: cookies.editor })).status).toBe(403);
  });
});
