// /admin/contatti over HTTP: every route for each kind of visitor (anonymous → sign-in, editor →
// 403, recruiter works leads, admin also erases), the inbox with tabs and filters, the lead's page
// with its forms and their messages, and erasure behind a confirmation page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type MatrixRoute, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn, type StaffUserFixture } from '../support/http.ts';
import { text } from '../backoffice/calls-support.ts';
import { ADMIN_ACTOR } from '../factories/index.ts';
import { createLead, getLead, type Lead } from '../../src/domains/leads/index.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
const staff = {} as Record<Role, StaffUserFixture>;
let main: Lead;
const toErase: Lead[] = [];
let n = 0;

async function lead(over: Record<string, string> = {}): Promise<Lead> {
  const r = await createLead(
    rt.deps,
    { name: 'Paolo Gialli', email: `paolo.gialli.${++n}@example.org`, professionCode: 'medico_chirurgo', specialisationCode: 'geriatria', preferredTime: 'lunch', consent: 'on', source: 'bandi-empty', utm_source: 'newsletter', message: 'Vorrei lavorare in Trentino.', ...over },
    { locale: 'it' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

beforeAll(async () => {
  rt = await testRuntime();
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    staff[role] = await createStaff(rt, { role, name: `Persona ${role}` });
    cookies[role] = await signIn(rt, staff[role].email, staff[role].password);
  }
  main = await lead();
  for (let i = 0; i < 3; i++) toErase.push(await lead({ name: `Da cancellare ${i}` }));
});
afterAll(() => rt.close());

const get = (path: string, cookie?: string) => rt.app.request(path, { headers: cookie ? { cookie } : {} });

let erased = 0;
const ROUTES: MatrixRoute[] = [
  { method: 'GET', path: () => '/admin/contatti', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => `/admin/contatti/${main.id}`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => `/admin/contatti/${main.id}`, fields: () => ({ status: 'contacted', assigneeId: '' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'POST', path: () => `/admin/contatti/${main.id}/note`, fields: () => ({ body: 'Nota dalla matrice' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'GET', path: () => `/admin/contatti/${main.id}/cancella`, allowed: { admin: 200 } },
  { method: 'POST', path: () => `/admin/contatti/${toErase[erased++ % toErase.length].id}/cancella`, fields: () => ({}), allowed: { admin: 303 } },
];

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  routes: ROUTES,
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fcontatti/,
  successRedirect: /^\/admin\/contatti(\/[0-9a-f-]{36})?\?esito=(updated|noted|erased)$/,
});

describe('the inbox', () => {
  it('lists leads in a table with caption, status tabs with counts, and the nav entry for recruiters only', async () => {
    const html = text(await (await get('/admin/contatti', cookies.recruiter)).text());
    expect(html).toContain('<h1>Contatti</h1>');
    expect(html).toMatch(/<caption>Contatti: \d+ \(pagina 1 di 1\)<\/caption>/);
    expect(html).toContain(`<a href="/admin/contatti/${main.id}">Paolo Gialli</a>`);
    expect(html).toContain('Ricerca bandi senza risultati');
    expect(html).toMatch(/aria-current="page">Tutti \(\d+\)<\/a>/);
    expect(html).toMatch(/>Nuovi \(\d+\)<\/a>/);
    expect(html).toContain('<a class="nav-link" href="/admin/contatti" aria-current="page">Contatti</a>');
    const editorHome = await (await get('/admin', cookies.editor)).text();
    expect(editorHome).not.toContain('href="/admin/contatti"');
  });

  it('filters by status, assignee and text, keeping the filters in the tabs', async () => {
    const mine = await lead({ name: 'Ornella Assegnata' });
    const res = await postForm(rt.app, `/admin/contatti/${mine.id}`, { status: 'contacted', assigneeId: staff.recruiter.id }, { cookie: cookies.recruiter });
    expect(res.status).toBe(303);
    const page = async (q: string) => text(await (await get(`/admin/contatti?${q}`, cookies.recruiter)).text());
    const assigned = await page('assegnatario=mine');
    expect(assigned).toContain('Ornella Assegnata');
    expect(assigned).not.toContain('Paolo Gialli');
    expect(assigned).toContain('<option value="mine" selected="">');
    expect(assigned).toContain('href="/admin/contatti?stato=contacted&assegnatario=mine"');
    expect(await page(`assegnatario=${staff.recruiter.id}&stato=contacted`)).toContain('Ornella Assegnata');
    expect(await page('stato=new')).not.toContain('Ornella Assegnata');
    const unassigned = await page('assegnatario=unassigned');
    expect(unassigned).toContain('Paolo Gialli');
    expect(unassigned).not.toContain('Ornella Assegnata');
    const search = await page('q=ornella');
    expect(search).toContain('Ornella Assegnata');
    expect(search).not.toContain('Paolo Gialli');
    const none = await page('q=nessuno-si-chiama-cosi');
    expect(none).toContain('Nessun contatto corrisponde ai filtri.');
    // Junk parameters are ignored, never echoed.
    expect((await get('/admin/contatti?stato=%3Cx%3E&assegnatario=%3Cscript%3E&pagina=-3', cookies.admin)).status).toBe(200);
  });
});

describe('a lead’s page', () => {
  it('shows the person, the consent record, the forms; erasure only for admins', async () => {
    const html = text(await (await get(`/admin/contatti/${main.id}`, cookies.recruiter)).text());
    expect(html).toContain('<h1>Paolo Gialli</h1>');
    expect(html).toContain(`<a href="mailto:${main.email}">${main.email}</a>`);
    expect(html).toContain('Geriatria');
    expect(html).toContain('Pausa pranzo (12-14)');
    expect(html).toContain('Vorrei lavorare in Trentino.');
    expect(html).toContain('<caption>Consensi registrati per questo contatto</caption>');
    expect(html).toContain('utm_source=newsletter');
    expect(html).toMatch(/<td>2026-\d\d\.\d+<\/td>/);
    expect(html).toContain(`<form method="post" action="/admin/contatti/${main.id}" novalidate="">`);
    expect(html).toContain(`<option value="${staff.recruiter.id}"`);
    expect(html).toContain('Persona recruiter (io)');
    expect(html).not.toContain('/cancella');
    const admin = await (await get(`/admin/contatti/${main.id}`, cookies.admin)).text();
    expect(admin).toContain(`href="/admin/contatti/${main.id}/cancella"`);
    expect((await get('/admin/contatti/00000000-0000-0000-0000-000000000000', cookies.admin)).status).toBe(404);
    expect((await get('/admin/contatti/%27or%201%3D1', cookies.admin)).status).toBe(404);
    // A forged id is a 404 on every route, before any query runs.
    expect((await postForm(rt.app, '/admin/contatti/%27or%201%3D1/note', { body: 'x' }, { cookie: cookies.admin })).status).toBe(404);
    expect((await get('/admin/contatti/nonsense/cancella', cookies.admin)).status).toBe(404);
  });

  it('saves status and assignee with a flash, and answers 422 at the field for a bad value', async () => {
    const l = await lead({ name: 'Stato Da Cambiare' });
    const ok = await postForm(rt.app, `/admin/contatti/${l.id}`, { status: 'closed', assigneeId: staff.admin.id }, { cookie: cookies.recruiter });
    expect(ok.headers.get('location')).toBe(`/admin/contatti/${l.id}?esito=updated`);
    const after = text(await (await get(ok.headers.get('location')!, cookies.recruiter)).text());
    expect(after).toContain('<div class="alert alert-success" role="status">Stato e assegnazione salvati.</div>');
    expect(after).toContain('<option value="closed" selected="">Chiuso</option>');
    const saved = await getLead(rt.deps.db, ADMIN_ACTOR, l.id);
    if (!saved.ok) throw new Error('lead');
    expect(saved.value.lead).toMatchObject({ status: 'closed', assigneeId: staff.admin.id });
    expect(saved.value.lead.closedAt).not.toBeNull();

    const bad = await postForm(rt.app, `/admin/contatti/${l.id}`, { status: 'closed', assigneeId: staff.editor.id }, { cookie: cookies.recruiter });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('<div id="assigneeId-error" class="field-error mt-1">Scegli una delle opzioni proposte.</div>');
  });

  it('adds a note shown with its author, and refuses an empty one at the field', async () => {
    const l = await lead({ name: 'Con Note' });
    const ok = await postForm(rt.app, `/admin/contatti/${l.id}/note`, { body: 'Chiamata fatta: richiamare a settembre.' }, { cookie: cookies.recruiter });
    expect(ok.headers.get('location')).toBe(`/admin/contatti/${l.id}?esito=noted`);
    const html = text(await (await get(`/admin/contatti/${l.id}`, cookies.admin)).text());
    expect(html).toContain('<strong>Persona recruiter</strong>');
    expect(html).toContain('Chiamata fatta: richiamare a settembre.');
    const empty = await postForm(rt.app, `/admin/contatti/${l.id}/note`, { body: '   ' }, { cookie: cookies.recruiter });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('<div id="body-error" class="field-error mt-1">Questo campo è obbligatorio.</div>');
  });

  it('erases after a confirmation page, then the lead is gone', async () => {
    const l = await lead({ name: 'Ultima Cancellazione' });
    const confirm = text(await (await get(`/admin/contatti/${l.id}/cancella`, cookies.admin)).text());
    expect(confirm).toContain('<h1>Cancellare i dati di Ultima Cancellazione?</h1>');
    expect(confirm).toContain(`<form method="post" action="/admin/contatti/${l.id}/cancella">`);
    const res = await postForm(rt.app, `/admin/contatti/${l.id}/cancella`, {}, { cookie: cookies.admin });
    expect(res.headers.get('location')).toBe('/admin/contatti?esito=erased');
    expect(text(await (await get('/admin/contatti?esito=erased', cookies.admin)).text())).toContain('I dati della persona sono stati cancellati.');
    expect((await get(`/admin/contatti/${l.id}`, cookies.admin)).status).toBe(404);
  });

  it('is in English under /en', async () => {
    const html = await (await get(`/en/admin/contatti/${main.id}`, cookies.admin)).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Status and assignment');
    expect(html).toContain('Lunch break (12-14)');
  });
});
