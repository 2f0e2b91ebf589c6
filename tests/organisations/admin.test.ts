// /admin/enti over HTTP: every route for each kind of visitor (anonymous → sign-in, editor → 403,
// recruiter reads, admin manages), and the create/edit forms with their messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type MatrixRoute, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn } from '../support/http.ts';
import { createOrganisation, organisationBySlug } from '../../src/domains/organisations/index.ts';
import { orgOf } from '../factories/organisations.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
let orgId = '';

beforeAll(async () => {
  rt = await testRuntime();
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const u = await createStaff(rt, { role });
    cookies[role] = await signIn(rt, u.email, u.password);
  }
  const r = await createOrganisation(rt.deps.db, { id: null, label: 'system', role: 'system', memberships: [] }, {
    name: 'Ospedale Santa Chiara',
    kind: 'public_hospital',
    isEmployer: true,
    website: 'https://www.ospedale.example',
    comune: 'Trento',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  orgId = r.value.id;
});
afterAll(() => rt.close());

const get = (path: string, cookie?: string) => rt.app.request(path, { headers: cookie ? { cookie } : {} });


let n = 0;
const ROUTES: MatrixRoute[] = [
  { method: 'GET', path: () => '/admin/enti', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => '/admin/enti/nuovo', allowed: { admin: 200 } },
  { method: 'POST', path: () => '/admin/enti/nuovo', fields: () => ({ name: `RSA Matrice ${++n}`, kind: 'nursing_home', isEmployer: 'on' }), allowed: { admin: 303 } },
  { method: 'GET', path: () => `/admin/enti/${orgId}`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => `/admin/enti/${orgId}/modifica`, allowed: { admin: 200 } },
  {
    method: 'POST',
    path: () => `/admin/enti/${orgId}/modifica`,
    fields: () => ({ name: 'Ospedale Santa Chiara', slug: 'ospedale-santa-chiara', kind: 'public_hospital', isEmployer: 'on', website: 'https://www.ospedale.example', comune: 'Trento (TN)' }),
    allowed: { admin: 303 },
  },
];

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  routes: ROUTES,
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fenti/,
  successRedirect: /^\/admin\/enti\/[0-9a-f-]{36}\?esito=(created|updated)$/,
});

describe('the list and the detail page', () => {
  it('shows kind, roles and comune; recruiters get no create or edit buttons', async () => {
    const recruiter = await (await get('/admin/enti', cookies.recruiter)).text();
    expect(recruiter).toContain('<h1>Enti</h1>');
    expect(recruiter).toContain('Ospedale Santa Chiara');
    expect(recruiter).toContain('Ospedale o azienda ospedaliera pubblica');
    expect(recruiter).toContain('datore di lavoro');
    expect(recruiter).toContain('Trento (TN)');
    expect(recruiter).not.toContain('href="/admin/enti/nuovo"');
    const detail = await (await get(`/admin/enti/${orgId}`, cookies.recruiter)).text();
    expect(detail).toContain('<a href="https://www.ospedale.example" rel="noopener noreferrer">');
    expect(detail).not.toContain('/modifica"');
    const admin = await (await get('/admin/enti', cookies.admin)).text();
    expect(admin).toContain('href="/admin/enti/nuovo"');
  });

  it('is in English under /en, and answers 404 for unknown or malformed ids', async () => {
    const en = await (await get('/en/admin/enti', cookies.admin)).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Public hospital or hospital trust');
    expect((await get('/admin/enti/00000000-0000-0000-0000-000000000000', cookies.admin)).status).toBe(404);
    expect((await get('/admin/enti/%27or%201%3D1', cookies.recruiter)).status).toBe(404);
    expect((await get(`/admin/enti/${'a'.repeat(5000)}/modifica`, cookies.admin)).status).toBe(404);
  });
});

describe('the forms', () => {
  it('creates an organisation with the slug made from the name', async () => {
    const res = await postForm(
      rt.app,
      '/admin/enti/nuovo',
      { name: 'Comune di Rovereto', slug: '', kind: 'municipality', isPartner: 'on', website: 'https://www.comune.rovereto.tn.it', comune: 'Rovereto' },
      { cookie: cookies.admin },
    );
    expect(res.status).toBe(303);
    const page = await (await get(res.headers.get('location')!, cookies.admin)).text();
    expect(page).toContain('Ente creato.');
    expect(page).toContain('comune-di-rovereto');
    expect(page).toContain('Rovereto (TN)');
    const found = await organisationBySlug(rt.deps.db, 'comune-di-rovereto');
    const org = await orgOf(rt.deps.db, found!.id);
    expect(org).toMatchObject({ isPartner: true, isEmployer: false, kind: 'municipality' });
  });

  it('re-shows the form with messages at the fields and what was typed (422)', async () => {
    const res = await postForm(
      rt.app,
      '/admin/enti/nuovo',
      { name: 'Casa di cura', slug: 'Casa Di Cura!', kind: 'nursing_home', website: 'javascript:alert(1)', email: 'x', comune: 'Samone' },
      { cookie: cookies.admin },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="slug-error"');
    expect(html).toContain('id="website-error"');
    expect(html).toContain('Inserisci un indirizzo web che inizi con https://.');
    expect(html).toContain('value="javascript:alert(1)"');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('aria-invalid="true"');

    const ambiguous = await postForm(rt.app, '/admin/enti/nuovo', { name: 'Casa di cura Samone', kind: 'nursing_home', comune: 'Samone' }, { cookie: cookies.admin });
    expect(ambiguous.status).toBe(422);
    expect(await ambiguous.text()).toContain('Ci sono più comuni con questo nome');
  });

  it('edits an organisation and keeps the typed values when the slug is taken', async () => {
    const form = await (await get(`/admin/enti/${orgId}/modifica`, cookies.admin)).text();
    expect(form).toContain('value="Trento (TN)"');
    expect(form).toMatch(/id="isEmployer" name="isEmployer" value="on" checked=""/);
    const clash = await postForm(rt.app, `/admin/enti/${orgId}/modifica`, { name: 'Nuovo nome', slug: 'comune-di-rovereto', kind: 'public_hospital' }, { cookie: cookies.admin });
    expect(clash.status).toBe(422);
    const html = await clash.text();
    expect(html).toContain('Questo identificativo è già usato da un altro ente');
    expect(html).toContain('value="Nuovo nome"');
    const ok = await postForm(rt.app, `/admin/enti/${orgId}/modifica`, { name: 'Ospedale Santa Chiara di Trento', slug: 'santa-chiara', kind: 'public_hospital', isEmployer: 'on' }, { cookie: cookies.admin });
    expect(ok.status).toBe(303);
    const org = await orgOf(rt.deps.db, orgId);
    expect(org).toMatchObject({ name: 'Ospedale Santa Chiara di Trento', slug: 'santa-chiara', comuneCode: null, website: null });
  });
});
