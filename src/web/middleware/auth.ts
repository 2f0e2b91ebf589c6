// Loads the signed-in staff user (if any) from the better-auth session, and guards /admin.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, StaffUser } from '../context.ts';
import type { StaffRole } from '../../domains/accounts/tables.ts';

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?approdo\.session_token=/;

/** Whether a Cookie header carries a staff session cookie (valid or not). */
export const hasSessionCookie = (cookie: string | null | undefined): boolean => !!cookie && SESSION_COOKIE.test(cookie);

export const loadUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const cookie = c.req.header('cookie');
  if (cookie && SESSION_COOKIE.test(cookie)) {
    const session = await c.var.deps.auth.api.getSession({ headers: c.req.raw.headers }).catch(() => null);
    const u = session?.user as (StaffUser & { disabled?: boolean }) | undefined;
    if (u && !u.disabled) {
      const user: StaffUser = { id: u.id, email: u.email, name: u.name, role: u.role as StaffRole };
      c.set('user', user);
      c.set('actor', { id: user.id, label: user.email, role: user.role, requestId: c.var.requestId });
    }
  }
  await next();
};

/** Redirects anonymous visitors to the sign-in page, keeping where they wanted to go. */
export const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) {
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
  c.header('Cache-Control', 'private, no-store');
  await next();
};
