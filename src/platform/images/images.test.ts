// Uploaded images: a phone photo with GPS, XMP, an ICC profile and orientation 6 comes out upright,
// at the declared widths, with no metadata left; anything but JPEG, PNG and WebP is refused.
import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { detectImageType, processImage, widthsFor } from './index.ts';

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Mario Rossi</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';

/**
 * A 1600×800 JPEG stored sideways (left half red, right half blue) with EXIF orientation 6: shown
 * upright it is 800×1600 with red on top. It carries GPS (IFD3), a camera make, XMP and an ICC profile.
 */
async function phonePhoto(): Promise<Buffer> {
  const red = await sharp({ create: { width: 800, height: 800, channels: 3, background: { r: 220, g: 20, b: 20 } } }).png().toBuffer();
  return sharp({ create: { width: 1600, height: 800, channels: 3, background: { r: 20, g: 20, b: 220 } } })
    .composite([{ input: red, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '46/1 4/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 7/1 30/1' },
    })
    .withXmp(XMP)
    .withIccProfile('p3')
    .toBuffer();
}

async function pixel(bytes: Buffer, x: number, y: number) {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return { r: data[i]!, g: data[i + 1]!, b: data[i + 2]! };
}

describe('processImage', () => {
  it('turns the photo upright, resizes it and strips EXIF (GPS too), XMP and the ICC profile', async () => {
    const input = await phonePhoto();
    const before = await sharp(input).metadata();
    // The fixture really carries what must go.
    expect(before.orientation).toBe(6);
    expect(before.exif!.includes(Buffer.from('TestPhone'))).toBe(true);
    expect(before.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer tag 0x8825 (little-endian)
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();

    const r = await processImage(input, { formats: ['webp', 'jpeg'] });
    if (!r.ok) throw new Error(r.error.code);
    expect([r.value.sourceType, r.value.width, r.value.height]).toEqual(['jpeg', 800, 1600]);
    // 320 and 640 fit; 1280 would enlarge, so the original's 800 is the largest.
    expect(r.value.variants.map((v) => [v.format, v.width, v.height])).toEqual([
      ['webp', 320, 640], ['jpeg', 320, 640],
      ['webp', 640, 1280], ['jpeg', 640, 1280],
      ['webp', 800, 1600], ['jpeg', 800, 1600],
    ]);
    for (const v of r.value.variants) {
      const m = await sharp(v.bytes).metadata();
      expect(m.format).toBe(v.format);
      expect([m.width, m.height]).toEqual([v.width, v.height]);
      expect(v.contentType).toBe(`image/${v.format}`);
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(m.iptc).toBeUndefined();
      expect(m.orientation).toBeUndefined();
      expect(v.bytes.includes(Buffer.from('TestPhone'))).toBe(false);
      expect(v.bytes.includes(Buffer.from('Mario Rossi'))).toBe(false);
      // Upright: red on top, blue at the bottom.
      const top = await pixel(v.bytes, Math.floor(v.width / 2), Math.floor(v.height / 4));
      const bottom = await pixel(v.bytes, Math.floor(v.width / 2), Math.floor((v.height * 3) / 4));
      expect(top.r).toBeGreaterThan(150);
      expect(top.b).toBeLessThan(100);
      expect(bottom.b).toBeGreaterThan(150);
      expect(bottom.r).toBeLessThan(100);
    }
  });

  it('keeps PNG transparency in WebP and never enlarges a small image', async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const r = await processImage(png);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.variants).toHaveLength(1);
    const [v] = r.value.variants;
    expect([v!.format, v!.width, v!.height]).toEqual(['webp', 200, 100]);
    expect((await sharp(v!.bytes).metadata()).hasAlpha).toBe(true);
  });

  it('accepts WebP', async () => {
    const webp = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#336699' } }).webp().toBuffer();
    const r = await processImage(webp, { widths: [640] });
    expect(r.ok && r.value.variants.map((v) => v.width)).toEqual([640]);
  });

  it('refuses SVG, GIF, a PDF and text, naming what it saw', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
    expect(await processImage(svg)).toEqual({ ok: false, error: { code: 'unsupported_type', detected: 'svg' } });
    expect(await processImage(Buffer.from('  <svg onload="alert(1)"></svg>'))).toEqual({ ok: false, error: { code: 'unsupported_type', detected: 'svg' } });
    expect(await processImage(gif)).toEqual({ ok: false, error: { code: 'unsupported_type', detected: 'gif' } });
    expect(await processImage(Buffer.from('%PDF-1.7\n...'))).toEqual({ ok: false, error: { code: 'unsupported_type', detected: 'pdf' } });
    expect(await processImage(Buffer.from('just some text, not an image'))).toEqual({ ok: false, error: { code: 'unsupported_type', detected: 'unknown' } });
    expect(await processImage(Buffer.alloc(0))).toEqual({ ok: false, error: { code: 'empty' } });
  });

  it('refuses bytes that start like a JPEG but are not one, and a file over the byte limit', async () => {
    expect(await processImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]))).toEqual({ ok: false, error: { code: 'invalid_image' } });
    const photo = await phonePhoto();
    expect(await processImage(photo.subarray(0, Math.floor(photo.length / 2)))).toEqual({ ok: false, error: { code: 'invalid_image' } });
    expect(await processImage(photo, { maxBytes: 1000 })).toEqual({ ok: false, error: { code: 'too_large', maxBytes: 1000 } });
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    // A tiny PNG whose header claims 10000×10000: 100 megapixels (300 MB) if anything decoded it.
    const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer());
    png.writeUInt32BE(10_000, 16);
    png.writeUInt32BE(10_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29); // IHDR's CRC covers its type and data
    expect(await processImage(png)).toEqual({ ok: false, error: { code: 'too_many_pixels', pixels: 100_000_000, maxPixels: 40_000_000 } });
    expect((await processImage(png, { maxPixels: 200_000_000 })).ok).toBe(false); // and decoding it fails, as it must
  });
});

describe('detectImageType and widthsFor', () => {
  it('reads the type from the signature only', () => {
    expect(detectImageType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('jpeg');
    expect(detectImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(detectImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(detectImageType(Buffer.from('GIF89a'))).toBeNull();
  });
  it('never enlarges, and adds the original width when it falls between the declared ones', () => {
    expect(widthsFor(4000)).toEqual([320, 640, 1280]);
    expect(widthsFor(1280)).toEqual([320, 640, 1280]);
    expect(widthsFor(900)).toEqual([320, 640, 900]);
    expect(widthsFor(100)).toEqual([100]);
  });
});
