// Sends rows as a CSV or XLSX download (src/platform/export): never cached, always an attachment.
import type { Ctx } from '../context.ts';
import { CONTENT_TYPES, exportFileName, toCsv, toXlsx, type ExportColumn, type ExportFormat } from '../../platform/export/index.ts';

export async function sendExport<R>(c: Ctx, name: string, format: ExportFormat, columns: ExportColumn<R>[], rows: Iterable<R>): Promise<Response> {
  const headers = {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${exportFileName(name, format, c.var.deps.now())}"`,
    // Personal data: no shared cache, no copy kept by the browser's cache either.
    'Cache-Control': 'private, no-store',
  };
  if (format === 'csv') return c.body(toCsv(columns, rows), 200, headers);
  return c.body(new Uint8Array(await toXlsx(columns, rows, { sheetName: name })), 200, headers);
}
