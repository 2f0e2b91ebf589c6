// QR codes of a URL or a text, as an SVG to put in a page (with a <title>: it is an image with a
// name) or as a PNG of a given size for documents and downloads.
import QRCode from 'qrcode';
import { escapeXml } from '../charts/svg.ts';
import { err, ok, type Result } from '../result.ts';

/** L ≈ 7 %, M ≈ 15 %, Q ≈ 25 %, H ≈ 30 % of the symbol can be damaged and still read. */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export interface QrOptions {
  /** Default M: enough for print and screens; H when a logo or wear may cover part of it. */
  errorCorrection?: QrErrorCorrection;
  /** Quiet zone in modules around the symbol; the standard asks for 4 (the default). */
  margin?: number;
}

export interface QrSvgOptions extends QrOptions {
  /** The image's accessible name, e.g. "QR code: link to the call". */
  title: string;
  /** When given, the <svg> gets this id and points aria-labelledby at its <title>. */
  id?: string;
  /** width and height attributes in CSS pixels; without them the SVG scales to its container. */
  size?: number;
}

export interface QrPngOptions extends QrOptions {
  /** Width and height of the PNG in pixels. */
  size: number;
}

export type QrError =
  | { code: 'empty' }
  /** More data than a QR code holds at this error-correction level. */
  | { code: 'too_long' }
  /** The PNG is smaller than one pixel per module: the code would not read. */
  | { code: 'size_too_small'; minimum: number }
  | { code: 'invalid_size' };

export type UrlError = { code: 'invalid_url' } | { code: 'not_https' } | { code: 'has_credentials' };

/**
 * An absolute https URL, normalised, or why not. A QR code sends people to the address without
 * showing it first: only https, and no user:password@ that could dress one host up as another.
 */
export function httpsUrl(input: string): Result<string, UrlError> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return err({ code: 'invalid_url' });
  }
  if (url.protocol !== 'https:') return err({ code: 'not_https' });
  if (url.username || url.password) return err({ code: 'has_credentials' });
  if (!url.hostname) return err({ code: 'invalid_url' });
  return ok(url.href);
}

/** The symbol's side in modules (margin excluded), or why the text cannot be encoded. */
function symbolSize(text: string, level: QrErrorCorrection): Result<number, QrError> {
  if (!text) return err({ code: 'empty' });
  try {
    return ok(QRCode.create(text, { errorCorrectionLevel: level }).modules.size);
  } catch (e) {
    // qrcode throws on input it cannot hold; anything else is a bug and goes up.
    if (e instanceof Error && /too big|amount of data/i.test(e.message)) return err({ code: 'too_long' });
    throw e;
  }
}

export async function qrSvg(text: string, o: QrSvgOptions): Promise<Result<string, QrError>> {
  const level = o.errorCorrection ?? 'M';
  const size = symbolSize(text, level);
  if (!size.ok) return size;
  if (o.size !== undefined && !(Number.isInteger(o.size) && o.size > 0)) return err({ code: 'invalid_size' });
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: level, margin: o.margin ?? 4, width: o.size });
  const id = o.id?.replace(/[^A-Za-z0-9_-]/g, '-');
  const naming = id ? ` id="${id}" aria-labelledby="${id}-title"` : '';
  const title = `<title${id ? ` id="${id}-title"` : ''}>${escapeXml(o.title)}</title>`;
  return ok(svg.trim().replace(/^<svg /, `<svg role="img"${naming} `).replace(/(<svg[^>]*>)/, `$1${title}`));
}

export async function qrPng(text: string, o: QrPngOptions): Promise<Result<Buffer, QrError>> {
  const level = o.errorCorrection ?? 'M';
  const margin = o.margin ?? 4;
  if (!Number.isInteger(o.size) || o.size <= 0 || o.size > 4096) return err({ code: 'invalid_size' });
  const size = symbolSize(text, level);
  if (!size.ok) return size;
  const minimum = size.value + 2 * margin;
  // Below one pixel per module qrcode silently ignores the width asked for: say so instead.
  if (o.size < minimum) return err({ code: 'size_too_small', minimum });
  return ok(await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: level, margin, width: o.size }));
}
