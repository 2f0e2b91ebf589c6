// The shared import pipeline: reading CSV (BOM, `;`, quoted lines) and XLSX into rows with line
// numbers, refusing files it cannot take with translated messages, the templates reading back, and
// the staged confirmation (owner only, once, within a day, all rows or none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import type { Actor } from '../authz/index.ts';
import { hasKey, t } from '../i18n/index.ts';
import { err, ok } from '../result.ts';
import { confirmStaged, getStaged, importBatches, purgeImports, readImportFile, stageRows, templateCsv, templateXlsx, type ReadOptions } from './index.ts';

const COLUMNS = ['code', 'name', 'score'] as const;
type Col = (typeof COLUMNS)[number];
const opts: ReadOptions<Col> = { columns: COLUMNS, required: ['code', 'name'], aliases: { nome: 'name', punteggio: 'score' }, maxBytes: 1024 * 1024, maxRows: 3 };
const enc = (s: string) => new TextEncoder().encode(s);
const read = (name: string, bytes: Uint8Array, o: Partial<ReadOptions<Col>> = {}) => readImportFile({ name, bytes }, { ...opts, ...o });
const rowsOf = async (name: string, bytes: Uint8Array, o: Partial<ReadOptions<Col>> = {}) => {
  const r = await read(name, bytes, o);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.rows.map((x) => [x.line, ...COLUMNS.map((c) => x.get(c))]);
};
const problems = async (name: string, bytes: Uint8Array, o: Partial<ReadOptions<Col>> = {}) => {
  const r = await read(name, bytes, o);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.problems;
};
const xlsx = async (rows: unknown[][], sheets = 1) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('uno');
  for (const r of rows) ws.addRow(r);
  if (sheets > 1) wb.addWorksheet('due').addRow(['altro']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
};

describe('reading a file', () => {
  it('reads a CSV with a BOM, semicolons, Italian headings, quoted line breaks and empty lines', async () => {
    const csv = '\uFEFFCode;Nome;PUNTEGGIO\r\nA1;"Rossi; Anna";88,5\r\n\r\n;;\r\nB2;"Verdi\nBruno";\r\n';
    expect(await rowsOf('a.csv', enc(csv))).toEqual([
      [2, 'A1', 'Rossi; Anna', '88,5'],
      [5, 'B2', 'Verdi\nBruno', ''],
    ]);
  });

  it('reads a comma-separated CSV with columns in any order, trimming cells', async () => {
    expect(await rowsOf('a.csv', enc('name,code\n  Anna , A1\n'))).toEqual([[2, 'A1', 'Anna', '']]);
  });

  it('reads the first sheet of an XLSX, numbers and dates as text, with the sheet line numbers', async () => {
    const bytes = await xlsx([['code', 'name', 'score'], [1, { richText: [{ text: 'Ann' }, { text: 'a' }] }, 88.5], [], [new Date(Date.UTC(2026, 6, 2, 18, 0)), 'Bruno', { formula: '1+1', result: 2 }]], 2);
    expect(await rowsOf('a.xlsx', bytes)).toEqual([
      [2, '1', 'Anna', '88.5'],
      [4, '2026-07-02 18:00', 'Bruno', '2'],
    ]);
  });

  it('refuses an empty file, one with only its header, and one over the row or size limit', async () => {
    expect((await problems('a.csv', new Uint8Array())).map((p) => p.key)).toEqual(['import.errors.empty']);
    expect((await problems('a.csv', enc('\uFEFF\n\n'))).map((p) => p.key)).toEqual(['import.errors.empty']);
    expect((await problems('a.csv', enc('code;name\n\n'))).map((p) => p.key)).toEqual(['import.errors.no_rows']);
    const four = 'code;name\n' + ['a;1', 'b;2', 'c;3', 'd;4'].join('\n');
    expect(await problems('a.csv', enc(four))).toEqual([{ column: 'file', key: 'import.errors.too_many_rows', vars: { max: 3 } }]);
    expect((await problems('a.xlsx', await xlsx([['code', 'name'], ['a', 1], ['b', 2], ['c', 3], ['d', 4]]))).map((p) => p.key)).toEqual(['import.errors.too_many_rows']);
    expect(await problems('a.csv', enc(four), { maxBytes: 10 })).toEqual([{ column: 'file', key: 'import.errors.too_big', vars: { mb: 0 } }]);
  });

  it('refuses what is not UTF-8 text or a readable spreadsheet', async () => {
    expect((await problems('a.csv', Uint8Array.from([...enc('code;name\nA;Citt'), 0xe0, 0x0a]))).map((p) => p.key)).toEqual(['import.errors.not_utf8']);
    expect((await problems('a.xlsx', enc('code;name\nA;B\n'))).map((p) => p.key)).toEqual(['import.errors.unreadable']);
    expect((await problems('a.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]))).map((p) => p.key)).toEqual(['import.errors.unreadable']);
  });

  it('says clearly, in both languages, which headings are wrong', async () => {
    const found = await problems('a.csv', enc('codice;nome;score;score\nA;B;1;2\n'));
    expect(found.map((p) => p.key)).toEqual(['import.errors.unknown_column', 'import.errors.duplicate_column', 'import.errors.missing_columns']);
    const missing = found[2]!;
    expect(missing.vars).toEqual({ columns: 'code', expected: 'code, name, score' });
    expect(t('it', missing.key, missing.vars)).toBe(
      'Mancano le colonne obbligatorie: code. La prima riga deve contenere i nomi delle colonne del modello: code, name, score.',
    );
    expect(t('it', found[0]!.key, found[0]!.vars)).toBe('La colonna «codice» non è prevista: controlla il nome o toglila (vedi il modello).');
    for (const p of found) expect(hasKey('en', p.key)).toBe(true);
    expect(t('en', missing.key, missing.vars)).toContain('Required columns are missing: code.');
    // An import that ignores columns of its own still needs its required ones.
    expect((await problems('a.csv', enc('codice;nome\nA;B\n'), { extraColumns: 'ignore' })).map((p) => p.key)).toEqual(['import.errors.missing_columns']);
    expect(await rowsOf('a.csv', enc('code;nome;note\nA;B;whatever\n'), { extraColumns: 'ignore' })).toEqual([[2, 'A', 'B', '']]);
  });
});

describe('templates', () => {
  const example = { code: '022205', name: 'Anna', score: '=1+1' };
  it('write a `;` CSV with a BOM that reads back as it is', async () => {
    const csv = templateCsv({ columns: COLUMNS, example });
    expect(csv.startsWith('\uFEFF"code";"name";"score"\r\n')).toBe(true);
    expect(await rowsOf('modello.csv', enc(csv))).toEqual([[2, '022205', 'Anna', '=1+1']]);
  });
  it('write an XLSX with text cells and a sheet describing the columns', async () => {
    const buf = await templateXlsx({ columns: COLUMNS, example, sheet: 'dati', notesSheet: 'colonne', notes: { code: 'Il codice', name: 'Il nome', score: 'Il punteggio' }, notesTitle: ['Colonna', 'Contenuto'] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['dati', 'colonne']);
    expect(wb.worksheets[1]!.getRow(2).values).toEqual([undefined, 'code', 'Il codice']);
    expect(await rowsOf('modello.xlsx', new Uint8Array(buf))).toEqual([[2, '022205', 'Anna', '=1+1']]);
  });
});

describe('staging and confirming', () => {
  let rt: TestRuntime;
  let clock = new Date('2026-06-01T08:00:00Z');
  beforeAll(async () => {
    rt = await testRuntime({ now: () => clock });
  });
  afterAll(() => rt.close());
  const anna: Actor = { id: 'user-anna', label: 'anna@example.test', role: 'recruiter', memberships: [] };
  const bruno: Actor = { id: 'user-bruno', label: 'bruno@example.test', role: 'recruiter', memberships: [] };
  const count = async () => (await rt.deps.db.select().from(importBatches)).length;

  it('shows a batch only to its author, for its kind and target', async () => {
    const id = await stageRows(rt.deps, anna, { kind: 'test', scopeId: 'list-1', filename: 'a.csv', rows: [{ n: 1 }] });
    expect(await getStaged(rt.deps, anna, 'test', id, 'list-1')).toMatchObject({ id, filename: 'a.csv', status: 'pending', rows: [{ n: 1 }] });
    expect(await getStaged(rt.deps, bruno, 'test', id, 'list-1')).toBeNull();
    expect(await getStaged(rt.deps, anna, 'other', id, 'list-1')).toBeNull();
    expect(await getStaged(rt.deps, anna, 'test', id, 'list-2')).toBeNull();
    expect(await getStaged(rt.deps, anna, 'test', 'not-a-uuid')).toBeNull();
  });

  it('applies a batch once, rolls everything back when a row fails and keeps it to retry', async () => {
    const id = await stageRows(rt.deps, anna, { kind: 'test', filename: 'a.csv', rows: [1, 2, 3] });
    const seen: number[] = [];
    const failing = await confirmStaged<number, number, { code: 'row_failed'; line: number }>(rt.deps, anna, { kind: 'test', id }, async (tx, batch) => {
      // A write that must not survive the failure.
      await tx.update(importBatches).set({ filename: 'changed.csv' }).where(eq(importBatches.id, id));
      seen.push(...batch.rows);
      return err({ code: 'row_failed', line: 3 });
    });
    expect(failing).toEqual({ ok: false, error: { code: 'row_failed', line: 3 } });
    expect(await getStaged(rt.deps, anna, 'test', id)).toMatchObject({ status: 'pending', filename: 'a.csv' });
    expect(await confirmStaged(rt.deps, bruno, { kind: 'test', id }, async () => ok(0))).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await confirmStaged(rt.deps, anna, { kind: 'test', id }, async (_tx, b) => ok(b.rows.length))).toEqual({ ok: true, value: 3 });
    expect(await confirmStaged(rt.deps, anna, { kind: 'test', id }, async (_tx, b) => ok(b.rows.length))).toEqual({ ok: false, error: { code: 'invalid_state', message: 'import.errors.already_imported' } });
    expect(seen).toEqual([1, 2, 3]);
    // The applied rows are not kept twice: the batch keeps its name and count only.
    const [done] = await rt.deps.db.select().from(importBatches).where(eq(importBatches.id, id));
    expect(done).toMatchObject({ status: 'done', rowCount: 3, rows: [] });
  });

  it('lets a batch expire after a day, and drops old batches when staging new ones', async () => {
    const id = await stageRows(rt.deps, anna, { kind: 'test', filename: 'a.csv', rows: [1] });
    clock = new Date(clock.getTime() + 25 * 3_600_000);
    expect(await confirmStaged(rt.deps, anna, { kind: 'test', id }, async () => ok(1))).toEqual({ ok: false, error: { code: 'invalid_state', message: 'import.errors.expired' } });
    expect(await count()).toBeGreaterThan(1);
    await stageRows(rt.deps, anna, { kind: 'test', filename: 'b.csv', rows: [1] });
    expect(await count()).toBe(1);
  });

  it('purges expired batches on its own (the hourly job), without anyone importing', async () => {
    await stageRows(rt.deps, bruno, { kind: 'test', filename: 'personal.csv', rows: [{ email: 'someone@example.test' }] });
    expect(await purgeImports(rt.deps)).toBe(0);
    clock = new Date(clock.getTime() + 25 * 3_600_000);
    expect(await purgeImports(rt.deps)).toBe(2);
    expect(await count()).toBe(0);
  });
});
