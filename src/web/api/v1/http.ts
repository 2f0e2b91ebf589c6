// What every API v1 request goes through: bearer authentication (cookies are ignored), a per-token
// rate limit, JSON bodies read without ever throwing, and errors as JSON in the client's language.
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../context.ts';
import { verifyBearer } from '../../../domains/accounts/index.ts';
import { RateLimiter } from '../../../platform/http/rate-limit.ts';
import { t, type Locale } from '../../../platform/i18n/index.ts';
import type { DomainError, FieldErrors } from '../../../platform/result.ts';
import { isUuid } from '../../../platform/query.ts';

type C = Context<AppEnv>;

/** English unless the client prefers Italian (Accept-Language), whatever the site path says. */
export function apiLocale(c: C): Locale {
  const header = c.req.header('accept-language');
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.split('-')[0], weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.weight > 0 && (x.lang === 'it' || x.lang === 'en'))
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  return (ranked[0]?.lang as Locale | undefined) ?? 'en';
}

export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'conflict'
  | 'invalid_state'
  | 'rate_limited';

export function apiError(c: C, status: ContentfulStatusCode, error: ApiErrorCode, messageKey = `api.errors.${error}`, vars?: Record<string, string | number>) {
  const body: Record<string, string> = { error, message: t(apiLocale(c), messageKey, vars) };
  if (!messageKey.startsWith('api.errors.')) body.code = messageKey;
  return c.json(body, status);
}

export function invalidResponse(c: C, fields: FieldErrors) {
  const locale = apiLocale(c);
  const out: Record<string, { code: string; message: string }> = {};
  for (const [name, code] of Object.entries(fields)) out[name] = { code, message: t(locale, code) };
  return c.json({ error: 'invalid' as const, fields: out }, 422);
}

/** A domain error as the HTTP answer a client can act on. */
export function domainErrorResponse(c: C, e: DomainError) {
  switch (e.code) {
    case 'not_found':
      return apiError(c, 404, 'not_found');
    case 'forbidden':
      return apiError(c, 403, 'forbidden');
    case 'conflict':
      return apiError(c, 409, 'conflict', e.message ?? 'api.errors.conflict');
    case 'invalid':
      return invalidResponse(c, e.fields);
    case 'invalid_state':
      return apiError(c, 409, 'invalid_state', e.message);
  }
}

const unauthorized = (c: C, invalidToken: boolean) => {
  c.header('WWW-Authenticate', invalidToken ? 'Bearer realm="approdo", error="invalid_token"' : 'Bearer realm="approdo"');
  return apiError(c, 401, 'unauthorized');
};

/**
 * Only the bearer token counts: a signed-in browser's session cookie (already loaded by the app's
 * middleware) is replaced by the token's actor, so cookies can never drive the API (no CSRF).
 */
export function bearerAuth(opts: { limit: number; windowMs: number }): MiddlewareHandler<AppEnv> {
  const limiter = new RateLimiter(opts.limit, opts.windowMs);
  return async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const header = c.req.header('authorization');
    const m = header ? /^Bearer[ ]+(\S{1,200})\s*$/i.exec(header) : null;
    if (!m) return unauthorized(c, false);
    const actor = await verifyBearer(c.var.deps, m[1], c.var.requestId);
    if (!actor) return unauthorized(c, true);
    const wait = limiter.hit(actor.id ?? '');
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return apiError(c, 429, 'rate_limited', 'api.errors.rate_limited', { seconds: wait });
    }
    c.set('user', null);
    c.set('actor', actor);
    await next();
  };
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export type BodyResult = { ok: true; value: Record<string, unknown> | undefined } | { ok: false; response: Response };

/**
 * The request body as a JSON object; undefined when there is none. Malformed JSON, a non-object
 * or a non-JSON content type become 400/415 answers, never exceptions.
 */
export async function readJsonObject(c: C): Promise<BodyResult> {
  const text = await c.req.text();
  if (!text.trim()) return { ok: true, value: undefined };
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) return { ok: false, response: apiError(c, 415, 'unsupported_media_type') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(c, 400, 'bad_request', 'api.errors.malformed_json') };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, response: apiError(c, 400, 'bad_request', 'api.errors.not_an_object') };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Turns ISO 8601 strings (with an offset, so the instant is unambiguous) into Date for the named
 * fields; anything else there becomes a field error. null and absent pass through.
 */
export function convertDates(body: Record<string, unknown>, fields: readonly string[]): { value: Record<string, unknown>; errors: FieldErrors } {
  const value = { ...body };
  const errors: FieldErrors = {};
  for (const k of fields) {
    const v = body[k];
    if (v === undefined || v === null) continue;
    const d = typeof v === 'string' && ISO_DATE_TIME.test(v.trim()) ? new Date(v.trim()) : null;
    if (d && !Number.isNaN(d.getTime())) value[k] = d;
    else errors[k] = 'api.errors.invalid_datetime';
  }
  return { value, errors };
}


/** If-Match: "<version>" (or *): the version the client edited, undefined when not given. */
export function ifMatchVersion(header: string | undefined): number | undefined | 'any' | 'malformed' {
  if (header === undefined) return undefined;
  const h = header.trim();
  if (h === '*') return 'any';
  const m = /^"(\d{1,9})"$/.exec(h);
  return m ? Number(m[1]) : 'malformed';
}
