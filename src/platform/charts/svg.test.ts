// The SVG charts: well-formed XML (an independent parser reads them), an accessible name and
// description, every label and value written as text, bars proportional to the values, text escaped.
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { barChart, horizontalBarChart, type ChartOptions } from './svg.ts';

const OPTS: ChartOptions = {
  id: 'tempi',
  title: 'Giorni dalla pubblicazione',
  desc: 'Mediana: primo contatto 3,5; risposta 5; accettazione 3,5.',
  data: [
    { label: 'Primo contatto', value: 3.5, display: '3,5 giorni' },
    { label: 'Risposta', value: 5, display: '5 giorni' },
    { label: 'Accettazione', value: null, display: 'nessun dato' },
  ],
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['text', 'rect'].includes(name) });
const texts = (svg: { text?: unknown[] }) => (svg.text ?? []).map((t) => (typeof t === 'object' ? String((t as Record<string, unknown>)['#text']) : String(t)));

describe.each([
  ['barChart', barChart],
  ['horizontalBarChart', horizontalBarChart],
] as const)('%s', (_name, chart) => {
  it('is well-formed SVG with role img, a title and a description it is labelled by', () => {
    const out = chart(OPTS);
    expect(XMLValidator.validate(out)).toBe(true);
    const { svg } = parser.parse(out);
    expect(svg['@xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(svg['@role']).toBe('img');
    expect(svg['@aria-labelledby']).toBe('tempi-title tempi-desc');
    expect(svg.title).toMatchObject({ '#text': OPTS.title, '@id': 'tempi-title' });
    expect(svg.desc).toMatchObject({ '#text': OPTS.desc, '@id': 'tempi-desc' });
  });

  it('writes every label and value as text, and draws no bar for a missing value', () => {
    const { svg } = parser.parse(chart(OPTS));
    const words = texts(svg);
    for (const d of OPTS.data) {
      expect(words).toContain(d.label);
      expect(words).toContain(d.display);
    }
    // One bar per value (the hatch pattern's own <rect> sits in <defs>).
    expect(svg.rect).toHaveLength(2);
  });

  it('escapes text and keeps ids safe', () => {
    const out = chart({ id: 'a b"<', title: 'A & B <script>', desc: '"quoted"', data: [{ label: '<b>x</b>', value: 1, display: '1 & più' }] });
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<b>');
    const { svg } = parser.parse(out);
    expect(svg['@id']).toBe('a-b--');
    expect(texts(svg)).toContain('<b>x</b>');
    expect(svg.title['#text']).toBe('A & B <script>');
  });
});

describe('bar lengths', () => {
  it('are proportional to the values (the longest bar is the largest value)', () => {
    const data = [
      { label: 'A', value: 2, display: '2' },
      { label: 'B', value: 8, display: '8' },
      { label: 'C', value: 0, display: '0' },
    ];
    const v = parser.parse(barChart({ ...OPTS, data })).svg.rect.map((r: Record<string, string>) => Number(r['@height']));
    expect(v).toHaveLength(2);
    expect(v[1] / v[0]).toBeCloseTo(4, 1);
    const h = parser.parse(horizontalBarChart({ ...OPTS, data })).svg.rect.map((r: Record<string, string>) => Number(r['@width']));
    expect(h[1] / h[0]).toBeCloseTo(4, 1);
  });

  it('handles an empty chart', () => {
    expect(XMLValidator.validate(barChart({ ...OPTS, data: [] }))).toBe(true);
    expect(XMLValidator.validate(horizontalBarChart({ ...OPTS, data: [] }))).toBe(true);
  });
});
