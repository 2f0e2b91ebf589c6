// Sends rows as a CSV or XLSX download (src/platform/export): never cached, always an attachment.
import type { Ctx } from '../context.ts';
import { CONTENT_TYPES, exportFileName, toCsv, toXlsx, type ExportColumn, type ExportFormat } from '../../platform/export/index.ts';

/** Content-Disposition of a download with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

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
