// The agency's PDF documents (reports, letters, lists) from a few typed blocks — headings,
// paragraphs, lists, tables whose header repeats on every page, SVG charts — on pdfmake, in
// Titillium Web, with the agency's name (and logo) on every page and "Pagina x di y" at the foot.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Column, Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Locale } from '../i18n/index.ts';
import { detectImageType } from '../images/index.ts';
import { err, ok, type Result } from '../result.ts';

// ——— Fonts and what pdfmake may read —————————————————————————————————————————————————————————
// Titillium Web is the typeface of the site (Bootstrap Italia ships it as TTF too, which pdfmake
// needs: it cannot read woff2). This module is the only user of pdfmake, whose settings are global.
const FONT = 'Titillium Web';
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('bootstrap-italia/package.json')), 'dist', 'fonts', 'Titillium_Web');
const fontFile = (weight: string) => join(FONT_DIR, `titillium-web-v10-latin-ext_latin-${weight}.ttf`);
const FONT_FILES = { normal: fontFile('regular'), bold: fontFile('700'), italics: fontFile('italic'), bolditalics: fontFile('700italic') };
const ALLOWED_FILES = new Set(Object.values(FONT_FILES));
pdfmake.setFonts({ [FONT]: { ...FONT_FILES } });
// A document is built from data we hand over (images as data: URLs): it never fetches a URL and
// never reads a file other than the fonts, whatever text or SVG ends up in it.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => ALLOWED_FILES.has(path));

// ——— Input —————————————————————————————————————————————————————————————————————————————————————

/** A piece of a paragraph; a link must be https: or mailto:. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  link?: string;
}

export type CellValue = string | number | null | undefined;

export interface TableColumn {
  header: string;
  /** Points, '*' (share what is left, the default) or 'auto' (as wide as the content). */
  width?: number | '*' | 'auto';
  align?: 'left' | 'center' | 'right';
}

export type Block =
  | { kind: 'heading'; text: string; level?: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string | TextRun[] }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'table'; columns: TableColumn[]; rows: CellValue[][]; caption?: string }
  /** An SVG from platform/charts; width in points, at most the text width (the default). */
  | { kind: 'chart'; svg: string; width?: number; caption?: string }
  | { kind: 'page_break' };

export interface PdfDocument {
  locale: Locale;
  agencyName: string;
  /** PNG or JPEG bytes (what PDF embeds); shown at most 120×40 pt beside the name. */
  logo?: Uint8Array;
  title: string;
  subtitle?: string;
  /** Metadata; the agency's name when absent. */
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Metadata creation date; now when absent (tests pass one to compare output). */
  createdAt?: Date;
  orientation?: 'portrait' | 'landscape';
  blocks: Block[];
}

export type PdfError =
  | { code: 'invalid_logo' }
  /** block: the index of the chart, or null when pdfmake refused one of them while laying out. */
  | { code: 'invalid_chart'; block: number | null }
  | { code: 'invalid_link'; block: number }
  | { code: 'invalid_table'; block: number };

// ——— Layout ————————————————————————————————————————————————————————————————————————————————————

const COLOURS = { text: '#1A1A1A', heading: '#004D99', muted: '#5D7083', rule: '#D9DADB', headerFill: '#E6ECF2' } as const;
const MARGIN = { side: 48, top: 72, bottom: 56 } as const;
const PAGE_WIDTH = { portrait: 595.28, landscape: 841.89 } as const; // A4 in points

const PAGE_OF: Record<Locale, (page: number, count: number) => string> = {
  it: (page, count) => `Pagina ${page} di ${count}`,
  en: (page, count) => `Page ${page} of ${count}`,
};

const SAFE_LINK = /^(https:\/\/[^\s]+|mailto:[^\s]+)$/i;

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
}

function blockContent(b: Block, index: number, textWidth: number): Result<Content, PdfError> {
  switch (b.kind) {
    case 'heading':
      return ok({ text: b.text, style: `h${b.level ?? 1}` });
    case 'paragraph': {
      if (typeof b.text === 'string') return ok({ text: b.text, style: 'p' });
      for (const run of b.text) if (run.link !== undefined && !SAFE_LINK.test(run.link)) return err({ code: 'invalid_link', block: index });
      return ok({
        text: b.text.map((r) => ({ text: r.text, bold: r.bold, italics: r.italic, ...(r.link ? { link: r.link, color: COLOURS.heading, decoration: 'underline' as const } : {}) })),
        style: 'p',
      });
    }
    case 'list':
      return ok(b.ordered ? { ol: b.items, style: 'p' } : { ul: b.items, style: 'p' });
    case 'table': {
      if (b.columns.length === 0 || b.rows.some((r) => r.length !== b.columns.length)) return err({ code: 'invalid_table', block: index });
      const header: TableCell[] = b.columns.map((c) => ({ text: c.header, style: 'th', alignment: c.align ?? 'left' }));
      const body: TableCell[][] = [header, ...b.rows.map((row) => row.map((v, i): TableCell => ({ text: cellText(v), alignment: b.columns[i]!.align ?? 'left' })))];
      const table: Content = {
        // headerRows: pdfmake repeats the first row at the top of every page the table runs onto;
        // dontBreakRows keeps a row whole, so no half row hangs at a page's foot.
        table: { headerRows: 1, dontBreakRows: true, widths: b.columns.map((c) => c.width ?? '*'), body },
        layout: {
          hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 1 : 0.5),
          vLineWidth: () => 0,
          hLineColor: () => COLOURS.rule,
          fillColor: (row) => (row === 0 ? COLOURS.headerFill : null),
          paddingTop: () => 3,
          paddingBottom: () => 3,
        },
        style: 'table',
      };
      return ok(b.caption ? { stack: [{ text: b.caption, style: 'caption' }, table] } : table);
    }
    case 'chart': {
      const svg: Content = { svg: b.svg, width: Math.min(b.width ?? textWidth, textWidth), margin: [0, 4, 0, 4] };
      return ok(b.caption ? { stack: [svg, { text: b.caption, style: 'caption' }], unbreakable: true } : svg);
    }
    case 'page_break':
      return ok({ text: '', pageBreak: 'after' });
  }
}

function definition(doc: PdfDocument, logo: string | null): Result<TDocumentDefinitions, PdfError> {
  const orientation = doc.orientation ?? 'portrait';
  const textWidth = PAGE_WIDTH[orientation] - 2 * MARGIN.side;
  const content: Content[] = [{ text: doc.title, style: 'title' }];
  if (doc.subtitle) content.push({ text: doc.subtitle, style: 'subtitle' });
  for (const [i, b] of doc.blocks.entries()) {
    const c = blockContent(b, i, textWidth);
    if (!c.ok) return c;
    content.push(c.value);
  }
  const createdAt = doc.createdAt ?? new Date();
  return ok({
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: [MARGIN.side, MARGIN.top, MARGIN.side, MARGIN.bottom],
    language: doc.locale === 'it' ? 'it-IT' : 'en-GB',
    // Viewers show the title, not the file name, in their title bar (PDF/UA asks for it).
    displayTitle: true,
    info: {
      title: doc.title,
      author: doc.author ?? doc.agencyName,
      subject: doc.subject,
      keywords: doc.keywords?.join(', '),
      creator: doc.agencyName,
      producer: 'Approdo',
      creationDate: createdAt,
      modDate: createdAt,
    },
    images: logo ? { logo } : undefined,
    header: (): Content => {
      const name: Column = { text: doc.agencyName, style: 'agency', width: '*' };
      const columns: Column[] = logo ? [{ stack: [{ image: 'logo', fit: [120, 40] }], width: 'auto', margin: [0, 0, 12, 0] }, name] : [name];
      return { margin: [MARGIN.side, 24, MARGIN.side, 0], columns };
    },
    footer: (page, count) => ({ text: PAGE_OF[doc.locale](page, count), style: 'footer', margin: [MARGIN.side, 20, MARGIN.side, 0] }),
    content,
    defaultStyle: { font: FONT, fontSize: 10.5, lineHeight: 1.25, color: COLOURS.text },
    styles: {
      agency: { fontSize: 11, bold: true, color: COLOURS.heading, margin: [0, 8, 0, 0] },
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 6] },
      subtitle: { fontSize: 12, color: COLOURS.muted, margin: [0, 0, 0, 12] },
      h1: { fontSize: 15, bold: true, color: COLOURS.heading, margin: [0, 14, 0, 6] },
      h2: { fontSize: 13, bold: true, color: COLOURS.heading, margin: [0, 12, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      p: { margin: [0, 0, 0, 8] },
      table: { fontSize: 9.5, margin: [0, 4, 0, 12] },
      th: { bold: true },
      caption: { fontSize: 9.5, italics: true, color: COLOURS.muted, margin: [0, 2, 0, 6] },
      footer: { fontSize: 9, color: COLOURS.muted, alignment: 'right' },
    },
  });
}

/** The PDF as bytes. Problems in what was handed over come back as values; pdfmake's own failures are bugs and throw. */
export async function renderPdf(doc: PdfDocument): Promise<Result<Buffer, PdfError>> {
  let logo: string | null = null;
  if (doc.logo) {
    const type = detectImageType(doc.logo);
    if (type !== 'png' && type !== 'jpeg') return err({ code: 'invalid_logo' });
    logo = `data:image/${type};base64,${Buffer.from(doc.logo).toString('base64')}`;
  }
  // pdfmake reads an SVG while laying out the page; check each first, so a bad one is named.
  for (const [i, b] of doc.blocks.entries()) if (b.kind === 'chart' && !looksLikeSvg(b.svg)) return err({ code: 'invalid_chart', block: i });
  const def = definition(doc, logo);
  if (!def.ok) return def;
  try {
    return ok(await pdfmake.createPdf(def.value).getBuffer());
  } catch (e) {
    if (e instanceof Error && /invalid svg|svg document/i.test(e.message)) return err({ code: 'invalid_chart', block: null });
    if (e instanceof Error && /invalid image/i.test(e.message)) return err({ code: 'invalid_logo' });
    throw e;
  }
}

/**
 * An <svg> root with a size pdfmake can read (width/height or a four-number viewBox), and nothing
 * that points outside it: svg-to-pdfkit opens an <image> href with pdfkit directly, a path on this
 * machine included, past pdfmake's access policy. Our charts never need one; only "#id" references pass.
 */
function looksLikeSvg(svg: string): boolean {
  const open = /^\s*(?:<\?xml[^>]*\?>\s*)?<svg\b([^>]*)>/i.exec(svg);
  if (!open || !/<\/svg>\s*$/i.test(svg)) return false;
  if (/<(image|foreignObject|script|iframe)\b/i.test(svg)) return false;
  for (const m of svg.matchAll(/\bhref\s*=\s*["']([^"']*)["']/gi)) if (!m[1]!.startsWith('#')) return false;
  for (const m of svg.matchAll(/url\(\s*["']?([^)"']*)/gi)) if (!m[1]!.startsWith('#')) return false;
  const attrs = open[1]!;
  return /\bviewBox="\s*-?[\d.]+[\s,]+-?[\d.]+[\s,]+[\d.]+[\s,]+[\d.]+\s*"/.test(attrs) || (/\bwidth="[\d.]+/.test(attrs) && /\bheight="[\d.]+/.test(attrs));
}

/** The same document, written block by block: `pdfBuilder({...}).heading('…').table({...}).render()`. */
export function pdfBuilder(meta: Omit<PdfDocument, 'blocks'>) {
  const blocks: Block[] = [];
  const builder = {
    heading(text: string, level: 1 | 2 | 3 = 1) {
      blocks.push({ kind: 'heading', text, level });
      return builder;
    },
    paragraph(text: string | TextRun[]) {
      blocks.push({ kind: 'paragraph', text });
      return builder;
    },
    list(items: string[], ordered = false) {
      blocks.push({ kind: 'list', items, ordered });
      return builder;
    },
    table(table: { columns: TableColumn[]; rows: CellValue[][]; caption?: string }) {
      blocks.push({ kind: 'table', ...table });
      return builder;
    },
    chart(svg: string, o: { width?: number; caption?: string } = {}) {
      blocks.push({ kind: 'chart', svg, ...o });
      return builder;
    },
    pageBreak() {
      blocks.push({ kind: 'page_break' });
      return builder;
    },
    render: () => renderPdf({ ...meta, blocks: [...blocks] }),
  };
  return builder;
}
