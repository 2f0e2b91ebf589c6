// Small server-side SVG charts (vertical bars, horizontal bars) that read without colour and
// without JavaScript: every bar carries its label and value as text, the chart is one image with a
// <title> and <desc>, and pages put the same numbers in a <table> beside it.

export interface ChartDatum {
  /** Category label, written beside the bar. */
  label: string;
  /** The value the bar's length encodes (null: no data, no bar). */
  value: number | null;
  /** The value as shown to people ("3,5 giorni", "40%"); "–" style text for null is the caller's. */
  display: string;
}

export interface ChartOptions {
  /** Unique in the page: the ids of <title> and <desc> derive from it. */
  id: string;
  title: string;
  desc: string;
  data: ChartDatum[];
}

/** Bootstrap Italia palette: primary blue bars, dark grey text and axis (contrast ≥ 4.5:1 on white). */
export const PALETTE = { bar: '#0066CC', barAlt: '#004D99', text: '#1A1A1A', axis: '#5D7083', grid: '#D9DADB' } as const;
const FONT = 'Titillium Web, Geneva, Tahoma, sans-serif';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

const safeId = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '-');
const r1 = (n: number) => Math.round(n * 10) / 10;

function open(o: ChartOptions, width: number, height: number): string {
  const id = safeId(o.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" class="chart w-100 h-auto" id="${id}">` +
    `<title id="${id}-title">${escapeXml(o.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(o.desc)}</desc>` +
    // A diagonal hatch on every other bar: neighbouring bars differ in texture, not only in tone.
    `<defs><pattern id="${id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="8" height="8" fill="${PALETTE.barAlt}"/><line x1="0" y1="0" x2="0" y2="8" stroke="#FFFFFF" stroke-width="3"/></pattern></defs>`
  );
}

const fillOf = (id: string, i: number) => (i % 2 === 0 ? PALETTE.bar : `url(#${safeId(id)}-hatch)`);
const maxOf = (data: ChartDatum[]) => Math.max(0, ...data.map((d) => (d.value !== null && Number.isFinite(d.value) ? d.value : 0)));
const text = (x: number, y: number, s: string, anchor: 'start' | 'middle' | 'end', extra = '') =>
  `<text x="${r1(x)}" y="${r1(y)}" text-anchor="${anchor}" font-family="${FONT}" font-size="14" fill="${PALETTE.text}"${extra}>${escapeXml(s)}</text>`;

/** Vertical bars: the value above each bar, the category below it (long labels are shortened, the table has them whole). */
export function barChart(o: ChartOptions): string {
  const width = 640;
  const height = 300;
  const top = 36;
  const bottom = 56;
  const left = 16;
  const plotH = height - top - bottom;
  const n = Math.max(1, o.data.length);
  const slot = (width - 2 * left) / n;
  const barW = Math.min(120, slot * 0.6);
  const max = maxOf(o.data) || 1;
  const baseline = top + plotH;
  let body = `<line x1="${left}" y1="${baseline}" x2="${width - left}" y2="${baseline}" stroke="${PALETTE.axis}" stroke-width="1"/>`;
  o.data.forEach((d, i) => {
    const cx = left + slot * i + slot / 2;
    const h = d.value !== null && d.value > 0 ? Math.max(1, (d.value / max) * plotH) : 0;
    if (h > 0) body += `<rect x="${r1(cx - barW / 2)}" y="${r1(baseline - h)}" width="${r1(barW)}" height="${r1(h)}" fill="${fillOf(o.id, i)}" stroke="${PALETTE.barAlt}"/>`;
    body += text(cx, baseline - h - 8, d.display, 'middle', ' font-weight="600"');
    body += text(cx, baseline + 22, shorten(d.label, Math.max(8, Math.floor(slot / 8))), 'middle');
  });
  return `${open(o, width, height)}${body}</svg>`;
}

/** Horizontal bars: the category on the left, the value at the end of each bar. */
export function horizontalBarChart(o: ChartOptions): string {
  const width = 640;
  const rowH = 36;
  const top = 12;
  const labelW = 220;
  const valueW = 110;
  const height = top * 2 + Math.max(1, o.data.length) * rowH;
  const plotW = width - labelW - valueW;
  const max = maxOf(o.data) || 1;
  let body = `<line x1="${labelW}" y1="${top}" x2="${labelW}" y2="${height - top}" stroke="${PALETTE.axis}" stroke-width="1"/>`;
  o.data.forEach((d, i) => {
    const y = top + i * rowH;
    const w = d.value !== null && d.value > 0 ? Math.max(1, (d.value / max) * plotW) : 0;
    body += text(labelW - 8, y + rowH / 2 + 5, shorten(d.label, 28), 'end');
    if (w > 0) body += `<rect x="${labelW}" y="${y + 6}" width="${r1(w)}" height="${rowH - 12}" fill="${fillOf(o.id, i)}" stroke="${PALETTE.barAlt}"/>`;
    body += text(labelW + w + 8, y + rowH / 2 + 5, d.display, 'start', ' font-weight="600"');
  });
  return `${open(o, width, height)}${body}</svg>`;
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
