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
import type { AppDeps, AppEnv, Ctx } from '../context.ts';
import type { CachedPage } from '../../platform/http/render-cache.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { requestIdFrom, securityHeaderList } from './core.ts';
import { hasSessionCookie } from './auth.tsx';

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

function notModified(inm: string | null | undefined, ims: string | null | undefined, page: CachedPage): boolean {
  if (inm != null) return etagMatches(inm, page.etag);
  if (!ims) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Date.parse(page.lastModified) <= since;
}

function pageResponse(
  page: CachedPage,
  inm: string | null | undefined,
  ims: string | null | undefined,
  extra?: Record<string, string>,
  head = false,
): Response {
  const headers = { ...extra, ETag: page.etag, 'Last-Modified': page.lastModified, 'Cache-Control': CACHE_CONTROL };
  if (notModified(inm, ims, page)) return new Response(null, { status: 304, headers });
  return new Response(head ? null : page.body, { status: page.status, headers: { ...headers, 'Content-Type': page.contentType } });
}

function serve(c: Ctx, page: CachedPage): Response {
  c.res = pageResponse(page, c.req.header('if-none-match'), c.req.header('if-modified-since'));
  c.res.headers.delete('set-cookie');
  return c.res;
}

/**
 * The fast path, tried before routing: an anonymous GET whose exact URL (locale, path, query as
 * written) is a cached page is answered without building a request context or running the
 * middleware chain: that chain costs several times the hit itself. Anything else (a session
 * cookie, a query written differently, an encoded path) goes the normal way, where the
 * middleware below still finds the page by its canonical key.
 */
export function createFastPath(deps: AppDeps) {
  const fixed = Object.fromEntries(securityHeaderList(deps.config.secureCookies));
  return (req: Request, locale: Locale, path: string, search: string): Response | null => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || path.includes('%')) return null;
    const key = `${locale}:${path}${search.length > 1 ? search : ''}`;
    const page = deps.cache.get(key);
    if (!page) return null;
    const headers = req.headers;
    if (hasSessionCookie(headers.get('cookie'))) return null;
    const requestId = requestIdFrom(headers.get('x-request-id'));
    const res = pageResponse(page, headers.get('if-none-match'), headers.get('if-modified-since'), { ...fixed, 'X-Request-Id': requestId }, req.method === 'HEAD');
    if (deps.logger.isLevelEnabled('info')) deps.logger.info({ requestId, method: req.method, path, status: res.status, cache: 'hit' }, 'request');
    return res;
  };
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
    if (c.var.csrfToken && body.includes(c.var.csrfToken)) {
      // A per-visitor form slipped into a public page: serve it to this visitor only.
      c.res = new Response(body, { status: res.status, headers: res.headers });
      c.header('Cache-Control', 'private, no-store');
      return;
    }
    const now = c.var.deps.now().getTime();
    let expiresAt = now + PAGE_MAX_AGE_MS;
    const change = opts.changesAt ? await opts.changesAt(c) : null;
    if (change) expiresAt = Math.min(expiresAt, Math.max(change.getTime(), now + 1000));
    // Stored as bytes: a hit then writes them as they are (no UTF-8 encoding of tens of kilobytes).
    const bytes = new TextEncoder().encode(body) as Uint8Array<ArrayBuffer>;
    const page = cache.set(key, { body: bytes, contentType, status: 200, tags, expiresAt }, generation);
    serve(c, page);
  };
}
