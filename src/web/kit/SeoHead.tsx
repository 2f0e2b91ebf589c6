// What search engines and link previews read in <head>: canonical URL, the Italian and English
// alternates, Open Graph and Twitter tags, the Atom feed, and JSON-LD data when a page has some.
import { raw } from 'hono/html';
import type { Ctx } from '../context.ts';

/** The site path in a locale: "/bandi" → "/en/bandi", "/" → "/en". */
export const localePath = (locale: 'it' | 'en', path: string) => (locale === 'it' ? path : path === '/' ? '/en' : `/en${path}`);

/**
 * JSON for a <script type="application/ld+json"> block: "<" is written as \u003c so a value holding
 * "</script>" or "<!--" cannot end the block; U+2028/2029 likewise, for old parsers.
 */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface SeoHeadProps {
  c: Ctx;
  title: string;
  description: string;
  /** The page's path without the locale prefix, e.g. /bandi/dirigente-medico. */
  path: string;
  /** Canonical query string (without "?"), part of the canonical URL. */
  query?: string;
  type?: 'website' | 'article';
  jsonLd?: unknown;
}

export function SeoHead({ c, title, description, path, query, type = 'website', jsonLd }: SeoHeadProps) {
  const { t, locale, deps } = c.var;
  const base = deps.config.baseUrl;
  const qs = query ? `?${query}` : '';
  const url = (l: 'it' | 'en') => base + localePath(l, path) + qs;
  const ogLocale = (l: 'it' | 'en') => (l === 'it' ? 'it_IT' : 'en_GB');
  const other = locale === 'it' ? 'en' : 'it';
  return (
    <>
      <link rel="canonical" href={url(locale)} />
      <link rel="alternate" hreflang="it" href={url('it')} />
      <link rel="alternate" hreflang="en" href={url('en')} />
      <link rel="alternate" hreflang="x-default" href={url('it')} />
      <link rel="alternate" type="application/atom+xml" title={t('public.feed.title')} href={base + localePath(locale, '/bandi/feed.xml')} />
      <meta property="og:type" content={type} />
      <meta property="og:site_name" content={t('common.site_name')} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url(locale)} />
      <meta property="og:locale" content={ogLocale(locale)} />
      <meta property="og:locale:alternate" content={ogLocale(other)} />
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      {jsonLd ? <script type="application/ld+json">{raw(jsonLdText(jsonLd))}</script> : null}
    </>
  );
}
