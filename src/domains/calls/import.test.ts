import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import ExcelJS from 'exceljs';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { ADMIN_ACTOR } from '../../../tests/factories/index.ts';
import { changeOrg, createOrg } from '../../../tests/factories/organisations.ts';
import { auditFor } from '../../platform/audit/index.ts';
import { getCallDetail, listAdminCalls } from './index.ts';
import { stagedCallImports } from './testing.ts';
import { confirmImport, getImport, importTemplateExample, MAX_IMPORT_ROWS, previewImport, templateCsv, templateXlsx, IMPORT_COLUMNS } from './import.ts';

let rt: TestRuntime;
const clock = new Date('2026-06-01T08:00:00Z');
let org: { id: string; slug: string; name: string };
beforeAll(async () => {
  rt = await testRuntime({ now: () => clock });
  org = await createOrg(rt.deps.db, { name: 'Azienda ospedaliera di prova', slug: 'ao-prova' });
});
afterAll(() => rt.close());

const recruiter: Actor = { id: 'user-recruiter', label: 'rec@example.test', role: 'recruiter', memberships: [] };
const editor: Actor = { id: 'user-editor', label: 'ed@example.test', role: 'editor', memberships: [] };
const enc = (s: string) => new TextEncoder().encode(s);
/** Every call, as the back-office list counts them. */
const countCalls = async () => (await listAdminCalls(rt.deps.db, {}, clock)).total;
/** The calls the back-office search finds with exactly these titles. */
const callsTitled = async (titles: string[]) => (await Promise.all(titles.map(async (t) => (await listAdminCalls(rt.deps.db, { q: t }, clock)).items.filter((c) => c.title === t)))).flat();

const HEADER = 'titolo;tipo;ente;profilo;disciplina;posti;contratto;orario;sedi;descrizione;requisiti;pubblicazione;scadenza;riferimento;link_domanda;referente;email;telefono';
const row = (over: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = {
    titolo: 'Dirigente medico di Cardiologia',
    tipo: 'concorso_pubblico',
    ente: 'ao-prova',
    profilo: 'medico_chirurgo',
    disciplina: 'Cardiologia',
    posti: '2',
    contratto: 'indeterminato',
    orario: 'full_time',
    sedi: 'Trento|022161',
    descrizione: 'Cerchiamo cardiologi.',
    requisiti: '- Specializzazione',
    pubblicazione: '',
    scadenza: '2026-07-15 12:00',
    riferimento: 'BUR n. 1',
    link_domanda: 'https://www.inpa.gov.it/x',
    referente: 'Ufficio concorsi',
    email: 'concorsi@example.it',
    telefono: '0461 000000',
    ...over,
  };
  return HEADER.split(';')
    .map((k) => v[k]!)
    .join(';');
};

describe('preview', () => {
  it('reports every problem by line and column, stores nothing and creates nothing', async () => {
    const before = await countCalls();
    const csv = [
      HEADER,
      row({ titolo: 'Riga buona' }),
      row({ titolo: 'Riga cattiva', ente: 'ente-inesistente', scadenza: '15/07/2026', sedi: 'Trento|Atlantide|Samone', disciplina: 'Ostetricia felina', posti: 'due' }),
      '',
      row({ titolo: '', link_domanda: 'http://insicuro.example.it' }),
    ].join('\n');
    const r = await previewImport(rt.deps, recruiter, { name: 'bandi.csv', bytes: enc(csv) });
    if (!r.ok) throw new Error('preview failed');
    const p = r.value;
    expect(p.id).toBeNull();
    expect(p.fileProblems).toEqual([]);
    expect(p.rows.map((x) => [x.line, x.problems.length > 0])).toEqual([
      [2, false],
      [3, true],
      [5, true],
    ]);
    const bad = Object.fromEntries(p.rows[1]!.problems.map((x) => [`${x.column}:${x.key}`, x.vars ?? {}]));
    expect(bad['ente:calls.import_errors.employer_unknown']).toEqual({ value: 'ente-inesistente' });
    expect(bad['scadenza:calls.import_errors.datetime_format']).toEqual({ value: '15/07/2026' });
    expect(bad['sedi:calls.import_errors.comune_not_found']).toEqual({ value: 'Atlantide' });
    expect(bad['sedi:calls.import_errors.comune_ambiguous']).toMatchObject({ value: 'Samone', options: expect.stringContaining('Samone (TN)') });
    expect(bad['disciplina:calls.import_errors.discipline_unknown']).toBeDefined();
    expect(bad['posti:common.forms.invalid_number']).toBeDefined();
    const third = p.rows[2]!.problems.map((x) => `${x.column}:${x.key}`);
    expect(third).toEqual(expect.arrayContaining(['titolo:common.forms.required', 'link_domanda:common.forms.invalid_url']));
    expect(await countCalls()).toBe(before);
    expect(await stagedCallImports(rt.deps.db)).toBe(0);
  });

  it('refuses files it cannot take: missing or unknown columns, not UTF-8, too many rows, too big, not a spreadsheet', async () => {
    const problems = async (name: string, bytes: Uint8Array) => {
      const r = await previewImport(rt.deps, recruiter, { name, bytes });
      if (!r.ok) throw new Error('preview failed');
      expect(r.value.id).toBeNull();
      return r.value.fileProblems.map((x) => x.key);
    };
    expect(await problems('a.csv', enc('titolo,tipo,scadenze\nA,concorso_pubblico,x\n'))).toEqual([
      'import.errors.unknown_column',
      'import.errors.missing_columns',
    ]);
    expect(await problems('a.csv', Uint8Array.from([...enc('titolo;tipo;ente;profilo;posti;contratto\nInfermiere a '), 0xe8, 0x0a]))).toEqual([
      'import.errors.not_utf8',
    ]);
    const many = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => row())].join('\n');
    expect(await problems('a.csv', enc(many))).toEqual(['import.errors.too_many_rows']);
    expect(await problems('a.csv', new Uint8Array(5 * 1024 * 1024 + 1))).toEqual(['import.errors.too_big']);
    expect(await problems('a.xlsx', enc('not a zip'))).toEqual(['import.errors.unreadable']);
    expect(await problems('a.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]))).toEqual(['import.errors.unreadable']);
    expect(await problems('a.csv', enc(HEADER + '\n'))).toEqual(['import.errors.no_rows']);
  });

  it('is only for those who manage calls', async () => {
    expect(await previewImport(rt.deps, editor, { name: 'a.csv', bytes: enc(HEADER + '\n' + row()) })).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('confirmation', () => {
  it('creates every row of a comma-separated CSV as a draft in one go, and only once', async () => {
    const before = await countCalls();
    const comma = HEADER.replaceAll(';', ',');
    const line = (title: string, extra = '') =>
      `${title},avviso a tempo determinato,Azienda ospedaliera di prova,Infermiere,,1,Tempo determinato,part time,Rovereto,"Prima riga\n\nSeconda, con virgola${extra}",,2026-06-05 09:00,2026-06-30 23:59,,https://www.inpa.gov.it/y,,,`;
    const csv = '\uFEFF' + [comma, line('Infermiere per la notte'), line('Infermiere di comunità', ' =1+1')].join('\r\n') + '\r\n';
    const r = await previewImport(rt.deps, recruiter, { name: 'virgole.csv', bytes: enc(csv) });
    if (!r.ok || !r.value.id) throw new Error(`preview: ${JSON.stringify(r)}`);
    expect(r.value.rows.map((x) => x.problems)).toEqual([[], []]);
    expect(await countCalls()).toBe(before);

    const shown = await getImport(rt.deps, recruiter, r.value.id);
    expect(shown.ok && shown.value.rows.map((x) => x.title)).toEqual(['Infermiere per la notte', 'Infermiere di comunità']);
    expect((await getImport(rt.deps, { ...recruiter, id: 'someone-else' }, r.value.id)).ok).toBe(false);

    const done = await confirmImport(rt.deps, recruiter, r.value.id);
    if (!done.ok) throw new Error(JSON.stringify(done.error));
    expect(done.value.ids).toHaveLength(2);
    expect(await countCalls()).toBe(before + 2);
    const d = (await getCallDetail(rt.deps.db, done.value.ids[1]!, clock))!;
    expect(d.call).toMatchObject({
      status: 'draft',
      type: 'avviso_tempo_determinato',
      employerId: org.id,
      professionCode: 'infermiere',
      contractTerm: 'determinato',
      contractHours: 'part_time',
      descriptionMd: 'Prima riga\n\nSeconda, con virgola =1+1',
      publishAt: new Date('2026-06-05T07:00:00Z'),
      deadline: new Date('2026-06-30T21:59:00Z'),
    });
    expect(d.workplaces.map((w) => w.name)).toEqual(['Rovereto']);
    const audits = await auditFor(rt.deps.db, 'call_import', r.value.id);
    expect(audits.map((a) => a.action)).toEqual(['call.imported']);

    expect(await confirmImport(rt.deps, recruiter, r.value.id)).toEqual({ ok: false, error: { code: 'invalid_state', message: 'import.errors.already_imported' } });
    expect(await countCalls()).toBe(before + 2);
  });

  it('imports an XLSX whose cells Excel typed as numbers and dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Foglio1');
    ws.addRow(['Titolo', 'Tipo', 'Ente', 'Profilo', 'Disciplina', 'Posti', 'Contratto', 'Sedi', 'Scadenza', 'Link domanda']);
    ws.addRow(['Cardiologo', 'concorso_pubblico', 'ao-prova', 'Medico chirurgo', 3, 2, 'indeterminato', '022205', new Date(Date.UTC(2026, 6, 20, 12, 0)), 'https://www.inpa.gov.it/z']);
    ws.addRow(['Pediatra', 'concorso_pubblico', 'ao-prova', 'medico_chirurgo', 'Pediatria', 1, 'indeterminato', 'Trento|Rovereto', '2026-07-21 10:30', { text: 'https://www.inpa.gov.it/w', hyperlink: 'https://www.inpa.gov.it/w' }]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await previewImport(rt.deps, recruiter, { name: 'bandi.xlsx', bytes });
    if (!r.ok || !r.value.id) throw new Error(`preview: ${JSON.stringify(r.ok && r.value.rows)}`);
    const done = await confirmImport(rt.deps, recruiter, r.value.id);
    if (!done.ok) throw new Error(JSON.stringify(done.error));
    const [a, b] = await Promise.all(done.value.ids.map((id) => getCallDetail(rt.deps.db, id, clock)));
    expect(a!.call).toMatchObject({ title: 'Cardiologo', disciplineCode: 3, posts: 2, deadline: new Date('2026-07-20T10:00:00Z') });
    expect(a!.specialisations.length).toBeGreaterThan(0);
    expect(b!.call).toMatchObject({ disciplineCode: 24, deadline: new Date('2026-07-21T08:30:00Z'), applicationUrl: 'https://www.inpa.gov.it/w' });
  });

  it('writes nothing when a row fails at commit time, and keeps the import to retry', async () => {
    const other = await createOrg(rt.deps.db, { name: 'Ente che smetterà di assumere' });
    const csv = [HEADER, row({ titolo: 'Primo' }), row({ titolo: 'Secondo', ente: other.slug })].join('\n');
    const r = await previewImport(rt.deps, recruiter, { name: 'a.csv', bytes: enc(csv) });
    if (!r.ok || !r.value.id) throw new Error('preview');
    await changeOrg(rt.deps.db, other.id, { isEmployer: '' });
    const before = await countCalls();
    const res = await confirmImport(rt.deps, recruiter, r.value.id);
    expect(res).toEqual({ ok: false, error: { code: 'row_failed', line: 3, fields: { employerId: 'calls.errors.employer_unknown' } } });
    expect(await countCalls()).toBe(before);
    expect(await callsTitled(['Primo', 'Secondo'])).toHaveLength(0);
    const imp = await getImport(rt.deps, recruiter, r.value.id);
    expect(imp.ok && imp.value.status).toBe('pending');
  });

  it('lets nobody else confirm, and not after a day', async () => {
    // Previewed 25 hours ago (the clock the preview is given), confirmed now.
    const yesterday = new Date(clock.getTime() - 25 * 3_600_000);
    const r = await previewImport({ ...rt.deps, now: () => yesterday }, recruiter, { name: 'a.csv', bytes: enc([HEADER, row()].join('\n')) });
    if (!r.ok || !r.value.id) throw new Error('preview');
    expect(await confirmImport(rt.deps, { ...recruiter, id: 'another-user' }, r.value.id)).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await confirmImport(rt.deps, editor, r.value.id)).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await confirmImport(rt.deps, recruiter, 'not-an-id')).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await confirmImport(rt.deps, recruiter, r.value.id)).toEqual({ ok: false, error: { code: 'invalid_state', message: 'import.errors.expired' } });
  });
});

describe('templates', () => {
  it('are importable as they come, in CSV and XLSX', async () => {
    const example = await importTemplateExample(rt.deps);
    const csv = templateCsv(example);
    expect(csv.startsWith('\uFEFF"titolo";"tipo";"ente"')).toBe(true);
    const fromCsv = await previewImport(rt.deps, ADMIN_ACTOR, { name: 'modello.csv', bytes: enc(csv) });
    expect(fromCsv.ok && fromCsv.value.rows.map((x) => x.problems)).toEqual([[]]);

    const notes = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, `nota ${c}`])) as Record<(typeof IMPORT_COLUMNS)[number], string>;
    const xlsx = await templateXlsx(example, notes, ['Colonna', 'Contenuto']);
    const fromXlsx = await previewImport(rt.deps, ADMIN_ACTOR, { name: 'modello.xlsx', bytes: new Uint8Array(xlsx) });
    expect(fromXlsx.ok && fromXlsx.value.rows.map((x) => x.problems)).toEqual([[]]);
  });
});
