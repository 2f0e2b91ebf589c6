// Markup of a chart with its data table: the SVG image with its name, the table beside it, the
// fallback when there is nothing to draw.
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { ChartWithTable } from './chart.tsx';

const html = async (el: unknown) => String(await (el as { toString(): string | Promise<string> }).toString());
const data = [
  { label: 'Primo contatto', value: 3.5, display: '3,5 giorni' },
  { label: 'Risposta', value: null, display: 'n.d.' },
];
const table = <table id="t"><caption>Numeri</caption></table>;

describe('ChartWithTable', () => {
  it('draws the chart as a named image beside its table, half and half', async () => {
    const out = await html(<ChartWithTable chart={{ id: 'chart-x', title: 'Giorni', desc: 'Grafico: Primo contatto 3,5 giorni', data }} table={table} />);
    expect(out).toMatch(/^<div class="row mt-4"><div class="col-12 col-xl-6"><svg [^>]*role="img" aria-labelledby="chart-x-title chart-x-desc"/);
    const svg = /<svg[\s\S]*<\/svg>/.exec(out)![0];
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('<title id="chart-x-title">Giorni</title>');
    expect(svg).toContain('>3,5 giorni</text>');
    expect(out).toMatch(/<\/svg><\/div><div class="col-12 col-xl-6"><table id="t"><caption>Numeri<\/caption><\/table><\/div><\/div>$/);
  });

  it('gives horizontal bars a wider column, and says the fallback when there is no chart', async () => {
    const wide = await html(<ChartWithTable wide chart={{ kind: 'horizontal', id: 'h', title: 'T', desc: 'D', data }} table={table} />);
    expect(wide).toContain('<div class="col-12 col-xl-7"><svg');
    expect(wide).toContain('<div class="col-12 col-xl-5"><table');
    const none = await html(<ChartWithTable chart={null} fallback={<p>Nessuna rinuncia.</p>} table={table} />);
    expect(none).toContain('<div class="col-12 col-xl-6"><p>Nessuna rinuncia.</p></div>');
    expect(none).not.toContain('<svg');
  });
});
