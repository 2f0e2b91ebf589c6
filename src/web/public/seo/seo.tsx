// Feeds and machine endpoints: /bandi/feed.xml (Atom 1.0), /sitemap.xml, /robots.txt, /healthz.
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppEnv } from '../../context.ts';
import { callState, listVisibleCalls } from '../../../domains/calls/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { markdownToText } from '../../../platform/markdown.ts';
import { localePath } from '../../kit/SeoHead.tsx';
import { cachedPage } from '../../kit/cache.ts';

const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
})();

const FEED_ENTRIES = 50;

/** Text for XML: markup characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const latest = (...ds: (Date | null | undefined)[]) => new Date(Math.max(...ds.map((d) => d?.getTime() ?? 0)));

export function seoRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/bandi/feed.xml', cachedPage(), async (c) => {
    const { t, locale, deps } = c.var;
    const base = deps.config.baseUrl;
    const now = deps.now();
    const rows = await listVisibleCalls(deps.db, now, FEED_ENTRIES);
    const f = fmt(locale);
    const entries = rows.map((r) => {
      const url = base + localePath(locale, `/bandi/${r.slug}`);
      const state = callState(r, now);
      const summary = [
        `${t(`calls.states.${state}`)} — ${r.employerName}`,
        r.deadline ? t('public.feed.deadline', { deadline: f.dateTime.format(r.deadline) }) : '',
        markdownToText(r.descriptionMd, 400),
      ]
        .filter(Boolean)
        .join('. ');
      return [
        '<entry>',
        `<id>urn:uuid:${r.id}</id>`,
        `<title>${xmlText(r.title)}</title>`,
        `<updated>${latest(r.updatedAt, r.publishAt).toISOString()}</updated>`,
        r.publishAt ? `<published>${r.publishAt.toISOString()}</published>` : '',
        `<author><name>${xmlText(r.employerName)}</name></author>`,
        `<link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
        `<summary>${xmlText(summary)}</summary>`,
        '</entry>',
      ].join('');
    });
    const updated = rows.length ? latest(...rows.flatMap((r) => [r.updatedAt, r.publishAt])) : now;
    const self = base + localePath(locale, '/bandi/feed.xml');
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
      `<id>${xmlText(self)}</id>`,
      `<title>${xmlText(t('public.feed.title'))}</title>`,
      `<subtitle>${xmlText(t('public.feed.subtitle'))}</subtitle>`,
      `<updated>${updated.toISOString()}</updated>`,
      `<link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
      `<link rel="alternate" type="text/html" href="${xmlText(base + localePath(locale, '/bandi'))}"/>`,
      `<author><name>${xmlText(t('common.site_name'))}</name></author>`,
      '<generator>Approdo</generator>',
      ...entries,
      '</feed>',
    ].join('\n');
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });

  app.get('/sitemap.xml', cachedPage(), async (c) => {
    const { deps } = c.var;
    const base = deps.config.baseUrl;
    const rows = await listVisibleCalls(deps.db, deps.now());
    const newest = rows.length ? latest(...rows.flatMap((r) => [r.updatedAt, r.publishAt])) : null;
    const urls: string[] = [];
    const add = (path: string, lastmod: Date | null) => {
      for (const l of ['it', 'en'] as const) {
        urls.push(
          [
            '<url>',
            `<loc>${xmlText(base + localePath(l, path))}</loc>`,
            lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : '',
            `<xhtml:link rel="alternate" hreflang="it" href="${xmlText(base + localePath('it', path))}"/>`,
            `<xhtml:link rel="alternate" hreflang="en" href="${xmlText(base + localePath('en', path))}"/>`,
            '</url>',
          ].join(''),
        );
      }
    };
    add('/', newest);
    add('/bandi', newest);
    for (const r of rows) add(`/bandi/${r.slug}`, latest(r.updatedAt, r.publishAt));
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
      ...urls,
      '</urlset>',
    ].join('\n');
    return c.body(xml, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });

  app.get('/robots.txt', (c) => {
    const base = c.var.deps.config.baseUrl;
    const lines = ['User-agent: *', 'Allow: /'];
    for (const p of ['/admin', '/api', '/accedi']) lines.push(`Disallow: ${p}`, `Disallow: /en${p}`);
    // Following the apply button would count a click that no candidate made.
    lines.push('Disallow: /bandi/*/candidati', 'Disallow: /en/bandi/*/candidati', '', `Sitemap: ${base}/sitemap.xml`, '');
    return new Response(lines.join('\n'), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } });
  });

  app.get('/healthz', async (c) => {
    const ok = await Promise.race([
      c.var.deps.ping(),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref()),
    ]);
    return new Response(JSON.stringify({ status: ok ? 'ok' : 'error', database: ok ? 'ok' : 'error', version: VERSION }), {
      status: ok ? 200 : 503,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  });

  return app;
}
