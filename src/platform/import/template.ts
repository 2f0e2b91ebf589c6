// The import templates: the columns and one example row, as CSV (`;`, UTF-8 with a BOM, what Excel
// in Italy opens as is) and as XLSX (text cells, and a second sheet that describes each column).
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export interface TemplateSpec<C extends string> {
  columns: readonly C[];
  example: Record<C, string>;
}

export function templateCsv<C extends string>({ columns, example }: TemplateSpec<C>): string {
  const body = Papa.unparse({ fields: [...columns], data: [columns.map((c) => example[c])] }, { delimiter: ';', newline: '\r\n', quotes: true });
  return '\uFEFF' + body + '\r\n';
}

export async function templateXlsx<C extends string>(
  spec: TemplateSpec<C> & { sheet: string; notesSheet: string; notes: Record<C, string>; notesTitle: [string, string] },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.sheet);
  // Text cells: Excel would otherwise turn codes like 022205 into numbers.
  ws.columns = spec.columns.map((c) => ({ header: c, key: c, width: Math.max(12, c.length + 4), style: { numFmt: '@' } }));
  ws.addRow(spec.columns.map((c) => spec.example[c]));
  ws.getRow(1).font = { bold: true };
  const doc = wb.addWorksheet(spec.notesSheet);
  doc.columns = [
    { header: spec.notesTitle[0], key: 'c', width: 18 },
    { header: spec.notesTitle[1], key: 'd', width: 100 },
  ];
  doc.getRow(1).font = { bold: true };
  for (const c of spec.columns) doc.addRow([c, spec.notes[c]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
