// Render cache for anonymous visitors' public pages (home, /bandi, a call, feed, sitemap): the
// first request renders, later ones are served from memory with an ETag until the data behind
// the page changes (tag invalidation) or the clock opens or closes a call (expiry).
//
// Cookies: the CSRF middleware sets its cookie on every response, but a page served to everyone
// must not carry one visitor's Set-Cookie. Cacheable pages have no POST form (the search is a GET
// form), so they need no CSRF token: their responses go out without Set-Cookie, and the first page
// with a form (sign-in, later the alert sign-up) sets the cookie when it is shown. As a safety
// net, a page whose HTML contains the visitor's CSRF token is never stored and keeps its cookie.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from '../context.ts';
import type { CachedPage } from '../../platform/http/render-cache.ts';

export const PAGE_MAX_AGE_MS = 5 * 60_000;
const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export interface PageCacheOptions {
  /**
   * The canonical query string the page depends on (part of the key); the default ignores the
   * query, so tracking parameters and junk share the page's one entry.
   */
  query?: (params: URLSearchParams) => string;
  /** Data the page shows; an invalidation of any of these tags drops it. */
  tags?: string[];
  /** The next instant at which the page changes on the clock alone (a call opening or closing). */
  changesAt?: (c: Ctx) => Promise<Date | null>;
}

/** The cache key: locale + path + canonical query. */
export function pageKey(c: Ctx, query: string): string {
  return `${c.var.locale}:${c.req.path}${query ? `?${query}` : ''}`;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  // Weak comparison (RFC 9110 §13.1.2): W/"x" and "x" name the same representation.
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function notModified(c: Ctx, page: CachedPage): boolean {
  const inm = c.req.header('if-none-match');
  if (inm !== undefined) return etagMatches(inm, page.etag);
  const ims = c.req.header('if-modified-since');
  if (!ims) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Date.parse(page.lastModified) <= since;
}

function serve(c: Ctx, page: CachedPage): Response {
  const headers = { ETag: page.etag, 'Last-Modified': page.lastModified, 'Cache-Control': CACHE_CONTROL };
  c.res = notModified(c, page)
    ? new Response(null, { status: 304, headers })
    : new Response(page.body, { status: page.status, headers: { ...headers, 'Content-Type': page.contentType } });
  c.res.headers.delete('set-cookie');
  return c.res;
}

export function pageCache(opts: PageCacheOptions = {}): MiddlewareHandler<AppEnv> {
  const tags = opts.tags ?? [];
  return async (c, next) => {
    // Hono runs the GET route for HEAD too (and drops the body).
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.var.user) {
      // Staff see their own header (back-office link): never shared, never stored.
      await next();
      c.header('Cache-Control', 'private, no-store');
      return;
    }
    const cache = c.var.deps.cache;
    const query = opts.query ? opts.query(new URL(c.req.url).searchParams) : '';
    const key = pageKey(c, query);
    const hit = cache.get(key);
    if (hit) return serve(c, hit);

    const generation = cache.currentGeneration();
    await next();
    const res = c.res;
    const contentType = res.headers.get('content-type') ?? '';
    const cc = res.headers.get('cache-control') ?? '';
    if (res.status !== 200 || !/^(text\/html|application\/(atom\+)?xml|text\/xml)/.test(contentType) || /no-store|private/.test(cc)) return;
    const body = await res.text();
    if (body.includes(c.var.csrfToken)) {
      // A per-visitor form slipped into a public page: serve it to this visitor only.
      c.res = new Response(body, { status: res.status, headers: res.headers });
      c.header('Cache-Control', 'private, no-store');
      return;
    }
    const now = c.var.deps.now().getTime();
    let expiresAt = now + PAGE_MAX_AGE_MS;
    const change = opts.changesAt ? await opts.changesAt(c) : null;
    if (change) expiresAt = Math.min(expiresAt, Math.max(change.getTime(), now + 1000));
    const page = cache.set(key, { body, contentType, status: 200, tags, expiresAt }, generation);
    serve(c, page);
  };
}
