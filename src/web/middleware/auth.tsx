// Loads the signed-in person (if any) from the better-auth session with their memberships, and
// guards the areas: /admin for staff, /partner/<org> for members of that organisation.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx, SessionUser } from '../context.ts';
import { membershipIn, userActor, type ScopeKind, type StaffRole } from '../../platform/authz/index.ts';
import { membershipsOf } from '../../domains/accounts/index.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { ErrorPage } from '../pages/errors.tsx';

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?approdo\.session_token=/;

/** Whether a Cookie header carries a session cookie (valid or not). */
export const hasSessionCookie = (cookie: string | null | undefined): boolean => !!cookie && SESSION_COOKIE.test(cookie);

export const loadUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const cookie = c.req.header('cookie');
  if (cookie && SESSION_COOKIE.test(cookie)) {
    const session = await c.var.deps.auth.api.getSession({ headers: c.req.raw.headers }).catch(() => null);
    const u = session?.user as { id: string; email: string; name: string; role?: string | null; locale?: string; disabled?: boolean } | undefined;
    if (u && !u.disabled) {
      const user: SessionUser = { id: u.id, email: u.email, name: u.name, role: (u.role as StaffRole | null | undefined) ?? null, locale: u.locale ?? 'it' };
      c.set('user', user);
      c.set('actor', userActor(user, await membershipsOf(c.var.deps.db, user.id), c.var.requestId));
    }
  }
  await next();
};

/** The sign-in page, keeping where the visitor wanted to go (for htmx fragments: the page they sit on). */
function toSignIn(c: Ctx) {
  // An htmx fragment (a polled progress block) would swap the sign-in page into itself: htmx
  // follows HX-Redirect with a full navigation instead, back to the page the fragment sits on.
  const fromHtmx = c.req.header('hx-request') === 'true';
  const current = fromHtmx ? c.req.header('hx-current-url') : undefined;
  const here = current && URL.canParse(current) ? new URL(current) : null;
  const next_ = here && here.origin === new URL(c.req.url).origin ? here.pathname.replace(/^\/en(?=\/|$)/, '') + here.search : c.req.path + new URL(c.req.url).search;
  const target = `${c.var.lp('/accedi')}?next=${encodeURIComponent(next_)}`;
  if (fromHtmx) {
    c.header('HX-Redirect', target);
    return c.body(null, 401);
  }
  return c.redirect(target, 303);
}

/** The back office: anonymous visitors to the sign-in page; people without a staff role get the 403 page. */
export const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return toSignIn(c);
  c.header('Cache-Control', 'private, no-store');
  if (!c.var.user.role) return c.html(<ErrorPage c={c} kind="forbidden" />, 403);
  await next();
};

/**
 * The pages of one organisation (or group): loads it and the actor's membership once per request.
 * An unknown slug and a scope the person is not a member of are the same 404 — nobody learns which
 * organisations exist by trying.
 */
export function requireMembership(
  scope: ScopeKind,
  param: string,
  load: (db: DomainDeps['db'], slug: string) => Promise<{ id: string; slug: string; name: string } | null>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.var.user) return toSignIn(c);
    c.header('Cache-Control', 'private, no-store');
    const slug = c.req.param(param) ?? '';
    const found = await load(c.var.deps.db, slug);
    const membership = found ? membershipIn(c.var.actor, scope, found.id) : undefined;
    if (!found || !membership) return c.html(<ErrorPage c={c} kind="not_found" />, 404);
    c.set('scope', { ...found, membership });
    await next();
  };
}
