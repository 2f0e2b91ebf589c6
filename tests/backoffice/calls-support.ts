// Helpers for the back-office call tests: multipart posts with the CSRF field, HTML text checks.
import type { WebApp } from '../../src/web/app.tsx';
import { ORIGIN, parseCookieHeader } from '../support/http.ts';

/** A same-origin multipart POST (file uploads) carrying the CSRF cookie's token as `_csrf`. */
export async function postMultipart(app: WebApp, path: string, form: FormData, cookie: string): Promise<Response> {
  const token = parseCookieHeader(cookie).get('approdo_csrf');
  if (!token) throw new Error('postMultipart: the cookie carries no CSRF token');
  form.append('_csrf', token);
  return app.request(path, { method: 'POST', headers: { cookie, origin: ORIGIN }, body: form, redirect: 'manual' });
}

/** The page's HTML with the entities hono/jsx writes turned back into characters. */
export const text = (html: string) =>
  html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A minimal but real PDF document. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** The first bytes of a PNG image. */
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
