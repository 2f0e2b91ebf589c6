// Public webinars: the list of upcoming open webinars (/webinar), a webinar's page with its
// registration form (/webinar/<slug>), the thanks page, and cancelling from the signed mail link
// (/webinar/annulla/<token>). Registering and cancelling are one domain operation each, via formPost.
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { isBot } from '../../../platform/consent/index.ts';
import type { FormValues } from '../../../platform/forms/index.ts';
import { err, notFound, ok, type FieldErrors, type Result } from '../../../platform/result.ts';
import { cancelRegistration, getPublicWebinar, getRegistrationByToken, listOpenWebinars, registerForWebinar, type PublicWebinar } from '../../../domains/meetings/index.ts';
import { errorResponse } from '../../kit/guard.tsx';
import { formLimits, privatePages, rateLimitWait, type RateLimited } from '../../kit/public-form.ts';
import { formPost, formState, oneValue } from '../../kit/post.ts';
import { clientIp } from '../auth/auth.tsx';
import { CancelRegistrationPage, ListPage, Message, WebinarPage } from './pages.tsx';

const SLUG = /^[a-z0-9-]{1,80}$/;

/** A slug that cannot be one is a 404 before any query. */
const requireSlug: MiddlewareHandler<AppEnv> = async (c, next) => (SLUG.test(c.req.param('slug') ?? '') ? next() : errorResponse(c, { code: 'not_found' }));

/** What the form shows again after a message (never the honeypot). */
const kept = (v: FormValues): FormValues => ({ name: v.name ?? '', email: v.email ?? '', locale: v.locale ?? '', consent: v.consent ?? '' });

/** The webinar's page with `over` applied, at `status`; 404 when the webinar went meanwhile. */
async function webinarPage(c: Ctx, props: { s?: FormValues; errors?: FieldErrors; alert?: string; over?: Partial<PublicWebinar> } = {}, status: 200 | 409 | 429 = 200) {
  const w = await getPublicWebinar(c.var.deps.db, c.req.param('slug') ?? '', c.var.deps.now());
  if (!w) return errorResponse(c, { code: 'not_found' });
  return c.html(<WebinarPage c={c} w={{ ...w, ...props.over }} s={formState(c, props.s, props.errors)} alert={props.alert} />, status);
}

type RegisterFailure = { code: string; fields?: FieldErrors; message?: string } | RateLimited;

export function webinarRoutes() {
  const app = new Hono<AppEnv>();
  const limit = formLimits();
  app.use('*', privatePages);

  app.get('/', async (c) => c.html(<ListPage c={c} items={await listOpenWebinars(c.var.deps.db, c.var.deps.now())} />));

  app.get('/grazie', (c) => c.html(<Message c={c} title={c.var.t('meetings.thanks.title')} text={c.var.t('meetings.thanks.text')} back />));

  const invalidLink = (c: Ctx) => c.html(<Message c={c} title={c.var.t('meetings.cancel.title')} text={c.var.t('meetings.cancel.invalid')} />, 404);
  const cancelled = (c: Ctx) => c.html(<Message c={c} title={c.var.t('meetings.cancel.done_title')} text={c.var.t('meetings.cancel.done_text')} back />);

  app.get('/annulla/:token', async (c) => {
    c.header('X-Robots-Tag', 'noindex');
    const d = await getRegistrationByToken(c.var.deps, c.req.param('token'));
    if (!d) return invalidLink(c);
    if (d.registration.status === 'cancelled') return cancelled(c);
    return c.html(<CancelRegistrationPage c={c} meeting={d.meeting} token={c.req.param('token')} />);
  });

  app.post(
    '/annulla/:token',
    formPost({
      run: (c) => cancelRegistration(c.var.deps, c.req.param('token') ?? ''),
      done: cancelled,
      other: invalidLink,
    }),
  );

  app.get('/:slug', requireSlug, (c) => webinarPage(c));

  app.post(
    '/:slug',
    requireSlug,
    formPost({
      async run(c, values): Promise<Result<unknown, RegisterFailure>> {
        const { deps } = c.var;
        const slug = c.req.param('slug') ?? '';
        // The same answer as a real registration: a bot learns nothing, and nothing is stored.
        if (isBot(values)) return ok(null);
        if (!(await getPublicWebinar(deps.db, slug, deps.now()))) return notFound();
        const wait = limit(clientIp(c), oneValue(values, 'email'));
        if (wait > 0) return err({ code: 'rate_limited', wait });
        return registerForWebinar(deps, slug, values, { actor: c.var.actor });
      },
      done: (c) => c.var.lp('/webinar/grazie'),
      invalid: (c, s) => webinarPage(c, { s: kept(s.values), errors: s.errors }),
      other: (c, e, values) => {
        const wait = rateLimitWait(e);
        if (wait !== null) {
          c.header('Retry-After', String(wait));
          return webinarPage(c, { s: kept(values), alert: c.var.t('meetings.errors.rate_limited', { minutes: Math.ceil(wait / 60) }) }, 429);
        }
        if (e.code === 'full') return webinarPage(c, { over: { seatsLeft: 0 } }, 409);
        if (e.code === 'closed') return webinarPage(c, {}, 409);
        return null;
      },
    }),
  );

  return app;
}
