// Reading an uploaded CSV or XLSX file into rows of text with their line numbers: size and row
// limits, encoding and BOM, delimiter, header names with aliases, empty lines; problems of the file
// as a whole come back as i18n keys of the `import` namespace, never as exceptions.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export interface ImportProblem<C extends string = string> {
  /** The column the problem is in, or `file` for the file as a whole. */
  column: C | 'file';
  /** An i18n key. */
  key: string;
  vars?: Record<string, string | number>;
}

export interface ReadOptions<C extends string> {
  /** The columns the import knows, as written in the template. */
  columns: readonly C[];
  required: readonly C[];
  /** Other names of a column (normalised: lower case, no accents, `_` for spaces). */
  aliases?: Readonly<Record<string, C>>;
  /** A column the import does not know: refuse the file (default) or ignore the column. */
  extraColumns?: 'refuse' | 'ignore';
  maxBytes: number;
  maxRows: number;
}

export interface ReadRow<C extends string> {
  /** The row's number as a spreadsheet shows it (the header is line 1). */
  line: number;
  /** A cell's trimmed text; '' for a column the file does not have. */
  get: (column: C) => string;
}

export type ReadResult<C extends string> = { ok: true; filename: string; rows: ReadRow<C>[] } | { ok: false; filename: string; problems: ImportProblem<C>[] };

/** "Link domanda", "LINK-DOMANDA" and "link_domanda" name the same column. */
export const normHeader = (h: string) =>
  h
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The name of an uploaded file without any path a browser may add. */
export const uploadName = (name: string) => (name.split(/[\\/]/).pop() ?? '').slice(0, 200) || 'import';

type Sheet = { header: string[]; rows: { line: number; cells: string[] }[] };
const fileProblem = (key: string, vars?: Record<string, string | number>): ImportProblem<never> => ({ column: 'file', key, vars });
const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function readCsv(bytes: Uint8Array): Sheet | ImportProblem<never> {
  let text: string;
  try {
    // The decoder drops a UTF-8 BOM (Excel's "CSV UTF-8" writes one).
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileProblem('import.errors.not_utf8');
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  // Excel in Italy writes `;`; other tools write `,`.
  const delimiter = count(';') >= count(',') && count(';') > 0 ? ';' : ',';
  const data = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data;
  if (data.every((cells) => cells.every((c) => !String(c ?? '').trim()))) return fileProblem('import.errors.empty');
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
    return '';
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<Sheet | ImportProblem<never>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return fileProblem('import.errors.unreadable');
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount === 0) return fileProblem('import.errors.empty');
  // Checked before reading the cells: a huge sheet is refused without walking it.
  if (ws.rowCount > maxRows + 1) return fileProblem('import.errors.too_many_rows', { max: maxRows });
  const width = ws.columnCount;
  const cellsOf = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim());
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > 1) rows.push({ line: n, cells: cellsOf(row) });
  });
  return { header: cellsOf(ws.getRow(1)), rows };
}

/** Reads a CSV (UTF-8, `;` or `,`) or XLSX file (its first sheet) into rows; empty lines are skipped. */
export async function readImportFile<C extends string>(file: { name: string; bytes: Uint8Array }, opts: ReadOptions<C>): Promise<ReadResult<C>> {
  const filename = uploadName(file.name);
  const fail = (...problems: ImportProblem<C>[]): ReadResult<C> => ({ ok: false, filename, problems });
  if (!file.bytes.length) return fail(fileProblem('import.errors.empty'));
  if (file.bytes.length > opts.maxBytes) return fail(fileProblem('import.errors.too_big', { mb: Math.round((opts.maxBytes / 1024 / 1024) * 10) / 10 }));
  const sheet = isZip(file.bytes) ? await readXlsx(file.bytes, opts.maxRows) : /\.xlsx$/i.test(filename) ? fileProblem('import.errors.unreadable') : readCsv(file.bytes);
  if ('key' in sheet) return fail(sheet);

  const known = new Set<string>(opts.columns);
  const problems: ImportProblem<C>[] = [];
  const index = new Map<C, number>();
  sheet.header.forEach((raw, i) => {
    const n = normHeader(raw);
    if (!n) return;
    const h = opts.aliases?.[n] ?? n;
    if (!known.has(h)) {
      if (opts.extraColumns !== 'ignore') problems.push(fileProblem('import.errors.unknown_column', { column: raw.trim().slice(0, 60) }));
    } else if (index.has(h as C)) problems.push(fileProblem('import.errors.duplicate_column', { column: h }));
    else index.set(h as C, i);
  });
  const missing = opts.required.filter((c) => !index.has(c));
  if (missing.length) problems.push(fileProblem('import.errors.missing_columns', { columns: missing.join(', '), expected: opts.columns.join(', ') }));
  const dataRows = sheet.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (dataRows.length > opts.maxRows) problems.push(fileProblem('import.errors.too_many_rows', { max: opts.maxRows }));
  if (!dataRows.length && !problems.length) problems.push(fileProblem('import.errors.no_rows'));
  if (problems.length) return fail(...problems);

  return {
    ok: true,
    filename,
    rows: dataRows.map((r) => ({
      line: r.line,
      get: (c: C) => {
        const i = index.get(c);
        return i === undefined ? '' : (r.cells[i] ?? '').trim();
      },
    })),
  };
}
