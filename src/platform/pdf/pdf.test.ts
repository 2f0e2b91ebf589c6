// PDF documents read back with the small reader beside them: metadata, the agency's name and the
// page numbers on every page, a long table's header repeated, charts drawn, bad input refused.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { barChart } from '../charts/svg.ts';
import { pdfBuilder, renderPdf, type Block, type PdfDocument } from './index.ts';
import { inspectPdf } from './inspect.ts';

const CREATED = new Date('2026-05-04T08:30:00Z');
const ROWS = Array.from({ length: 150 }, (_, i) => [`Candidato ${String(i + 1).padStart(3, '0')}`, 'Cardiologia', 100 - i / 2]);
const TABLE: Block = {
  kind: 'table',
  caption: 'Graduatoria',
  columns: [{ header: 'Nominativo' }, { header: 'Disciplina', width: 'auto' }, { header: 'Punteggio', width: 70, align: 'right' }],
  rows: ROWS,
};
const base = (over: Partial<PdfDocument> = {}): PdfDocument => ({
  locale: 'it',
  agencyName: 'Azienda sanitaria di prova',
  title: 'Relazione trimestrale – attività e àèìòù',
  subtitle: 'Aprile 2026',
  createdAt: CREATED,
  blocks: [],
  ...over,
});

async function render(doc: PdfDocument): Promise<Buffer> {
  const r = await renderPdf(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('renderPdf', () => {
  it('is a PDF with its title, author, dates and language in the metadata', async () => {
    const pdf = await render(base({ author: 'Ufficio reclutamento', subject: 'Bandi', keywords: ['bandi', 'report'] }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const x = inspectPdf(pdf);
    expect(x.info).toMatchObject({
      Title: 'Relazione trimestrale – attività e àèìòù',
      Author: 'Ufficio reclutamento',
      Subject: 'Bandi',
      Keywords: 'bandi, report',
      Creator: 'Azienda sanitaria di prova',
      Producer: 'Approdo',
      CreationDate: 'D:20260504083000Z',
    });
    expect(x.lang).toBe('it-IT');
    // Viewers show the title rather than the file name.
    expect(pdf.toString('latin1')).toMatch(/\/DisplayDocTitle true/);
  });

  it('runs a long table over pages: its header on each, every row once, "Pagina x di y" and the agency on every page', async () => {
    const pdf = await render(base({ blocks: [{ kind: 'heading', text: 'Graduatoria' }, { kind: 'paragraph', text: 'In ordine di punteggio.' }, TABLE] }));
    const x = inspectPdf(pdf);
    const pageObjects = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length;
    const n = x.pages.length;
    expect(pageObjects).toBe(n);
    // 150 rows at 9.5 pt cannot fit on fewer than four A4 pages.
    expect(n).toBeGreaterThanOrEqual(4);
    x.pages.forEach((text, i) => {
      expect(text).toContain('Azienda sanitaria di prova');
      expect(text).toContain(`Pagina ${i + 1} di ${n}`);
      expect(text).toContain('Nominativo Disciplina Punteggio');
    });
    const all = x.pages.join(' ');
    for (const [name] of ROWS) expect(all.split(String(name)).length - 1, String(name)).toBe(1);
    expect(x.pages[0]).toContain('Relazione trimestrale – attività e àèìòù Aprile 2026 Graduatoria In ordine di punteggio.');
  });

  it('writes "Page x of y" in English, and the language en-GB', async () => {
    const x = inspectPdf(await render(base({ locale: 'en', blocks: [{ kind: 'paragraph', text: 'One page.' }] })));
    expect(x.pages).toEqual([expect.stringContaining('Page 1 of 1')]);
    expect(x.lang).toBe('en-GB');
  });

  it('draws a chart from platform/charts as vectors, its labels as text', async () => {
    const svg = barChart({ id: 'offers', title: 'Offerte', desc: 'Offerte per disciplina', data: [
      { label: 'Cardiologia', value: 12, display: '12' },
      { label: 'Pediatria', value: 7, display: '7' },
    ] });
    const x = inspectPdf(await render(base({ blocks: [{ kind: 'chart', svg, caption: 'Figura 1 – offerte per disciplina' }] })));
    expect(x.pages[0]).toMatch(/12 Cardiologia 7 Pediatria Figura 1 – offerte per disciplina/);
    expect(x.images).toBe(0);
  });

  it('puts the logo beside the agency name (an image) and keeps lists, links and page breaks', async () => {
    const logo = await sharp({ create: { width: 240, height: 80, channels: 3, background: '#0066CC' } }).png().toBuffer();
    const x = inspectPdf(await render(base({
      logo,
      blocks: [
        { kind: 'list', items: ['primo punto', 'secondo punto'] },
        { kind: 'paragraph', text: [{ text: 'Vedi ' }, { text: 'il portale', link: 'https://www.inpa.gov.it', bold: true }] },
        { kind: 'page_break' },
        { kind: 'paragraph', text: 'Seconda pagina.' },
      ],
    })));
    expect(x.images).toBe(1);
    expect(x.pages).toHaveLength(2);
    expect(x.pages[0]).toContain('primo punto');
    expect(x.pages[0]).toContain('Vedi il portale');
    expect(x.pages[1]).toContain('Seconda pagina.');
  });

  it('refuses, as values, a logo that is not PNG/JPEG, a chart that is not a self-contained SVG, a bad link or table', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
    expect(await renderPdf(base({ logo: gif }))).toEqual({ ok: false, error: { code: 'invalid_logo' } });
    expect(await renderPdf(base({ logo: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }))).toEqual({ ok: false, error: { code: 'invalid_logo' } });
    const charts = [
      'not svg',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', // no size
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="/etc/hostname" width="10" height="10"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><use href="https://evil.example/x.svg#a"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect fill="url(https://evil.example/p)"/></svg>',
    ];
    for (const svg of charts) {
      expect(await renderPdf(base({ blocks: [{ kind: 'paragraph', text: 'x' }, { kind: 'chart', svg }] })), svg).toEqual({ ok: false, error: { code: 'invalid_chart', block: 1 } });
    }
    expect(await renderPdf(base({ blocks: [{ kind: 'paragraph', text: [{ text: 'x', link: 'javascript:alert(1)' }] }] }))).toEqual({ ok: false, error: { code: 'invalid_link', block: 0 } });
    expect(await renderPdf(base({ blocks: [{ kind: 'table', columns: [{ header: 'a' }], rows: [['1', '2']] }] }))).toEqual({ ok: false, error: { code: 'invalid_table', block: 0 } });
  });
});

describe('pdfBuilder', () => {
  it('writes the same document as the blocks it was given', async () => {
    const { blocks: _unused, ...meta } = base();
    const r = await pdfBuilder(meta).heading('Sintesi').paragraph('Testo.').list(['a', 'b'], true).table({ columns: [{ header: 'X' }], rows: [['1']] }).render();
    if (!r.ok) throw new Error(r.error.code);
    const direct = await render(base({ blocks: [
      { kind: 'heading', text: 'Sintesi', level: 1 },
      { kind: 'paragraph', text: 'Testo.' },
      { kind: 'list', items: ['a', 'b'], ordered: true },
      { kind: 'table', columns: [{ header: 'X' }], rows: [['1']] },
    ] }));
    expect(inspectPdf(r.value).pages).toEqual(inspectPdf(direct).pages);
  });
});
