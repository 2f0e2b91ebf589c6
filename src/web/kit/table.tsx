// A data table driven by column definitions. The same columns feed the page's table and its
// CSV/XLSX export, so what a team member sees and what they download never drift apart.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../context.ts';
import type { CellKind, CellValue, ExportColumn } from '../../platform/export/index.ts';
import { Pager } from './pager.tsx';

export interface Column<R> {
  /** Column heading (already translated). */
  header: string;
  /** What the page shows in the cell; by default the export value as text. */
  cell?: (row: R) => Child;
  /** What the export writes (and the page shows when `cell` is absent); no export without it. */
  value?: (row: R) => CellValue;
  kind?: CellKind;
  /** The cell that names the row (a `<th scope="row">`): usually the first. */
  rowHeader?: boolean;
  /** Numbers right-aligned. */
  numeric?: boolean;
  /** Only on the page, or only in the export. */
  only?: 'page' | 'export';
  /** The XLSX column's width in characters. */
  width?: number;
  /** The export's heading when it must say more than the table's short one ("Proposti" → "Candidati proposti"). */
  exportHeader?: string;
}

/** The columns of the export, with the same headers and values as the table. */
export function exportColumns<R>(columns: Column<R>[]): ExportColumn<R>[] {
  return columns.filter((col) => col.value && col.only !== 'page').map((col) => ({ header: col.exportHeader ?? col.header, value: col.value!, kind: col.kind, width: col.width }));
}

export interface DataTableProps<R> {
  c: Ctx;
  caption: string;
  columns: Column<R>[];
  rows: R[];
  /** Said instead of the table when there is no row. */
  empty: string;
  small?: boolean;
  /** The table's id (for a link to it, or a test that reads it). */
  id?: string;
  /** The pager below the table, keeping the filters in `params`. */
  paging?: { page: number; pages: number; params?: Record<string, string | undefined> };
}

function show<R>(col: Column<R>, row: R): Child {
  if (col.cell) return col.cell(row);
  const v = col.value?.(row);
  if (v === null || v === undefined) return '';
  return v instanceof Date ? <time datetime={v.toISOString()}>{v.toISOString()}</time> : String(v);
}

export function DataTable<R>({ c, caption, columns, rows, empty, small, id, paging }: DataTableProps<R>) {
  const visible = columns.filter((col) => col.only !== 'export');
  return (
    <>
      {rows.length ? (
        <div class="table-responsive">
          <table class={small ? 'table table-sm' : 'table'} id={id}>
            <caption>{caption}</caption>
            <thead>
              <tr>
                {visible.map((col) => (
                  <th scope="col" class={col.numeric ? 'text-end' : undefined}>
                    {col.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  {visible.map((col) =>
                    col.rowHeader ? (
                      <th scope="row" class={col.numeric ? 'text-end' : undefined}>
                        {show(col, row)}
                      </th>
                    ) : (
                      <td class={col.numeric ? 'text-end' : undefined}>{show(col, row)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{empty}</p>
      )}
      {paging ? <Pager c={c} page={paging.page} pages={paging.pages} params={paging.params} /> : null}
    </>
  );
}
