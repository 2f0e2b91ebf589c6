// Importing a ranked list from CSV or XLSX: every row checked with errors by line; a valid file's
// rows travel to the confirmation signed (HMAC), and confirming inserts all of them or none.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit, type Actor } from '../../platform/audit/index.ts';
import { authorize } from '../../platform/authz/index.ts';
import { safeEqual, sign } from '../../platform/http/signing.ts';
import { err, forbidden, notFound, ok, type DomainError, type Result } from '../../platform/result.ts';
import { checkCandidate, insertCandidates, loadList, type CandidateInput } from './lists.ts';
import { rankedCandidates } from './tables.ts';
import './policy.ts';

export const CANDIDATE_COLUMNS = ['rank', 'name', 'email', 'pec', 'phone', 'score', 'preference', 'reserve', 'language'] as const;
export type CandidateColumn = (typeof CANDIDATE_COLUMNS)[number];
export const MAX_CANDIDATE_BYTES = 5 * 1024 * 1024;
export const MAX_CANDIDATE_ROWS = 5000;

/** Italian headings name the same columns. */
const ALIASES: Record<string, CandidateColumn> = {
  posizione: 'rank',
  nome: 'name',
  nominativo: 'name',
  telefono: 'phone',
  punteggio: 'score',
  preferenza: 'preference',
  riserva: 'reserve',
  lingua: 'language',
};

export interface RowProblem {
  column: CandidateColumn | 'file';
  key: string;
  vars?: Record<string, string | number>;
}
export interface PreviewRow {
  line: number;
  rank: string;
  name: string;
  problems: RowProblem[];
}
export interface CandidatePreview {
  filename: string;
  fileProblems: RowProblem[];
  rows: PreviewRow[];
  /** Set when every row is valid: the rows to confirm and their signature. */
  payload: string | null;
  signature: string | null;
}

const normHeader = (h: string) =>
  h
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

type Sheet = { header: string[]; rows: { line: number; cells: string[] }[] };

function readCsv(bytes: Uint8Array): Sheet | RowProblem {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { column: 'file', key: 'rankings.import_errors.not_utf8' };
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length && firstLine.includes(';') ? ';' : ',';
  const data = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data;
  if (!data.length) return { column: 'file', key: 'rankings.import_errors.empty' };
  const [header, ...rest] = data;
  return { header: header!.map(String), rows: rest.map((cells, i) => ({ line: i + 2, cells: cells.map((c) => String(c ?? '')) })) };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text);
    return '';
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet | RowProblem> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return { column: 'file', key: 'rankings.import_errors.unreadable' };
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount === 0) return { column: 'file', key: 'rankings.import_errors.empty' };
  const width = ws.columnCount;
  const cellsOf = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim());
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > 1) rows.push({ line: n, cells: cellsOf(row) });
  });
  return { header: cellsOf(ws.getRow(1)), rows };
}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const signed = (secret: string, listId: string, payload: string) => sign(secret, `ranking-import:${listId}:${payload}`);

/** Reads a file and checks every row; nothing is written. */
export async function previewCandidates(deps: DomainDeps, actor: Actor, listId: string, file: { name: string; bytes: Uint8Array }): Promise<Result<CandidatePreview>> {
  if (!authorize(actor, 'rankings.manage')) return forbidden();
  const list = await loadList(deps.db, listId);
  if (!list) return notFound();
  const filename = (file.name.split(/[\\/]/).pop() ?? '').slice(0, 200) || 'import';
  const fail = (p: RowProblem, rows: PreviewRow[] = []) => ok<CandidatePreview>({ filename, fileProblems: [p], rows, payload: null, signature: null });
  if (!file.bytes.length) return fail({ column: 'file', key: 'rankings.import_errors.empty' });
  if (file.bytes.length > MAX_CANDIDATE_BYTES) return fail({ column: 'file', key: 'rankings.import_errors.too_big', vars: { mb: MAX_CANDIDATE_BYTES / 1024 / 1024 } });
  const sheet = isZip(file.bytes) ? await readXlsx(file.bytes) : readCsv(file.bytes);
  if ('key' in sheet) return fail(sheet);
  const header = sheet.header.map(normHeader).map((h) => ALIASES[h] ?? h);
  for (const req of ['rank', 'name'] as const) if (!header.includes(req)) return fail({ column: 'file', key: 'rankings.import_errors.missing_column', vars: { column: req } });
  const dataRows = sheet.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!dataRows.length) return fail({ column: 'file', key: 'rankings.import_errors.empty' });
  if (dataRows.length > MAX_CANDIDATE_ROWS) return fail({ column: 'file', key: 'rankings.import_errors.too_many_rows', vars: { max: MAX_CANDIDATE_ROWS } });

  const existing = new Set((await getRanks(deps, listId)).map(String));
  const seen = new Map<string, number>();
  const rows: PreviewRow[] = [];
  const valid: CandidateInput[] = [];
  for (const r of dataRows) {
    const raw: Record<string, string> = {};
    header.forEach((h, i) => {
      if ((CANDIDATE_COLUMNS as readonly string[]).includes(h)) raw[h] = (r.cells[i] ?? '').trim();
    });
    const checked = checkCandidate(raw);
    const problems: RowProblem[] = Object.entries(checked.problems).map(([column, key]) => ({ column: column as CandidateColumn, key }));
    const rank = raw.rank ?? '';
    if (checked.value) {
      const k = String(checked.value.rank);
      if (seen.has(k)) problems.push({ column: 'rank', key: 'rankings.import_errors.duplicate_rank', vars: { line: seen.get(k)! } });
      else if (existing.has(k)) problems.push({ column: 'rank', key: 'rankings.errors.rank_taken' });
      seen.set(k, r.line);
      if (!problems.length) valid.push(checked.value);
    }
    rows.push({ line: r.line, rank, name: (raw.name ?? '').slice(0, 200), problems });
  }
  const allOk = rows.every((r) => !r.problems.length);
  const payload = allOk ? JSON.stringify(valid) : null;
  return ok({ filename, fileProblems: [], rows, payload, signature: payload ? signed(deps.links.secret, listId, payload) : null });
}

async function getRanks(deps: DomainDeps, listId: string): Promise<number[]> {
  return (await deps.db.select({ rank: rankedCandidates.rank }).from(rankedCandidates).where(eq(rankedCandidates.listId, listId))).map((r) => r.rank);
}

/** Inserts the previewed rows, all in one transaction, or none. */
export async function confirmCandidates(
  deps: DomainDeps,
  actor: Actor,
  listId: string,
  payload: string,
  signature: string,
): Promise<Result<{ count: number }, DomainError | { code: 'rank_taken'; rank: number }>> {
  if (!authorize(actor, 'rankings.manage')) return forbidden();
  if (!payload || !signature || !safeEqual(signed(deps.links.secret, listId, payload), signature)) return err({ code: 'invalid_state', message: 'rankings.import_errors.tampered' });
  let rows: CandidateInput[];
  try {
    rows = JSON.parse(payload) as CandidateInput[];
  } catch {
    return err({ code: 'invalid_state', message: 'rankings.import_errors.tampered' });
  }
  return deps.db.transaction(async (tx) => {
    const list = await loadList(tx, listId);
    if (!list) return notFound();
    const r = await insertCandidates(tx, list, rows, deps.now());
    if (!r.ok) return r;
    await audit(tx, actor, { action: 'ranked_list.imported', entityType: 'ranked_list', entityId: listId, summary: `${r.value}` });
    return ok({ count: r.value });
  });
}
