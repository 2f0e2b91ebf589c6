// Middleware every request passes: request id and log line, security headers, locale, CSRF.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomUUID } from 'node:crypto';
import type { AppDeps, AppEnv } from '../context.ts';
import { translator, DEFAULT_LOCALE } from '../../platform/i18n/index.ts';
import { randomToken, safeEqual } from '../../platform/http/signing.ts';
import { anonymousActor } from '../../platform/authz/index.ts';

export const withDeps =
  (deps: AppDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    c.set('deps', deps);
    await next();
  };

/**
 * Sets a header on the finished response in place. c.header() after the handler rebuilds the
 * Response (turning its body into a stream) on every call, which cost most of a cached page's time.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value); // immutable headers (a fetched Response): let Hono copy it
  }
}

/** The caller's request id when it looks like one (a proxy's), else a new one. */
export const requestIdFrom = (incoming: string | null | undefined): string =>
  incoming && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();

export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requestId = requestIdFrom(c.req.header('x-request-id'));
  const log = c.var.deps.logger.child({ requestId });
  c.set('requestId', requestId);
  c.set('log', log);
  const locale = c.env?.locale ?? DEFAULT_LOCALE;
  c.set('locale', locale);
  c.set('t', translator(locale));
  c.set('lp', (path: string) => (locale === 'it' ? path : path === '/' ? '/en' : `/en${path}`));
  c.set('user', null);
  c.set('scope', null);
  c.set('actor', anonymousActor('anonymous', requestId));
  const started = performance.now();
  await next();
  setResponseHeader(c, 'X-Request-Id', requestId);
  const ms = Math.round((performance.now() - started) * 10) / 10;
  const level = c.res.status >= 500 ? 'error' : 'info';
  if (log.isLevelEnabled(level)) log[level]({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** The security headers every response carries (also used by the render cache's fast path). */
export function securityHeaderList(hsts: boolean): [string, string][] {
  const list: [string, string][] = [
    ['Content-Security-Policy', CSP],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
  ];
  if (hsts) list.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  return list;
}

export const securityHeaders = (hsts: boolean): MiddlewareHandler => {
  const list = securityHeaderList(hsts);
  return async (c, next) => {
    await next();
    for (const [k, v] of list) {
      // A page whose URL carries a secret (signed alert links) sets its own policy: keep it.
      if (k === 'Referrer-Policy' && c.res.headers.has(k)) continue;
      setResponseHeader(c, k, v);
    }
  };
};

const CSRF_COOKIE = 'approdo_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * RFC 8058 one-click unsubscribe: mail providers POST to the List-Unsubscribe URL without cookies
 * or Origin. The signed token in the path is the protection, and the POST only unsubscribes.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/avvisi\/disiscrizione\/[\w.-]{1,200}$/;

/**
 * CSRF: (1) a state-changing browser request must come from our own origin (Origin, or
 * Sec-Fetch-Site); (2) forms carry a token equal to a per-browser cookie (double submit).
 * Bearer-token API calls and the better-auth endpoints (which check origin themselves) are exempt
 * from (2); the one-click unsubscribe POST from both.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  let token = getCookie(c, CSRF_COOKIE);
  if (!token || !/^[\w-]{20,64}$/.test(token)) {
    token = randomToken();
    setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.var.deps.config.secureCookies });
  }
  c.set('csrfToken', token);
  if (!UNSAFE.has(c.req.method)) return next();
  const path = c.req.path;
  if (path.startsWith('/api/v1/') && c.req.header('authorization')?.startsWith('Bearer ')) return next();
  if (c.req.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(path)) return next();
  if (!sameOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), c.req.url, c.var.deps.config.baseUrl)) {
    return c.text(c.var.t('common.errors.csrf'), 403);
  }
  const ct = c.req.header('content-type') ?? '';
  if (ct.startsWith('application/x-www-form-urlencoded') || ct.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody({ all: true });
    const sent = typeof body._csrf === 'string' ? body._csrf : '';
    if (!sent || !safeEqual(sent, getCookie(c, CSRF_COOKIE) ?? '')) {
      return c.text(c.var.t('common.errors.csrf'), 403);
    }
  }
  return next();
};

export function sameOrigin(origin: string | undefined, secFetchSite: string | undefined, reqUrl: string, baseUrl: string): boolean {
  if (origin) {
    // A page with `Referrer-Policy: no-referrer` (the reset-password page, pages reached by a
    // signed link) makes the browser send `Origin: null` on its own forms; Sec-Fetch-Site, which
    // a page cannot forge, still tells whether the form is ours.
    if (origin === 'null') return secFetchSite === 'same-origin';
    return origin === new URL(baseUrl).origin || origin === new URL(reqUrl).origin;
  }
  if (secFetchSite) return secFetchSite === 'same-origin' || secFetchSite === 'none';
  // Neither header: not a modern browser's cross-site form (those always send Origin on POST).
  return true;
}
