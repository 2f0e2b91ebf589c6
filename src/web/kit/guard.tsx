// Back-office helpers shared by sections: the role check in front of a section (403 page in the
// site's look), mapping a domain error to its page, and the post/redirect/get flash message.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from '../context.ts';
import { ErrorPage } from '../pages/errors.tsx';
import { can, type Rule } from '../../platform/authz/index.ts';
import type { DomainError } from '../../platform/result.ts';
import { isUuid } from '../../platform/query.ts';

/** The domain checks again on every operation; this only answers early and in one place. */
export const requireRule =
  (rule: Rule): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!can(c.var.actor, rule)) return c.html(<ErrorPage c={c} kind="forbidden" />, 403);
    await next();
  };

/** 404 unless each named path parameter is a UUID: a mistyped or forged id never reaches a query. */
export const requireUuid =
  (...names: string[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!names.every((n) => isUuid(c.req.param(n)))) return c.html(<ErrorPage c={c} kind="not_found" />, 404);
    await next();
  };

/** The page for a domain error that is not a form problem: 403 or 404. */
export function errorResponse(c: Ctx, error: DomainError | { code: string }) {
  if (error.code === 'forbidden') return c.html(<ErrorPage c={c} kind="forbidden" />, 403);
  return c.html(<ErrorPage c={c} kind="not_found" />, 404);
}

/** `?esito=<key>` after a redirect, shown only for keys the page knows (never echoed as given). */
export function flash(c: Ctx, prefix: string, known: readonly string[]): string | null {
  const key = c.req.query('esito');
  return key && known.includes(key) ? c.var.t(`${prefix}.${key}`) : null;
}
