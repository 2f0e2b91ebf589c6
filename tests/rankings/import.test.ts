// Importing a ranked list over HTTP with the shared import pipeline: who may use each route, the
// CSV and XLSX templates (linked from the list page and importable as they come), the preview with
// errors by line linked to the rows, and the staged confirmation (owner only, once, all or none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type MatrixRoute, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn } from '../support/http.ts';
import { postMultipart, text } from '../backoffice/calls-support.ts';
import { buildRankedList, candidatesOf } from '../factories/rankings.ts';
import { addCandidate, type RankedList } from '../../src/domains/rankings/index.ts';
import { ADMIN_ACTOR } from '../factories/index.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
let list: RankedList;
let matrixPreview = '';

const get = (path: string, cookie: string) => rt.app.request(path, { headers: { cookie }, redirect: 'manual' });
const upload = (listId: string, name: string, body: string | Uint8Array<ArrayBuffer>, cookie = cookies.recruiter) => {
  const f = new FormData();
  f.set('file', new File([body], name));
  return postMultipart(rt.app, `/admin/graduatorie/${listId}/importa`, f, cookie);
};
const ranks = async (listId: string) => (await candidatesOf(rt.deps, listId)).map((c) => c.rank).sort((a, b) => a - b);

beforeAll(async () => {
  rt = await testRuntime();
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const s = await createStaff(rt, { role, name: `Persona ${role}` });
    cookies[role] = await signIn(rt, s.email, s.password);
  }
  list = await buildRankedList(rt.deps, { candidates: 0, publish: false });
  const staged = await upload(list.id, 'matrice.csv', 'rank;name\n1;Anna Rossi\n');
  matrixPreview = staged.headers.get('location')!;
});
afterAll(() => rt.close());

const ROUTES: MatrixRoute[] = [
  { method: 'GET', path: () => `/admin/graduatorie/${list.id}/importa/modello.csv`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => `/admin/graduatorie/${list.id}/importa/modello.xlsx`, allowed: { admin: 200, recruiter: 200 } },
  // Without a file the list page asks for one.
  { method: 'POST', path: () => `/admin/graduatorie/${list.id}/importa`, fields: () => ({}), allowed: { admin: 422, recruiter: 422 } },
  // A staged file is its author's (the recruiter's) only.
  { method: 'GET', path: () => matrixPreview, allowed: { admin: 404, recruiter: 200 } },
  { method: 'POST', path: () => `${matrixPreview}/conferma`, fields: () => ({}), allowed: { admin: 404, recruiter: 303 } },
];

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  routes: ROUTES,
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fgraduatorie/,
  successRedirect: /^\/admin\/graduatorie\/[0-9a-f-]{36}\?esito=imported$/,
});

describe('templates', () => {
  it('are linked from the list page and import as they come, in CSV and XLSX', async () => {
    const fresh = await buildRankedList(rt.deps, { candidates: 0, publish: false });
    const page = text(await (await get(`/admin/graduatorie/${fresh.id}`, cookies.recruiter)).text());
    expect(page).toContain(`href="/admin/graduatorie/${fresh.id}/importa/modello.csv"`);
    expect(page).toContain(`href="/admin/graduatorie/${fresh.id}/importa/modello.xlsx"`);

    const csv = await get(`/admin/graduatorie/${fresh.id}/importa/modello.csv`, cookies.recruiter);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('modello-graduatoria.csv');
    const body = await csv.text();
    expect(body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('"rank";"name";"email";"pec";"phone";"score";"preference";"reserve";"language"');
    const fromCsv = await upload(fresh.id, 'modello-graduatoria.csv', body);
    expect(fromCsv.status).toBe(303);

    const xlsx = await get(`/admin/graduatorie/${fresh.id}/importa/modello.xlsx`, cookies.recruiter);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['graduatoria', 'colonne']);
    expect(String(wb.worksheets[1]!.getRow(3).getCell(2).value)).toContain('Cognome e nome');
    const fromXlsx = await upload(fresh.id, 'modello-graduatoria.xlsx', bytes);
    expect(fromXlsx.status).toBe(303);
    const done = await postForm(rt.app, `${fromXlsx.headers.get('location')}/conferma`, {}, { cookie: cookies.recruiter });
    expect(done.status).toBe(303);
    const [anna, ...others] = await candidatesOf(rt.deps, fresh.id);
    expect(others).toEqual([]);
    expect(anna).toMatchObject({ rank: 1, name: 'Anna Rossi', pec: 'anna.rossi@pec.example.org', score: '88.500', preference: true, reserve: false });
  });
});

describe('the preview', () => {
  it('lists the wrong lines at the top, linked to their rows, and counts the valid ones', async () => {
    const fresh = await buildRankedList(rt.deps, { candidates: 0, publish: false });
    const res = await upload(fresh.id, 'graduatoria.csv', 'rank;name;email\n1;Anna;anna@example.org\n2;;bruno@\n3;Carla;\n');
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain('Non è stato importato nulla da graduatoria.csv.');
    expect(html).toMatch(/<a href="#riga-3">Riga 3<\/a>: name, email/);
    expect(html).toContain('Righe corrette: 2 su 3.');
    expect(html).toContain('<caption>Righe del file (3)</caption>');
    const row = html.slice(html.indexOf('id="riga-3"'), html.indexOf('id="riga-4"'));
    expect(row).toContain('<code>email</code>: ');
    expect(html).not.toContain('/conferma');
    expect(await ranks(fresh.id)).toEqual([]);
  });

  it('names the missing columns of a file with wrong headings', async () => {
    const fresh = await buildRankedList(rt.deps, { candidates: 0, publish: false });
    const res = await upload(fresh.id, 'graduatoria.csv', 'posto;cognome\n1;Rossi\n');
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('Mancano le colonne obbligatorie: rank, name.');
  });
});

describe('the confirmation', () => {
  it('inserts every row once, and none when a rank was taken in the meantime', async () => {
    const fresh = await buildRankedList(rt.deps, { candidates: 0, publish: false });
    const first = (await upload(fresh.id, 'a.csv', 'rank;name\n1;Anna\n2;Bruno\n')).headers.get('location')!;
    const second = (await upload(fresh.id, 'b.csv', 'rank;name\n3;Carla\n4;Dario\n')).headers.get('location')!;
    expect(first).toMatch(new RegExp(`^/admin/graduatorie/${fresh.id}/importa/[0-9a-f-]{36}$`));
    const preview = text(await (await get(first, cookies.recruiter)).text());
    expect(preview).toContain('Tutte le 2 righe di a.csv sono corrette.');
    expect(preview).toContain('Importa 2 candidati');

    expect((await postForm(rt.app, `${first}/conferma`, {}, { cookie: cookies.recruiter })).status).toBe(303);
    const again = await postForm(rt.app, `${first}/conferma`, {}, { cookie: cookies.recruiter });
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain('Questo file è già stato importato.');
    expect(await ranks(fresh.id)).toEqual([1, 2]);

    await addCandidate(rt.deps, ADMIN_ACTOR, fresh.id, { rank: '4', name: 'Aggiunto a mano' });
    const clash = await postForm(rt.app, `${second}/conferma`, {}, { cookie: cookies.recruiter });
    expect(clash.status).toBe(409);
    expect(text(await clash.text())).toContain('Questa posizione è già presente nella graduatoria.');
    expect(await ranks(fresh.id)).toEqual([1, 2, 4]);
    // A staged file belongs to its list: another list's URL does not find it.
    const other = await buildRankedList(rt.deps, { candidates: 0, publish: false });
    expect((await get(second.replace(fresh.id, other.id), cookies.recruiter)).status).toBe(404);
  });
});
