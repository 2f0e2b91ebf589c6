// Booking a talk with the welcome team from a signed link (/appuntamento/<token>; free slots one
// week at a time, an expired link answers 410 with a way to ask for a new one), and the personal
// page to move or cancel it (/appuntamento/gestisci/<token>). No account and no JavaScript needed.
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import type { FormValues } from '../../../platform/forms/index.ts';
import { RateLimiter } from '../../../platform/http/rate-limit.ts';
import { bookAppointment, bookingPage, cancelAppointment, manageAppointmentPage, moveAppointment } from '../../../domains/appointments/index.ts';
import type { FormState } from '../../kit/form.tsx';
import { errorResponse } from '../../kit/guard.tsx';
import { formPost, formState, oneValue, withFlash } from '../../kit/post.ts';
import { SECRET_REFERRER_POLICY } from '../../kit/public-page.tsx';
import { clientIp } from '../auth/auth.tsx';
import { BookPage, expired, ManagePage, rateLimited } from './pages.tsx';

/** Pages whose URL holds a token: never cached, not indexed, no Referer to other sites. */
const secretUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'private, no-store');
  c.res.headers.set('Referrer-Policy', SECRET_REFERRER_POLICY);
  c.res.headers.set('X-Robots-Tag', 'noindex');
};

const HOUR = 3_600_000;
const token = (c: Ctx) => c.req.param('token') ?? '';
const gone = (c: Ctx) => errorResponse(c, { code: 'not_found' });
/** What the person typed about themselves, kept when the form comes back. */
const details = (v: FormValues) => ({ name: oneValue(v, 'name'), email: oneValue(v, 'email'), phone: oneValue(v, 'phone'), topic: oneValue(v, 'topic') });

/** The manage page again, 422 with the slot's message or 409 with why the move was refused; 404 when the link no longer names a talk. */
async function managePage(c: Ctx, s: FormState, alert?: string) {
  const d = await manageAppointmentPage(c.var.deps, token(c));
  if (!d) return gone(c);
  return c.html(<ManagePage c={c} d={d} token={token(c)} s={s} alert={alert} />, alert ? 409 : 200);
}

/** The booking page again (422 or 409 as for the manage page); an expired link is 410, a forged one 404. */
async function bookPage(c: Ctx, s: FormState, alert?: string) {
  const d = await bookingPage(c.var.deps, token(c));
  if (d === 'expired') return expired(c);
  if (!d) return gone(c);
  return c.html(<BookPage c={c} slots={d.slots} token={token(c)} s={s} alert={alert} />, alert ? 409 : 200);
}

/** The link no longer books: 410 when it expired (with a way to ask again), 404 when it never was. */
const linkGone = async (c: Ctx) => ((await bookingPage(c.var.deps, token(c))) === 'expired' ? expired(c) : gone(c));

export function appointmentRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', secretUrl);
  // Booking, moving and cancelling are public forms: counted per address and per link, so one link
  // cannot be used to churn a team member's calendar and one address cannot try many links.
  const byIp = new RateLimiter(30, HOUR);
  const byLink = new RateLimiter(10, HOUR);
  app.post('*', async (c, next) => {
    const ip = clientIp(c);
    const link = c.req.path.replace(/^(\/en)?\/appuntamento\/(gestisci\/)?/, '').split('/')[0] ?? '';
    const wait = Math.max(ip ? byIp.hit(ip) : 0, link ? byLink.hit(link) : 0);
    return wait === 0 ? next() : rateLimited(c, wait);
  });

  app.get('/gestisci/:token', (c) => managePage(c, formState(c)));

  app.post(
    '/gestisci/:token/sposta',
    formPost({
      run: (c, values) => moveAppointment(c.var.deps, token(c), oneValue(values, 'slot')),
      done: (c, a) => withFlash(c, `/appuntamento/gestisci/${a.manageToken}`, 'moved'),
      invalid: (c, s) => managePage(c, s),
      other: (c, e) => managePage(c, formState(c), c.var.t(e.code === 'conflict' ? 'appointments.errors.slot_taken' : 'appointments.errors.not_booked')),
    }),
  );

  // Cancelling twice is no error: the page says it is cancelled.
  const cancelled = (c: Ctx) => withFlash(c, `/appuntamento/gestisci/${token(c)}`, 'cancelled');
  app.post(
    '/gestisci/:token/annulla',
    formPost({
      run: (c) => cancelAppointment(c.var.deps, token(c)),
      done: cancelled,
      other: (c, e) => (e.code === 'invalid_state' ? c.redirect(cancelled(c), 303) : null),
    }),
  );

  app.get('/:token', async (c) => {
    const d = await bookingPage(c.var.deps, token(c));
    if (d === 'expired') return expired(c);
    if (!d) return gone(c);
    const { name, email, phone } = d.prefill;
    return c.html(<BookPage c={c} slots={d.slots} token={token(c)} s={formState(c, { name, email, phone })} />);
  });

  app.post(
    '/:token',
    formPost({
      run: (c, values) => bookAppointment(c.var.deps, token(c), { slot: oneValue(values, 'slot'), ...details(values) }, c.var.locale),
      done: (c, a) => withFlash(c, `/appuntamento/gestisci/${a.manageToken}`, 'booked'),
      invalid: (c, s) => bookPage(c, s),
      other: (c, e, values) => {
        if (e.code === 'conflict') return bookPage(c, formState(c, details(values)), c.var.t('appointments.errors.slot_taken'));
        if (e.code !== 'not_found' && e.code !== 'invalid_state') throw new Error(`bookAppointment: unexpected ${e.code}`);
        return linkGone(c);
      },
    }),
  );

  return app;
}
