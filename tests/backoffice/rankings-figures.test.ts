// /admin/graduatorie-cifre over HTTP: the role matrix (editor 403), the page's tables and charts
// with the scenario's known numbers, the filters, and the CSV/XLSX exports of the same figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { XMLValidator } from 'fast-xml-parser';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type Role } from '../support/role-matrix.ts';
import { createStaff, signIn } from '../support/http.ts';
import { figuresScenario } from '../factories/rankings-figures.ts';

let rt: TestRuntime;
let sc: Awaited<ReturnType<typeof figuresScenario>>;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
// The scenario's lists are published in March and April 2019: the range keeps out anything else.
const RANGE = 'dal=2019-03-01&al=2019-05-31';

beforeAll(async () => {
  rt = await testRuntime({ work: false });
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const s = await createStaff(rt, { role });
    cookies[role] = await signIn(rt, s.email, s.password);
  }
  sc = await figuresScenario(rt.deps, { published: new Date('2019-03-04T09:00:00Z') });
});
afterAll(() => rt.close());

const get = (path: string, cookie = cookies.recruiter) => rt.app.request(path, { headers: { cookie } });

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  routes: [
    { method: 'GET', path: () => '/admin/graduatorie-cifre', allowed: { admin: 200, recruiter: 200 } },
    { method: 'GET', path: () => `/admin/graduatorie-cifre?${RANGE}`, allowed: { admin: 200, recruiter: 200 } },
    { method: 'GET', path: () => '/admin/graduatorie-cifre/esporta.csv', allowed: { admin: 200, recruiter: 200 } },
    { method: 'GET', path: () => '/admin/graduatorie-cifre/esporta.xlsx', allowed: { admin: 200, recruiter: 200 } },
  ],
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fgraduatorie-cifre/,
  successRedirect: /^$/,
});

const cells = (html: string, tableId: string) => {
  const table = new RegExp(`<table[^>]*id="${tableId}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").trim()));
};

describe('the figures page', () => {
  it('shows the overall times, the reasons and accessible charts with tables beside them', async () => {
    const res = await get(`/admin/graduatorie-cifre?${RANGE}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Cifre delle graduatorie</h1>');
    expect(html).toContain('<a class="nav-link" href="/admin/graduatorie-cifre" aria-current="page">Cifre delle graduatorie</a>');
    expect(cells(html, 'times-table').slice(1)).toEqual([
      ['Primo contatto', '6', '3,5', '8'],
      ["Risposta all'offerta", '5', '5', '10'],
      ['Accettazione', '2', '3,5', '4'],
    ]);
    const reasons = cells(html, 'reasons-table');
    expect(reasons).toContainEqual(['Alloggio', '2', '66,7%']);
    expect(reasons).toContainEqual(['Retribuzione', '1', '33,3%']);
    expect(reasons).toContainEqual(['Altra offerta', '0', '0%']);
    expect(html).toMatch(/<th scope="row" class="fw-normal">Tasso di accettazione<\/th><td class="text-end">40%<\/td>/);
    const svgs = html.match(/<svg[^>]*role="img"[\s\S]*?<\/svg>/g) ?? [];
    // Two overall, two comparing the lists, two comparing the team members.
    expect(svgs.map((x) => /id="([\w-]+)"/.exec(x)![1])).toEqual(['chart-times', 'chart-reasons', 'chart-lists-contact', 'chart-lists-acceptance', 'chart-members-contact', 'chart-members-acceptance']);
    for (const svg of svgs) {
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/<title id="chart-[\w-]+-title">/);
    }
    expect(svgs[0]).toContain('>3,5 giorni</text>');
    expect(svgs[1]).toContain('>Alloggio</text>');
    expect(svgs[1]).toContain('>2 (66,7%)</text>');
  });

  it('lists the figures per list and per member, and filters by list and member', async () => {
    const html = await (await get(`/admin/graduatorie-cifre?${RANGE}`)).text();
    const lists = cells(html, 'lists-table');
    expect(lists[1]).toEqual(['Graduatoria Medicina interna', '04/03/2019', '5', '4', '4', '5', '8', '4', '33,3%', '66,7%', '1']);
    expect(lists[2][0]).toBe('Graduatoria Geriatria');
    const members = cells(html, 'members-table');
    expect(members).toContainEqual(['Anna Desk', '4', '4', '4', '2,5', '4,5', '3,5', '50%', '50%', '0']);
    expect(members).toContainEqual(['Bruno Desk', '3', '2', '2', '7', '8', 'n.d.', '0%', '100%', '1']);
    expect(html).not.toContain('Graduatoria non pubblicata');

    const one = await (await get(`/admin/graduatorie-cifre?${RANGE}&lista=${sc.listB.id}&membro=${sc.anna.id}`)).text();
    expect(one).toContain(`<option value="${sc.listB.id}" selected="">Graduatoria Geriatria</option>`);
    expect(one).toContain(`<option value="${sc.anna.id}" selected="">Anna Desk</option>`);
    expect(cells(one, 'lists-table')).toHaveLength(2);
    expect(cells(one, 'members-table').slice(1).map((r) => r[0])).toEqual(['Anna Desk']);
    expect(one).toContain(`href="/admin/graduatorie-cifre/esporta.csv?lista=${sc.listB.id}&amp;membro=${sc.anna.id}&amp;dal=2019-03-01&amp;al=2019-05-31"`);

  });

  it('draws a chart per list and per member, each with its numbers in a table beside it', async () => {
    const html = await (await get(`/admin/graduatorie-cifre?${RANGE}`)).text();
    expect(cells(html, 'chart-lists-contact-table').slice(1)).toEqual([
      ['Graduatoria Medicina interna', '5 giorni'],
      ['Graduatoria Geriatria', '2 giorni'],
    ]);
    expect(cells(html, 'chart-lists-acceptance-table').slice(1)).toEqual([
      ['Graduatoria Medicina interna', '33,3%'],
      ['Graduatoria Geriatria', '50%'],
    ]);
    expect(cells(html, 'chart-members-acceptance-table').slice(1)).toEqual([
      ['Anna Desk', '50%'],
      ['Bruno Desk', '0%'],
    ]);
    const svg = /<svg[^>]*id="chart-members-contact"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('aria-labelledby="chart-members-contact-title chart-members-contact-desc"');
    expect(svg).toMatch(/<desc id="chart-members-contact-desc">[^<]*Anna Desk 2,5 giorni; Bruno Desk 7 giorni/);
    // Every value is written as text beside its bar: nothing is said by colour alone.
    expect(svg).toContain('>2,5 giorni</text>');
  });

  it('answers malformed filters with 422 and the message at each field, keeping what was typed', async () => {
    const junk = await get('/admin/graduatorie-cifre?lista=%3Cx%3E&membro=%3Cscript%3E&dal=ieri&al=2019-02-30');
    expect(junk.status).toBe(422);
    const html = await junk.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('id="error-summary"');
    for (const f of ['lista', 'membro', 'dal', 'al']) expect(html).toContain(`id="${f}-error"`);
    expect(html).toMatch(/id="dal"[^>]*value="ieri"/);
    expect(html).not.toContain('id="times-table"');

    const reversed = await get('/admin/graduatorie-cifre?dal=2019-05-01&al=2019-04-01');
    expect(reversed.status).toBe(422);
    expect(await reversed.text()).toMatch(/id="al-error"[^>]*>La data finale deve venire dopo quella iniziale/);

    const unknown = await get('/admin/graduatorie-cifre?lista=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toMatch(/id="lista-error"[^>]*>Scegli una graduatoria pubblicata/);
    expect((await get(`/admin/graduatorie-cifre/esporta.csv?lista=${sc.draft.id}`)).status).toBe(422);
    expect((await get('/admin/graduatorie-cifre?membro=staff-nessuno')).status).toBe(422);
  });

  it('is in English under /en', async () => {
    const html = await (await get(`/en/admin/graduatorie-cifre?${RANGE}`)).text();
    expect(html).toContain('<h1>Ranked list figures</h1>');
    expect(cells(html, 'times-table')[1]).toEqual(['First contact', '6', '3.5', '8']);
  });
});

describe('the exports', () => {
  it('give the same figures as CSV, one row overall, per list and per member', async () => {
    const res = await get(`/admin/graduatorie-cifre/esporta.csv?${RANGE}`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="cifre-graduatorie-\d{4}-\d{2}-\d{2}\.csv"/);
    const parsed = Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    const rows = parsed.data;
    expect(rows.map((r) => r['Ambito'])).toEqual(['Complessivo', 'Graduatoria', 'Graduatoria', 'Componente del gruppo', 'Componente del gruppo']);
    const overall = rows[0];
    expect(overall['Candidati proposti']).toBe('7');
    expect(overall['Tasso di accettazione (%)']).toBe('40');
    expect(overall['Primo contatto: mediana (giorni)']).toBe('3.5');
    expect(overall['Risposta all\'offerta: 90° percentile (giorni)']).toBe('10');
    expect(overall['Rinunce per Alloggio']).toBe('2');
    expect(rows[1]['Pubblicata il']).toBe('2019-03-04');
  });

  it('give a typed XLSX sheet', async () => {
    const res = await get(`/admin/graduatorie-cifre/esporta.xlsx?${RANGE}&membro=${sc.bruno.id}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(ws.getRow(2).getCell(col('Candidati proposti')).value).toBe(3);
    expect(ws.getRow(2).getCell(col('Offerte scadute senza risposta')).value).toBe(1);
    expect(ws.getRow(ws.rowCount).getCell(col('Nome')).value).toBe('Bruno Desk');
  });
});
