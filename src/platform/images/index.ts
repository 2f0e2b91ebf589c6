// Uploaded images made safe to publish: the real type read from the bytes (JPEG, PNG, WebP only),
// a cap on pixels against decompression bombs, turned upright by EXIF orientation, resized to the
// declared widths (never enlarged) and re-encoded with every piece of metadata (GPS too) dropped.
import sharp, { type Metadata } from 'sharp';
import { err, ok, type Result } from '../result.ts';

export type ImageType = 'jpeg' | 'png' | 'webp';
export type OutputFormat = 'webp' | 'jpeg';

/** The widths pages ask for in srcset; a narrower original adds its own width as the largest. */
export const DEFAULT_WIDTHS: readonly number[] = [320, 640, 1280];
/** 40 megapixels: above any phone camera, far below what would exhaust memory when decoded. */
export const DEFAULT_MAX_PIXELS = 40_000_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export const CONTENT_TYPES: Record<ImageType, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export interface ProcessImageOptions {
  widths?: readonly number[];
  /** Default ['webp']; add 'jpeg' where WebP cannot go (PDF documents: pdfkit embeds only JPEG and PNG). */
  formats?: readonly OutputFormat[];
  maxPixels?: number;
  maxBytes?: number;
  /** 1–100, default 80 for both formats. */
  quality?: number;
}

export interface ImageVariant {
  format: OutputFormat;
  contentType: string;
  width: number;
  height: number;
  bytes: Buffer;
}

export interface ProcessedImage {
  /** What was uploaded, as detected from its bytes. */
  sourceType: ImageType;
  /** The upright size of the original (after EXIF orientation). */
  width: number;
  height: number;
  /** Narrowest first, each width in every format asked for. */
  variants: ImageVariant[];
}

/** Formats people try to upload that we refuse, named so the message can say what to do. */
export type RefusedType = 'svg' | 'gif' | 'heic' | 'avif' | 'tiff' | 'bmp' | 'pdf' | 'unknown';

export type ImageError =
  | { code: 'empty' }
  | { code: 'too_large'; maxBytes: number }
  | { code: 'unsupported_type'; detected: RefusedType }
  | { code: 'too_many_pixels'; pixels: number; maxPixels: number }
  /** The bytes start like an image of an accepted type but do not decode as one. */
  | { code: 'invalid_image' };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => Buffer.from(b.subarray(from, to)).toString('latin1');

/** The type the bytes really are, whatever the file name or the declared content type say. */
export function detectImageType(b: Uint8Array): ImageType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  return null;
}

function refusedType(b: Uint8Array): RefusedType {
  const head = ascii(b, 0, 512).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<') && head.includes('<svg'))) return 'svg';
  if (head.startsWith('gif8')) return 'gif';
  if (head.startsWith('%pdf')) return 'pdf';
  if (head.startsWith('bm')) return 'bmp';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand.startsWith('avi')) return 'avif';
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1)/.test(brand)) return 'heic';
  }
  return 'unknown';
}

/** The widths to produce for an original this wide: the declared ones that fit, plus the original's own if narrower than the largest. */
export function widthsFor(sourceWidth: number, widths: readonly number[] = DEFAULT_WIDTHS): number[] {
  const fit = [...new Set(widths)].filter((w) => w <= sourceWidth).sort((a, b) => a - b);
  if (sourceWidth < Math.max(...widths) && !fit.includes(sourceWidth)) fit.push(sourceWidth);
  return fit;
}

export async function processImage(input: Uint8Array, o: ProcessImageOptions = {}): Promise<Result<ProcessedImage, ImageError>> {
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxPixels = o.maxPixels ?? DEFAULT_MAX_PIXELS;
  const formats = o.formats?.length ? [...new Set(o.formats)] : (['webp'] as const);
  const quality = Math.min(100, Math.max(1, Math.round(o.quality ?? 80)));
  if (input.length === 0) return err({ code: 'empty' });
  if (input.length > maxBytes) return err({ code: 'too_large', maxBytes });
  const sourceType = detectImageType(input);
  if (!sourceType) return err({ code: 'unsupported_type', detected: refusedType(input) });

  // Header only: width and height are read without decoding the pixels, so a bomb stops here.
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return err({ code: 'invalid_image' });
  }
  if (meta.format !== sourceType || !meta.width || !meta.height) return err({ code: 'invalid_image' });
  const pixels = meta.width * meta.height;
  if (pixels > maxPixels) return err({ code: 'too_many_pixels', pixels, maxPixels });
  const width = meta.autoOrient.width;
  const height = meta.autoOrient.height;

  const variants: ImageVariant[] = [];
  try {
    for (const w of widthsFor(width, o.widths)) {
      // One decode per width keeps the code plain; sharp shrinks JPEGs while decoding, so it is cheap.
      // No keep*/with* metadata call: sharp writes none, and converts to sRGB without embedding a profile.
      // failOn stays at sharp's default ('warning'), the level its authors advise for untrusted input.
      const base = sharp(input, { limitInputPixels: maxPixels, autoOrient: true }).resize({ width: w, withoutEnlargement: true });
      for (const format of formats) {
        const pipeline = format === 'webp' ? base.clone().webp({ quality }) : base.clone().flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true });
        const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
        variants.push({ format, contentType: CONTENT_TYPES[format], width: info.width, height: info.height, bytes: data });
      }
    }
  } catch {
    return err({ code: 'invalid_image' });
  }
  return ok({ sourceType, width, height, variants });
}
