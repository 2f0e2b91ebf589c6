// Markup of the data table driven by columns, and the export columns made from the same definitions.
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../context.ts';
import { translator } from '../../platform/i18n/index.ts';
import { DataTable, exportColumns, type Column } from './table.tsx';

const c = { var: { locale: 'it', t: translator('it'), lp: (p: string) => p }, req: { path: '/x' } } as unknown as Ctx;
const html = async (el: unknown) => String(await (el as { toString(): string | Promise<string> }).toString());
type Row = { name: string; n: number };
const columns: Column<Row>[] = [
  { header: 'Nome', rowHeader: true, value: (r) => r.name, width: 30 },
  { header: 'Proposti', exportHeader: 'Candidati proposti', numeric: true, value: (r) => r.n, cell: (r) => `${r.n} p.` },
  { header: 'Solo file', value: () => 'x', only: 'export' },
];

describe('DataTable', () => {
  it('draws the visible columns with the row header, numbers on the right, and its id', async () => {
    const out = await html(<DataTable c={c} id="t1" caption="Righe" columns={columns} rows={[{ name: 'Anna', n: 2 }]} empty="Nessuna" />);
    expect(out).toBe(
      '<div class="table-responsive"><table class="table" id="t1"><caption>Righe</caption><thead><tr><th scope="col">Nome</th><th scope="col" class="text-end">Proposti</th></tr></thead>' +
        '<tbody><tr><th scope="row">Anna</th><td class="text-end">2 p.</td></tr></tbody></table></div>',
    );
  });

  it('says the empty message instead of a table', async () => {
    expect(await html(<DataTable c={c} caption="Righe" columns={columns} rows={[]} empty="Nessuna" />)).toBe('<p>Nessuna</p>');
  });
});

describe('exportColumns', () => {
  it('takes the export heading where a column has one, with its width', () => {
    expect(exportColumns(columns).map((x) => [x.header, x.width])).toEqual([
      ['Nome', 30],
      ['Candidati proposti', undefined],
      ['Solo file', undefined],
    ]);
  });
});
