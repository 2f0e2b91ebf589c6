// /admin/riferimenti over HTTP: every route for each kind of visitor (anonymous → sign-in, staff read,
// admins change), and the pages: sources, the relation both ways, adding/correcting/deactivating edges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type MatrixRoute, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn } from '../support/http.ts';
import { admittedSpecialisations } from '../../src/domains/reference/index.ts';
import { auditFor } from '../../src/platform/audit/index.ts';
import { edgeOf } from '../factories/reference.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
/** An edge of Cure palliative (114) the matrix may correct and deactivate. */
const edgeIds: string[] = [];

beforeAll(async () => {
  rt = await testRuntime();
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const u = await createStaff(rt, { role });
    cookies[role] = await signIn(rt, u.email, u.password);
  }
  edgeIds.push(...(await admittedSpecialisations(rt.deps.db, 114)).map((e) => e.id));
});
afterAll(() => rt.close());

const get = (path: string, cookie?: string) => rt.app.request(path, { headers: cookie ? { cookie } : {} });

interface Route {
  method: 'GET' | 'POST';
  path: () => string;
  fields?: () => Record<string, string>;
  /** Roles that may use it, and what they get. */
  allowed: Partial<Record<Role, number>>;
}

let n = 0;
const ROUTES: MatrixRoute[] = [
  { method: 'GET', path: () => '/admin/riferimenti', allowed: { admin: 200, recruiter: 200, editor: 200 } },
  { method: 'GET', path: () => '/admin/riferimenti?disciplina=15&specializzazione=urologia', allowed: { admin: 200, recruiter: 200, editor: 200 } },
  { method: 'GET', path: () => '/admin/riferimenti/relazioni/nuova', allowed: { admin: 200 } },
  {
    method: 'POST',
    path: () => '/admin/riferimenti/relazioni',
    fields: () => ({ disciplineCode: '2', newSpecialisation: `Titolo di prova ${++n}`, kind: 'affine', source: 'DM 31-1-1998' }),
    allowed: { admin: 303 },
  },
  { method: 'GET', path: () => `/admin/riferimenti/relazioni/${edgeIds[0]}`, allowed: { admin: 200 } },
  { method: 'POST', path: () => `/admin/riferimenti/relazioni/${edgeIds[0]}`, fields: () => ({ kind: 'equipollent', source: 'DM 28-3-2013' }), allowed: { admin: 303 } },
  { method: 'POST', path: () => `/admin/riferimenti/relazioni/${edgeIds[1]}/disattiva`, fields: () => ({ deactivateSource: 'Verifica 2026' }), allowed: { admin: 303 } },
];

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  routes: ROUTES,
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Friferimenti/,
  successRedirect: /^\/admin\/riferimenti\?disciplina=\d+&esito=/,
});

describe('the overview page', () => {
  it('shows the datasets with source, licence and rows, and the incompleteness notice, to every staff role', async () => {
    const html = await (await get('/admin/riferimenti', cookies.editor)).text();
    expect(html).toContain('<h1>Dati di riferimento</h1>');
    expect(html).toContain('<caption>Insiemi di dati caricati');
    expect(html).toContain('ISTAT');
    expect(html).toContain('CC BY 3.0 IT');
    expect(html).toMatch(/<th scope="row">Regioni<\/th>.*<th scope="row">Comuni<\/th>.*7896/);
    expect(html).toContain('Attenzione: la tabella è incompleta');
    expect(html).not.toContain('Aggiungi una specializzazione ammessa');
  });

  it('lists what a discipline admits, with kind, source link and origin; admins get the edit links', async () => {
    const editor = await (await get('/admin/riferimenti?disciplina=15', cookies.editor)).text();
    expect(editor).toContain('Specializzazioni ammesse per un posto in Medicina interna');
    expect(editor).toContain('equipollente');
    expect(editor).toContain('stessa disciplina');
    expect(editor).toContain('dati forniti');
    expect(editor).toMatch(/<a href="https:\/\/ordinemedici\.brescia\.it[^"]*" rel="noopener noreferrer">DM 27-9-2022/);
    expect(editor).not.toContain('Correggi o disattiva');
    const admin = await (await get('/admin/riferimenti?disciplina=15', cookies.admin)).text();
    expect(admin).toContain('Correggi o disattiva');
    expect(admin).toContain('Aggiungi una specializzazione ammessa');
  });

  it('shows the reverse view with the direction spelled out', async () => {
    const html = await (await get('/admin/riferimenti?specializzazione=urologia', cookies.recruiter)).text();
    expect(html).toContain('Discipline che ammettono la specializzazione in Urologia');
    expect(html).toContain('Urologia → posto in Nefrologia');
    expect(html).toContain('affine');
  });

  it('is in English under /en and ignores malformed picks', async () => {
    const en = await get('/en/admin/riferimenti?disciplina=19', cookies.editor);
    const html = await en.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Specialisations admitted for a post in Nefrologia');
    for (const q of ['disciplina=abc', 'disciplina=99999999999', 'specializzazione=%00%27', `disciplina=${'9'.repeat(5000)}`]) {
      expect((await get(`/admin/riferimenti?${q}`, cookies.editor)).status).toBe(200);
    }
  });
});

describe('changing the relation', () => {
  it('adds an edge from the form and shows it on the discipline', async () => {
    const res = await postForm(
      rt.app,
      '/admin/riferimenti/relazioni',
      { disciplineCode: '47', specialisationCode: 'patologia-clinica-e-biochimica-clinica', kind: 'affine', source: 'DM 31-1-1998 (da verificare)', sourceUrl: '', note: '' },
      { cookie: cookies.admin },
    );
    expect(res.status).toBe(303);
    const page = await (await get(res.headers.get('location')!, cookies.admin)).text();
    expect(page).toContain('Relazione aggiunta.');
    expect(page).toContain('DM 31-1-1998 (da verificare)');
    expect(page).toContain('amministrazione');
  });

  it('re-shows the form with messages at the fields and what was typed (422)', async () => {
    const res = await postForm(rt.app, '/admin/riferimenti/relazioni', { disciplineCode: '3', specialisationCode: '', kind: 'affine', source: '', sourceUrl: 'http://x.example', note: 'mia nota' }, { cookie: cookies.admin });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="source-error"');
    expect(html).toContain('Scegli una specializzazione dall&#39;elenco o scrivi il nome di una nuova.');
    expect(html).toContain('Inserisci un indirizzo web che inizi con https://.');
    expect(html).toContain('value="http://x.example"');
    expect(html).toContain('mia nota');
    expect(html).toMatch(/<option value="3" selected="">/);
  });

  it('corrects and deactivates an edge, both audited', async () => {
    const db = rt.deps.db;
    const [edge] = await admittedSpecialisations(db, 30); // Chirurgia generale → same
    const page = await get(`/admin/riferimenti/relazioni/${edge!.id}`, cookies.admin);
    expect(await page.text()).toContain('Correggi la relazione');
    const bad = await postForm(rt.app, `/admin/riferimenti/relazioni/${edge!.id}/disattiva`, { deactivateSource: '' }, { cookie: cookies.admin });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('id="deactivateSource-error"');

    const c = await postForm(rt.app, `/admin/riferimenti/relazioni/${edge!.id}`, { kind: 'equipollent', source: 'Delibera 12/2026', sourceUrl: 'https://example.org/delibera' }, { cookie: cookies.admin });
    expect(c.status).toBe(303);
    const d = await postForm(rt.app, `/admin/riferimenti/relazioni/${edge!.id}/disattiva`, { deactivateSource: 'Delibera 13/2026' }, { cookie: cookies.admin });
    expect(d.status).toBe(303);
    const row = await edgeOf(db, edge!.id);
    expect(row).toMatchObject({ kind: 'equipollent', active: false, source: 'Delibera 13/2026', origin: 'admin' });
    // The edge's history, oldest first.
    const log = (await auditFor(db, 'discipline_specialisation', edge!.id)).reverse();
    expect(log.map((l) => l.action)).toEqual(['reference.edge.correct', 'reference.edge.deactivate']);
    const shown = await (await get('/admin/riferimenti?disciplina=30', cookies.admin)).text();
    expect(shown).toContain('disattivata');
  });

  it('answers 404 for an unknown or malformed edge id', async () => {
    expect((await get('/admin/riferimenti/relazioni/00000000-0000-0000-0000-000000000000', cookies.admin)).status).toBe(404);
    expect((await get('/admin/riferimenti/relazioni/%27%3B--', cookies.admin)).status).toBe(404);
    const res = await postForm(rt.app, '/admin/riferimenti/relazioni/nope', { kind: 'same', source: 'x' }, { cookie: cookies.admin });
    expect(res.status).toBe(404);
  });
});
