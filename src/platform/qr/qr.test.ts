// QR codes: the PNG is the size asked for and carries the symbol module by module (read back with
// sharp), the SVG is well-formed XML with its title, and only https URLs pass the URL helper.
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { httpsUrl, qrPng, qrSvg } from './index.ts';

const URL_TEXT = 'https://approdo.example.it/bandi/dirigente-medico-cardiologia?utm_source=qr';

describe('qrPng', () => {
  it('is a PNG of the size asked for', async () => {
    const r = await qrPng(URL_TEXT, { size: 300 });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    const meta = await sharp(r.value).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 300, 300]);
  });

  it('holds the same modules as the symbol qrcode computes (a decoding without a decoder)', async () => {
    const margin = 4;
    const symbol = QRCode.create(URL_TEXT, { errorCorrectionLevel: 'H' }).modules;
    const side = symbol.size + 2 * margin;
    const scale = 8;
    const r = await qrPng(URL_TEXT, { size: side * scale, errorCorrection: 'H', margin });
    if (!r.ok) throw new Error(r.error.code);
    const { data, info } = await sharp(r.value).greyscale().raw().toBuffer({ resolveWithObject: true });
    let differ = 0;
    for (let row = 0; row < symbol.size; row++) {
      for (let col = 0; col < symbol.size; col++) {
        const x = (col + margin) * scale + scale / 2;
        const y = (row + margin) * scale + scale / 2;
        const dark = data[y * info.width + x]! < 128;
        if (dark !== Boolean(symbol.data[row * symbol.size + col])) differ++;
      }
    }
    expect(differ).toBe(0);
    // The quiet zone is light.
    expect(data[2 * info.width + 2]).toBeGreaterThan(200);
  });

  it('refuses a size below one pixel per module, empty text and text too long for a QR code', async () => {
    expect(await qrPng(URL_TEXT, { size: 20 })).toEqual({ ok: false, error: { code: 'size_too_small', minimum: expect.any(Number) } });
    expect(await qrPng(URL_TEXT, { size: 0 })).toEqual({ ok: false, error: { code: 'invalid_size' } });
    expect(await qrPng('', { size: 300 })).toEqual({ ok: false, error: { code: 'empty' } });
    expect(await qrPng('x'.repeat(5000), { size: 300 })).toEqual({ ok: false, error: { code: 'too_long' } });
  });

  it('grows with the error-correction level', async () => {
    const low = QRCode.create(URL_TEXT, { errorCorrectionLevel: 'L' }).modules.size;
    const high = QRCode.create(URL_TEXT, { errorCorrectionLevel: 'H' }).modules.size;
    expect(high).toBeGreaterThan(low);
    const r = await qrPng(URL_TEXT, { size: high + 8 - 1, errorCorrection: 'H' });
    expect(r).toEqual({ ok: false, error: { code: 'size_too_small', minimum: high + 8 } });
  });
});

describe('qrSvg', () => {
  it('is well-formed SVG, an image named by its title (escaped)', async () => {
    const r = await qrSvg(URL_TEXT, { title: 'Codice QR: bando "Cardiologia" & <altro>', id: 'qr-call', size: 200 });
    if (!r.ok) throw new Error(r.error.code);
    expect(XMLValidator.validate(r.value)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.value) as {
      svg: { role: string; id: string; 'aria-labelledby': string; width: string; xmlns: string; title: { '#text': string; id: string } };
    };
    expect(doc.svg.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(doc.svg.role).toBe('img');
    expect(doc.svg['aria-labelledby']).toBe('qr-call-title');
    expect(doc.svg.title.id).toBe('qr-call-title');
    expect(doc.svg.width).toBe('200');
    expect(r.value).toContain('<title id="qr-call-title">Codice QR: bando &quot;Cardiologia&quot; &amp; &lt;altro&gt;</title>');
  });

  it('without an id or a size keeps the title and scales to its container', async () => {
    const r = await qrSvg('testo libero', { title: 'QR' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value).toMatch(/^<svg role="img" xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"[^>]*><title>QR<\/title>/);
    expect(r.value).not.toContain('width=');
  });

  it('refuses empty text', async () => {
    expect(await qrSvg('', { title: 'QR' })).toEqual({ ok: false, error: { code: 'empty' } });
  });
});

describe('httpsUrl', () => {
  it('accepts https URLs, normalised', () => {
    expect(httpsUrl(' https://Approdo.example.it/bandi?x=1 ')).toEqual({ ok: true, value: 'https://approdo.example.it/bandi?x=1' });
  });
  it('refuses other schemes, credentials and non-URLs', () => {
    for (const u of ['http://approdo.example.it', 'javascript:alert(1)', 'data:text/html,x', 'ftp://a.it', 'mailto:a@b.it']) {
      expect(httpsUrl(u), u).toEqual({ ok: false, error: { code: 'not_https' } });
    }
    expect(httpsUrl('https://comune.it@evil.example/')).toEqual({ ok: false, error: { code: 'has_credentials' } });
    for (const u of ['', 'approdo.example.it', '/bandi', 'https://']) expect(httpsUrl(u), u).toEqual({ ok: false, error: { code: 'invalid_url' } });
  });
});
