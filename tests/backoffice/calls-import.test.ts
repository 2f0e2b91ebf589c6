// Importing calls over HTTP: the templates, an upload with a bad line (errors by line, nothing
// created), and good CSV and XLSX uploads confirmed into drafts in one go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createStaff, postForm, signIn } from '../support/http.ts';
import { buildOrganisation, callsTitled } from '../factories/index.ts';
import { postMultipart, text } from './calls-support.ts';

let rt: TestRuntime;
let cookie: string;
let slug: string;
beforeAll(async () => {
  rt = await testRuntime({ now: () => new Date('2026-06-01T08:00:00Z') });
  const u = await createStaff(rt, { role: 'recruiter' });
  cookie = await signIn(rt, u.email, u.password);
  slug = (await buildOrganisation(rt.deps.db, { name: 'Ospedale di Cles', slug: 'ospedale-cles' })).slug;
});
afterAll(() => rt.close());

const get = (path: string) => rt.app.request(path, { headers: { cookie }, redirect: 'manual' });
const upload = (name: string, bytes: Uint8Array<ArrayBuffer>, type: string) => {
  const form = new FormData();
  form.append('file', new File([bytes], name, { type }));
  return postMultipart(rt.app, '/admin/bandi/importa', form, cookie);
};
const titled = (titles: string[]) => callsTitled(rt.deps, titles);

const HEADER = 'titolo;tipo;ente;profilo;disciplina;posti;contratto;sedi;scadenza;link_domanda';
const line = (title: string, over: Partial<Record<'ente' | 'scadenza' | 'sedi', string>> = {}) =>
  `${title};concorso_pubblico;${over.ente ?? slug};medico_chirurgo;15;1;indeterminato;${over.sedi ?? 'Cles'};${over.scadenza ?? '2026-07-01 12:00'};https://www.inpa.gov.it/a`;

describe('import page and templates', () => {
  it('documents the columns and serves the CSV and XLSX templates', async () => {
    const page = text(await (await get('/admin/bandi/importa')).text());
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain('<code>link_domanda</code>');
    const csv = await get('/admin/bandi/importa/modello.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('modello-bandi.csv');
    const body = await csv.text();
    expect(body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      '"titolo";"tipo";"ente";"profilo";"disciplina";"posti";"contratto";"orario";"sedi";"descrizione";"requisiti";"pubblicazione";"scadenza";"riferimento";"link_domanda";"referente";"email";"telefono"',
    );
    const xlsx = await get('/admin/bandi/importa/modello.xlsx');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['bandi', 'colonne']);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('titolo');
    expect(String(wb.worksheets[1]!.getRow(2).getCell(2).value)).toBe('Titolo del bando.');
  });
});

describe('uploading', () => {
  it('shows the errors of a bad line by line and column, and creates nothing', async () => {
    const csv = [HEADER, line('Import A buono'), line('Import A cattivo', { ente: 'nessuno', scadenza: 'domani', sedi: 'Cles|Narnia' }), line('Import A altro buono')].join('\n');
    const res = await upload('bandi.csv', new TextEncoder().encode(csv), 'text/csv');
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain('Il file «bandi.csv» non è stato importato: nessun bando è stato creato.');
    expect(html).toContain('Righe con errori: 1 su 3.');
    const bad = html.slice(html.indexOf('id="riga-3"'), html.indexOf('id="riga-4"'));
    expect(bad).toContain('Import A cattivo');
    expect(bad).toContain("<code>ente</code>: Nessun ente che assume ha l'identificativo o il nome «nessuno».");
    expect(bad).toContain('<code>scadenza</code>: «domani» non è una data e ora valida');
    expect(bad).toContain("<code>sedi</code>: Il comune «Narnia» non è nell'elenco ISTAT.");
    expect(html.slice(html.indexOf('id="riga-2"'), html.indexOf('id="riga-3"'))).toContain('Corretta');
    expect(html).not.toContain('/conferma');
    expect(await titled(['Import A buono', 'Import A cattivo', 'Import A altro buono'])).toHaveLength(0);
  });

  it('asks for a file when none is sent', async () => {
    const form = new FormData();
    const res = await postMultipart(rt.app, '/admin/bandi/importa', form, cookie);
    expect(res.status).toBe(422);
    expect(text(await res.text())).toMatch(/id="file-error"[^>]*>Scegli un file CSV o XLSX da caricare\./);
  });

  it('previews a good CSV, then creates all its rows as drafts on confirmation', async () => {
    const titles = ['Import B uno', 'Import B due', 'Import B tre'];
    const res = await upload('buono.csv', new TextEncoder().encode([HEADER, ...titles.map((t) => line(t))].join('\n')), 'text/csv');
    expect(res.status).toBe(303);
    const previewPath = res.headers.get('location')!;
    expect(previewPath).toMatch(/^\/admin\/bandi\/importa\/[0-9a-f-]{36}$/);
    expect(await titled(titles)).toHaveLength(0);
    const preview = text(await (await get(previewPath)).text());
    expect(preview).toContain('Tutte le 3 righe del file «buono.csv» sono corrette.');
    expect(preview).toContain('Conferma: crea 3 bandi in bozza');
    const done = await postForm(rt.app, `${previewPath}/conferma`, {}, { cookie });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/bandi?stato=draft&esito=imported');
    const created = await titled(titles);
    expect(created).toHaveLength(3);
    expect(created.every((c) => c.status === 'draft')).toBe(true);
    // A second confirmation (double click, back button) creates nothing more.
    const again = await postForm(rt.app, `${previewPath}/conferma`, {}, { cookie });
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain('Questo file è già stato importato.');
    expect(await titled(titles)).toHaveLength(3);
  });

  it('imports a good XLSX the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('bandi');
    ws.addRow(HEADER.split(';'));
    ws.addRow(line('Import C uno').split(';'));
    ws.addRow([...line('Import C due').split(';').slice(0, 8), new Date(Date.UTC(2026, 6, 2, 18, 0)), 'https://www.inpa.gov.it/b']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = await upload('bandi.xlsx', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.status).toBe(303);
    const done = await postForm(rt.app, `${res.headers.get('location')}/conferma`, {}, { cookie });
    expect(done.status).toBe(303);
    const created = await titled(['Import C uno', 'Import C due']);
    expect(created).toHaveLength(2);
    expect(created.find((c) => c.title === 'Import C due')!.deadline).toEqual(new Date('2026-07-02T16:00:00Z'));
  });
});
