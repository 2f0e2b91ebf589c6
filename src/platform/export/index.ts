// Spreadsheet exports (CSV and XLSX) of rows that may hold text typed by the public: every text cell
// that a spreadsheet would read as a formula is neutralised (OWASP "CSV injection").
import ExcelJS from 'exceljs';
import { romeParts } from '../i18n/format.ts';

export type CellValue = string | number | Date | null | undefined;
/** How a cell is written: text, a number, a day, or a day and time (Europe/Rome). */
export type CellKind = 'text' | 'number' | 'date' | 'datetime';

export interface ExportColumn<R> {
  header: string;
  value: (row: R) => CellValue;
  /** Inferred from the value when absent: number → number, Date → datetime, else text. */
  kind?: CellKind;
  /** XLSX column width in characters. */
  width?: number;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

// The characters that make Excel, LibreOffice or Google Sheets start a formula (OWASP lists = + - @
// tab and carriage return; line feed, NUL and the full-width forms are read the same way by some).
const FORMULA_START = /^[\s\u0000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n\u0000]/;

/** Text a spreadsheet would evaluate gets a leading apostrophe: shown as typed, never run. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function kindOf(declared: CellKind | undefined, v: CellValue): CellKind {
  if (declared) return declared;
  if (typeof v === 'number') return 'number';
  if (v instanceof Date) return 'datetime';
  return 'text';
}

// A plain decimal number: the only text a number column writes as it is.
const NUMERIC = /^-?\d+(\.\d+)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** A day or a day and time as read on a wall clock in Rome ("2026-06-01", "2026-06-01 10:00"). */
function romeText(d: Date, kind: 'date' | 'datetime'): string {
  const p = romeParts(d);
  const day = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return kind === 'date' ? day : `${day} ${pad(p.hour)}:${pad(p.minute)}`;
}

function textOf(v: CellValue, kind: CellKind): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : romeText(v, kind === 'date' ? 'date' : 'datetime');
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return kind === 'number' && NUMERIC.test(v) ? v : neutralise(v);
}

// RFC 4180 §2.6–2.7: a field holding a comma, a quote or a line break is quoted, quotes doubled.
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, UTF-8 with a byte-order mark (so Excel reads the
 * accents right). Numbers as plain digits, times as Europe/Rome wall time.
 */
export function toCsv<R>(columns: ExportColumn<R>[], rows: Iterable<R>): string {
  const lines = [columns.map((c) => csvField(neutralise(c.header))).join(',')];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) => {
          const v = c.value(row);
          return csvField(textOf(v, kindOf(c.kind, v)));
        })
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * An Excel date cell has no time zone: it is written as the wall time in Rome, so the sheet shows
 * what the pages show.
 */
function romeWallDate(d: Date): Date {
  const p = romeParts(d);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

function xlsxValue(v: CellValue, kind: CellKind): string | number | Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : romeWallDate(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return kind === 'text' ? String(v) : v;
  }
  // A text column that happens to hold digits stays text (a phone number, a code with zeros).
  return kind === 'number' && NUMERIC.test(v) ? Number(v) : neutralise(v);
}

/** XLSX with one sheet: numbers and dates stay typed, text cells are neutralised like the CSV. */
export async function toXlsx<R>(columns: ExportColumn<R>[], rows: Iterable<R>, opts: { sheetName?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // A sheet name may not hold []:*?/\ and is at most 31 characters.
  const ws = wb.addWorksheet((opts.sheetName ?? 'export').replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'export');
  ws.columns = columns.map((c) => ({ header: neutralise(c.header), width: c.width ?? Math.min(60, Math.max(12, c.header.length + 4)) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) {
    const cells = columns.map((c) => {
      const v = c.value(row);
      return { v, kind: kindOf(c.kind, v) };
    });
    const added = ws.addRow(cells.map(({ v, kind }) => xlsxValue(v, kind)));
    cells.forEach(({ v, kind }, i) => {
      if (v instanceof Date && !Number.isNaN(v.getTime())) added.getCell(i + 1).numFmt = kind === 'date' ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A download's file name: a safe stem, the day (Europe/Rome) and the format's extension. */
export function exportFileName(stem: string, format: ExportFormat, now: Date): string {
  const safe = stem.normalize('NFD').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
  return `${safe}-${romeText(now, 'date')}.${format}`;
}
