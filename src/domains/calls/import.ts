// Importing calls from a CSV or XLSX file: parse every cell as text, check each row as the form
// would, keep a valid file server-side for the preview, and create all its calls as drafts in one
// transaction on confirmation (a failure at that point writes nothing).
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { and, eq, lt } from 'drizzle-orm';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../platform/audit/index.ts';
import { audit } from '../../platform/audit/index.ts';
import { authorize } from '../../platform/authz/index.ts';
import { err, forbidden, notFound, ok, type DomainError, type FieldErrors, type Result } from '../../platform/result.ts';
import { fromRomeLocal } from '../../platform/i18n/format.ts';
import { callImports, CALL_TYPES, CONTRACT_HOURS, CONTRACT_TERMS } from './tables.ts';
import type { CallInputRaw } from './input.ts';
import { createCall, validateCall } from './save-call.ts';
import { employerOptions, resolveWorkplaces, splitWorkplaces, type WorkplaceProblem } from './admin-options.ts';
import { listDisciplines, listProfessions } from '../reference/queries.ts';
import './policy.ts';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;
/** A preview can be confirmed within this time. */
export const IMPORT_TTL_MS = 24 * 60 * 60 * 1000;

export const IMPORT_COLUMNS = [
  'titolo',
  'tipo',
  'ente',
  'profilo',
  'disciplina',
  'posti',
  'contratto',
  'orario',
  'sedi',
  'descrizione',
  'requisiti',
  'pubblicazione',
  'scadenza',
  'riferimento',
  'link_domanda',
  'referente',
  'email',
  'telefono',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['titolo', 'tipo', 'ente', 'profilo', 'posti', 'contratto'];

/** Which column a field of the call input comes from, to report the domain's errors by column. */
const FIELD_COLUMN: Record<string, ImportColumn> = {
  title: 'titolo',
  slug: 'titolo',
  type: 'tipo',
  employerId: 'ente',
  professionCode: 'profilo',
  disciplineCode: 'disciplina',
  specialisations: 'disciplina',
  posts: 'posti',
  contractTerm: 'contratto',
  contractHours: 'orario',
  workplaces: 'sedi',
  descriptionMd: 'descrizione',
  requirementsMd: 'requisiti',
  publishAt: 'pubblicazione',
  deadline: 'scadenza',
  officialRef: 'riferimento',
  applicationUrl: 'link_domanda',
  contactName: 'referente',
  contactEmail: 'email',
  contactPhone: 'telefono',
};

export interface ImportProblem {
  /** The column the problem is in, or `file` for the file as a whole. */
  column: ImportColumn | 'file';
  /** An i18n key. */
  key: string;
  vars?: Record<string, string | number>;
}

export interface ImportRowPreview {
  line: number;
  title: string;
  problems: ImportProblem[];
}

export interface ImportPreview {
  /** Set when every row is valid: the stored import to confirm. */
  id: string | null;
  filename: string;
  fileProblems: ImportProblem[];
  rows: ImportRowPreview[];
  validRows: number;
}

interface StoredRow {
  line: number;
  title: string;
  input: Omit<CallInputRaw, 'publishAt' | 'deadline'> & { publishAt: string | null; deadline: string | null };
}

// ---------- reading the file ----------

/** "Link domanda" and "LINK_DOMANDA" name the same column. */
const normHeader = (h: string) =>
  h
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Key used to compare codes and names typed in a cell: case, accents and punctuation ignored. */
const normWord = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

type Sheet = { header: string[]; rows: { line: number; cells: string[] }[] };

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function readCsv(bytes: Uint8Array): Sheet | ImportProblem {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { column: 'file', key: 'calls.import_errors.not_utf8' };
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = count(';') >= count(',') && count(';') > 0 ? ';' : ',';
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const data = parsed.data;
  if (!data.length) return { column: 'file', key: 'calls.import_errors.empty' };
  const [header, ...rest] = data;
  return { header: header!.map(String), rows: rest.map((cells, i) => ({ line: i + 2, cells: cells.map((c) => String(c ?? '')) })) };
}

/** A cell as the text a person sees, whatever type the spreadsheet gave it. */
function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) {
    // Spreadsheet dates carry no zone: ExcelJS gives the wall time as UTC fields.
    const p = (n: number) => String(n).padStart(2, '0');
    return `${v.getUTCFullYear()}-${p(v.getUTCMonth() + 1)}-${p(v.getUTCDate())} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('hyperlink' in v) return cellText((v as { text?: ExcelJS.CellValue }).text ?? (v as { hyperlink: string }).hyperlink);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet | ImportProblem> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return { column: 'file', key: 'calls.import_errors.unreadable' };
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount === 0) return { column: 'file', key: 'calls.import_errors.empty' };
  if (ws.rowCount > MAX_IMPORT_ROWS + 1) return { column: 'file', key: 'calls.import_errors.too_many_rows', vars: { max: MAX_IMPORT_ROWS } };
  const width = ws.columnCount;
  const cellsOf = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim());
  const header = cellsOf(ws.getRow(1));
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > 1) rows.push({ line: n, cells: cellsOf(row) });
  });
  return { header, rows };
}

// ---------- turning cells into a call input ----------

const TYPE_ALIASES: Record<string, (typeof CALL_TYPES)[number]> = {
  concorso: 'concorso_pubblico',
  'avviso tempo determinato': 'avviso_tempo_determinato',
  'avviso a tempo determinato': 'avviso_tempo_determinato',
  'incarico libero professionale': 'incarico_libero_professionale',
  'zona carente mmg pls': 'zona_carente',
  'incarico di continuita assistenziale': 'continuita_assistenziale',
  'continuita assistenziale': 'continuita_assistenziale',
  'borsa di studio': 'borsa_di_studio',
};
const TERM_ALIASES: Record<string, (typeof CONTRACT_TERMS)[number]> = {
  'tempo indeterminato': 'indeterminato',
  'tempo determinato': 'determinato',
  'libero professionale': 'libero_professionale',
  'borsa di studio': 'borsa',
};
const HOURS_ALIASES: Record<string, (typeof CONTRACT_HOURS)[number]> = {
  'tempo pieno': 'full_time',
  pieno: 'full_time',
  'tempo parziale': 'part_time',
  parziale: 'part_time',
};

function choice<T extends string>(text: string, codes: readonly T[], aliases: Record<string, T>): T | null {
  const k = normWord(text);
  return codes.find((c) => normWord(c) === k) ?? aliases[k] ?? null;
}

/** "2026-07-01 12:00" (or with a T, or with seconds) as Europe/Rome wall time. */
function readDateTime(text: string): Date | null | 'bad' {
  if (!text) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text.trim());
  if (!m) return 'bad';
  return fromRomeLocal(m[1]!, `${m[2]!.padStart(2, '0')}:${m[3]}`) ?? 'bad';
}

interface Lookups {
  employers: Map<string, string>;
  professions: Map<string, string>;
  disciplines: { code: number; key: string; professionCode: string }[];
  comuni: Map<string, { codes: string[]; problems: WorkplaceProblem[] }>;
}

async function lookups(q: DbOrTx): Promise<Lookups> {
  const [emps, profs, discs] = await Promise.all([employerOptions(q), listProfessions(q), listDisciplines(q)]);
  const employers = new Map<string, string>();
  for (const e of emps) {
    employers.set(normWord(e.name), e.id);
    employers.set(e.slug.toLowerCase(), e.id);
  }
  const professions = new Map<string, string>();
  for (const p of profs) {
    professions.set(normWord(p.name), p.code);
    professions.set(normWord(p.code), p.code);
  }
  return {
    employers,
    professions,
    disciplines: discs.map((d) => ({ code: d.code, key: normWord(d.name), professionCode: d.professionCode })),
    comuni: new Map(),
  };
}

async function rowToInput(q: DbOrTx, L: Lookups, get: (c: ImportColumn) => string): Promise<{ raw: CallInputRaw; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const bad = (column: ImportColumn, key: string, vars?: Record<string, string | number>) => problems.push({ column, key, vars });

  const typeText = get('tipo');
  const type = choice(typeText, CALL_TYPES, TYPE_ALIASES);
  if (!typeText) bad('tipo', 'common.forms.required');
  else if (!type) bad('tipo', 'calls.import_errors.unknown_value', { value: typeText.slice(0, 80) });

  const empText = get('ente');
  const employerId = L.employers.get(empText.toLowerCase()) ?? L.employers.get(normWord(empText)) ?? '';
  if (!empText) bad('ente', 'common.forms.required');
  else if (!employerId) bad('ente', 'calls.import_errors.employer_unknown', { value: empText.slice(0, 80) });

  const profText = get('profilo');
  const professionCode = L.professions.get(normWord(profText)) ?? '';
  if (!profText) bad('profilo', 'common.forms.required');
  else if (!professionCode) bad('profilo', 'calls.import_errors.unknown_value', { value: profText.slice(0, 80) });

  const discText = get('disciplina');
  let disciplineCode: number | null = null;
  if (discText) {
    const pool = professionCode ? L.disciplines.filter((d) => d.professionCode === professionCode) : L.disciplines;
    const hit = /^\d{1,6}$/.test(discText) ? pool.find((d) => d.code === Number(discText)) : pool.find((d) => d.key === normWord(discText));
    if (hit) disciplineCode = hit.code;
    else bad('disciplina', 'calls.import_errors.discipline_unknown', { value: discText.slice(0, 80) });
  }

  const postsText = get('posti');
  let posts: number = NaN;
  if (!postsText) bad('posti', 'common.forms.required');
  else if (/^\d{1,5}(?:[.,]0+)?$/.test(postsText)) posts = parseInt(postsText, 10);
  else bad('posti', 'common.forms.invalid_number');

  const termText = get('contratto');
  const contractTerm = choice(termText, CONTRACT_TERMS, TERM_ALIASES);
  if (!termText) bad('contratto', 'common.forms.required');
  else if (!contractTerm) bad('contratto', 'calls.import_errors.unknown_value', { value: termText.slice(0, 80) });

  const hoursText = get('orario');
  const contractHours = hoursText ? choice(hoursText, CONTRACT_HOURS, HOURS_ALIASES) : 'full_time';
  if (!contractHours) bad('orario', 'calls.import_errors.unknown_value', { value: hoursText.slice(0, 80) });

  const sediText = get('sedi');
  let workplaces: string[] = [];
  if (sediText) {
    let resolved = L.comuni.get(sediText);
    if (!resolved) {
      const r = await resolveWorkplaces(q, splitWorkplaces(sediText, '|'));
      resolved = { codes: r.codes, problems: r.problems };
      if (L.comuni.size < 5000) L.comuni.set(sediText, resolved);
    }
    workplaces = resolved.codes;
    for (const p of resolved.problems) {
      if (p.problem === 'ambiguous') bad('sedi', 'calls.import_errors.comune_ambiguous', { value: p.text, options: p.candidates.join(', ') });
      else bad('sedi', 'calls.import_errors.comune_not_found', { value: p.text });
    }
  }

  const dates: Record<'pubblicazione' | 'scadenza', Date | null> = { pubblicazione: null, scadenza: null };
  for (const col of ['pubblicazione', 'scadenza'] as const) {
    const d = readDateTime(get(col));
    if (d === 'bad') bad(col, 'calls.import_errors.datetime_format', { value: get(col).slice(0, 40) });
    else dates[col] = d;
  }

  const raw: CallInputRaw = {
    title: get('titolo'),
    type: (type ?? typeText) as CallInputRaw['type'],
    employerId,
    professionCode: professionCode || profText,
    disciplineCode,
    posts,
    contractTerm: (contractTerm ?? termText) as CallInputRaw['contractTerm'],
    contractHours: (contractHours ?? hoursText) as CallInputRaw['contractHours'],
    workplaces,
    specialisations: null,
    descriptionMd: get('descrizione'),
    requirementsMd: get('requisiti'),
    publishAt: dates.pubblicazione,
    deadline: dates.scadenza,
    officialRef: get('riferimento'),
    applicationUrl: get('link_domanda'),
    contactName: get('referente'),
    contactEmail: get('email'),
    contactPhone: get('telefono'),
  };
  return { raw, problems };
}

function domainProblems(fields: FieldErrors, already: ImportProblem[]): ImportProblem[] {
  const seen = new Set(already.map((p) => p.column));
  const out: ImportProblem[] = [];
  for (const [field, key] of Object.entries(fields)) {
    const column = FIELD_COLUMN[field] ?? 'titolo';
    if (seen.has(column)) continue;
    seen.add(column);
    out.push({ column, key });
  }
  return out;
}

// ---------- the operations ----------

/**
 * Reads an uploaded file and checks every row. When all rows are valid the parsed rows are stored
 * and the preview carries the id to confirm; otherwise nothing is stored.
 */
export async function previewImport(
  deps: DomainDeps,
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
): Promise<Result<ImportPreview>> {
  if (!authorize(actor, 'calls.import')) return forbidden();
  const filename = (file.name.split(/[\\/]/).pop() ?? '').slice(0, 200) || 'import';
  const preview = (fileProblems: ImportProblem[], rows: ImportRowPreview[] = []): Result<ImportPreview> =>
    ok({ id: null, filename, fileProblems, rows, validRows: rows.filter((r) => !r.problems.length).length });

  if (!file.bytes.length) return preview([{ column: 'file', key: 'calls.import_errors.empty' }]);
  if (file.bytes.length > MAX_IMPORT_BYTES) return preview([{ column: 'file', key: 'calls.import_errors.too_big', vars: { mb: MAX_IMPORT_BYTES / 1024 / 1024 } }]);
  const sheet = isZip(file.bytes) ? await readXlsx(file.bytes) : /\.xlsx$/i.test(filename) ? ({ column: 'file', key: 'calls.import_errors.unreadable' } as ImportProblem) : readCsv(file.bytes);
  if ('key' in sheet) return preview([sheet]);

  const header = sheet.header.map(normHeader);
  const problems: ImportProblem[] = [];
  const index = new Map<ImportColumn, number>();
  header.forEach((h, i) => {
    if (!h) return;
    if (!(IMPORT_COLUMNS as readonly string[]).includes(h)) problems.push({ column: 'file', key: 'calls.import_errors.unknown_column', vars: { column: h.slice(0, 60) } });
    else if (index.has(h as ImportColumn)) problems.push({ column: 'file', key: 'calls.import_errors.duplicate_column', vars: { column: h } });
    else index.set(h as ImportColumn, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) problems.push({ column: 'file', key: 'calls.import_errors.missing_columns', vars: { columns: missing.join(', ') } });
  const dataRows = sheet.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (dataRows.length > MAX_IMPORT_ROWS) problems.push({ column: 'file', key: 'calls.import_errors.too_many_rows', vars: { max: MAX_IMPORT_ROWS } });
  if (!dataRows.length && !problems.length) problems.push({ column: 'file', key: 'calls.import_errors.no_rows' });
  if (problems.length) return preview(problems);

  const L = await lookups(deps.db);
  const rows: ImportRowPreview[] = [];
  const stored: StoredRow[] = [];
  for (const r of dataRows) {
    const get = (c: ImportColumn) => {
      const i = index.get(c);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const { raw, problems: rowProblems } = await rowToInput(deps.db, L, get);
    const v = await validateCall(deps.db, raw);
    if (!v.ok && v.error.code === 'invalid') rowProblems.push(...domainProblems(v.error.fields, rowProblems));
    const title = get('titolo').slice(0, 300);
    rows.push({ line: r.line, title, problems: rowProblems });
    if (!rowProblems.length) {
      stored.push({
        line: r.line,
        title,
        input: { ...raw, publishAt: raw.publishAt ? raw.publishAt.toISOString() : null, deadline: raw.deadline ? raw.deadline.toISOString() : null },
      });
    }
  }
  const allValid = rows.every((r) => !r.problems.length);
  let id: string | null = null;
  if (allValid) {
    const now = deps.now();
    // Old previews are of no use: dropping them here keeps the table small without a job.
    await deps.db.delete(callImports).where(lt(callImports.createdAt, new Date(now.getTime() - IMPORT_TTL_MS)));
    const [row] = await deps.db
      .insert(callImports)
      .values({ createdBy: actor.id, createdAt: now, filename, status: 'pending', rowCount: stored.length, rows: stored })
      .returning({ id: callImports.id });
    id = row!.id;
  }
  return ok({ id, filename, fileProblems: [], rows, validRows: stored.length });
}

export interface StoredImport {
  id: string;
  filename: string;
  status: 'pending' | 'done';
  createdAt: Date;
  rows: { line: number; title: string }[];
}

/** A stored import of this actor, to show its preview again before confirming. */
export async function getImport(deps: DomainDeps, actor: Actor, id: string): Promise<Result<StoredImport>> {
  if (!authorize(actor, 'calls.import')) return forbidden();
  if (!/^[0-9a-f-]{36}$/i.test(id)) return notFound();
  const [imp] = await deps.db.select().from(callImports).where(eq(callImports.id, id));
  if (!imp || imp.createdBy !== actor.id) return notFound();
  const rows = (imp.rows as StoredRow[]).map((r) => ({ line: r.line, title: r.title }));
  return ok({ id: imp.id, filename: imp.filename, status: imp.status === 'done' ? 'done' : 'pending', createdAt: imp.createdAt, rows });
}

export type ConfirmImportError = DomainError | { code: 'row_failed'; line: number; fields: FieldErrors };

class RowFailed extends Error {
  constructor(
    readonly line: number,
    readonly fields: FieldErrors,
  ) {
    super(`import row ${line} failed`);
  }
}

/** Creates every call of a stored import as a draft, all in one transaction, or none. */
export async function confirmImport(deps: DomainDeps, actor: Actor, id: string): Promise<Result<{ ids: string[] }, ConfirmImportError>> {
  if (!authorize(actor, 'calls.import')) return forbidden();
  if (!/^[0-9a-f-]{36}$/i.test(id)) return notFound();
  try {
    return await deps.db.transaction(async (tx): Promise<Result<{ ids: string[] }, ConfirmImportError>> => {
      const [imp] = await tx.select().from(callImports).where(eq(callImports.id, id)).for('update');
      if (!imp || imp.createdBy !== actor.id) return notFound();
      if (imp.status !== 'pending') return err({ code: 'invalid_state', message: 'calls.import_errors.already_imported' });
      const now = deps.now();
      if (imp.createdAt.getTime() < now.getTime() - IMPORT_TTL_MS) return err({ code: 'invalid_state', message: 'calls.import_errors.expired' });
      const ids: string[] = [];
      for (const row of imp.rows as StoredRow[]) {
        const raw: CallInputRaw = {
          ...row.input,
          publishAt: row.input.publishAt ? new Date(row.input.publishAt) : null,
          deadline: row.input.deadline ? new Date(row.input.deadline) : null,
        };
        const r = await createCall(deps, actor, raw, { tx });
        if (!r.ok) throw new RowFailed(row.line, r.error.code === 'invalid' ? r.error.fields : { _form: 'calls.import_errors.row_refused' });
        ids.push(r.value.id);
      }
      const [done] = await tx
        .update(callImports)
        .set({ status: 'done', importedAt: now })
        .where(and(eq(callImports.id, id), eq(callImports.status, 'pending')))
        .returning({ id: callImports.id });
      if (!done) throw new RowFailed(0, { _form: 'calls.import_errors.already_imported' });
      await audit(tx, actor, {
        action: 'call.imported',
        entityType: 'call_import',
        entityId: id,
        summary: `${ids.length} × ${imp.filename}`,
        changes: { calls: ids },
      });
      return ok({ ids });
    });
  } catch (e) {
    if (e instanceof RowFailed) return err({ code: 'row_failed', line: e.line, fields: e.fields });
    throw e;
  }
}

// ---------- the template ----------

/** One example row for the template, built from the installation's own reference data. */
export async function importTemplateExample(deps: Pick<DomainDeps, 'db' | 'now'>): Promise<Record<ImportColumn, string>> {
  const [employer] = await employerOptions(deps.db);
  const deadline = new Date(deps.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    titolo: 'Dirigente medico di Medicina interna',
    tipo: 'concorso_pubblico',
    ente: employer?.slug ?? '',
    profilo: 'medico_chirurgo',
    disciplina: '15',
    posti: '2',
    contratto: 'indeterminato',
    orario: 'full_time',
    sedi: '022205|Rovereto',
    descrizione: 'Il reparto di **Medicina interna** cerca dirigenti medici.',
    requisiti: '- Laurea in medicina e chirurgia\n- Specializzazione nella disciplina o equipollente/affine',
    pubblicazione: '',
    scadenza: `${deadline} 12:00`,
    riferimento: 'BUR n. 12 del 2026',
    link_domanda: 'https://www.inpa.gov.it/',
    referente: 'Ufficio concorsi',
    email: 'concorsi@example.it',
    telefono: '0461 123456',
  };
}

/** The template as CSV: `;`-separated (what Excel expects in Italy), UTF-8 with a BOM. */
export function templateCsv(example: Record<ImportColumn, string>): string {
  const body = Papa.unparse({ fields: [...IMPORT_COLUMNS], data: [IMPORT_COLUMNS.map((c) => example[c])] }, { delimiter: ';', newline: '\r\n', quotes: true });
  return '\uFEFF' + body + '\r\n';
}

/** The template as XLSX: the columns as text cells, and a second sheet describing each column. */
export async function templateXlsx(example: Record<ImportColumn, string>, notes: Record<ImportColumn, string>, notesTitle: [string, string]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('bandi');
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c, key: c, width: Math.max(12, c.length + 4), style: { numFmt: '@' } }));
  ws.addRow(IMPORT_COLUMNS.map((c) => example[c]));
  ws.getRow(1).font = { bold: true };
  const doc = wb.addWorksheet('colonne');
  doc.columns = [
    { header: notesTitle[0], key: 'c', width: 18 },
    { header: notesTitle[1], key: 'd', width: 100 },
  ];
  doc.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) doc.addRow([c, notes[c]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
