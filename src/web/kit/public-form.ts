// What the public forms anyone can send (a lead, an alert sign-up, a webinar registration) share:
// their pages are never stored by a cache, and each address of origin and each email may send only
// so many an hour. The limit is an operation's error like any other (`rate_limited`), which the
// page answers with 429, a Retry-After header and the form again.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { setResponseHeader } from '../middleware/core.ts';
import { RateLimiter } from '../../platform/http/rate-limit.ts';

const HOUR = 60 * 60_000;

/** Pages with a form (its CSRF token) or a secret link are per person: `private, no-store`. */
export const privatePages: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  setResponseHeader(c, 'Cache-Control', 'private, no-store');
};

/** A form sent too often: how many seconds to wait. */
export type RateLimited = { code: 'rate_limited'; wait: number };

/**
 * The limits of one form, per application instance (each process counts on its own, as the
 * sign-in limits do). Example: `const limit = formLimits(); … if (limit(clientIp(c), email)) …`
 * gives the seconds to wait, 0 while under both limits (10 an hour per address, 3 per email).
 */
export function formLimits({ perAddress = 10, perEmail = 3, windowMs = HOUR } = {}): (address: string | null, email: string) => number {
  const byAddress = new RateLimiter(perAddress, windowMs);
  const byEmail = new RateLimiter(perEmail, windowMs);
  // An empty email (a form sent without one, answered at the field) counts against no address.
  return (address, email) => Math.max(address ? byAddress.hit(address) : 0, email ? byEmail.hit(email.toLowerCase()) : 0);
}

/** The seconds to wait when a form's error is `rate_limited` (for formPost's `other`), else null. */
export const rateLimitWait = (e: { code: string }): number | null => (e.code === 'rate_limited' && 'wait' in e && typeof e.wait === 'number' ? e.wait : null);
