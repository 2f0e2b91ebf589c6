// The public side of the alerts (/avvisi): sign-up with double opt-in, confirmation, the signed
// preferences page (change, pause, download, erase), one-click unsubscribe (RFC 8058), consent
// renewal and the alert's click-through. Pages reached by a signed link never change anything on
// GET (mail scanners prefetch links): every change is a POST from a button, each one operation.
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import type { FormState } from '../../kit/form.tsx';
import { isBot } from '../../kit/consent.tsx';
import { SECRET_REFERRER_POLICY } from '../../kit/public-page.tsx';
import { formPost, formState, oneValue, withFlash } from '../../kit/post.ts';
import { formLimits, privatePages, rateLimitWait, type RateLimited } from '../../kit/public-form.ts';
import { setResponseHeader } from '../../middleware/core.ts';
import { parseForm, type FormValues } from '../../../platform/forms/index.ts';
import { cleanSource, pickUtm } from '../../../platform/consent/index.ts';
import { err, ok, type DomainError, type FieldErrors, type Result } from '../../../platform/result.ts';
import {
  ALERT_PATHS,
  changeStatus,
  confirmSubscription,
  eraseSubscriber,
  exportSubscriberData,
  findSignup,
  prefsSchema,
  recordAlertClick,
  renewConsent,
  requestSubscription,
  signupSchema,
  subscriberFromToken,
  subscriberPrefs,
  unsubscribeByToken,
  updatePreferences,
  waitingForDigest,
  type StatusChange,
  type Subscriber,
} from '../../../domains/alerts/index.ts';
import { alertFormOptions, defaultValues, formErrors, prefsToValues, readAlertForm, type ComuneProblem } from './form-read.ts';
import { ConfirmedPage, ConfirmPage, ErasedPage, ErasePage, RenewedPage, RenewPage, UnsubscribedPage, UnsubscribePage } from './link-pages.tsx';
import { PREFS_NOTICES, PrefsPage } from './prefs-page.tsx';
import { CheckInboxPage, SignupPage } from './signup-page.tsx';
import { gone, goneOnError, GONE, subscriberPost } from './shared.tsx';
import { clientIp } from '../auth/auth.tsx';

const DEFAULT_SOURCE = 'avvisi';

/** A form the visitor must correct, with the comuni typed that were not understood (listed at the field). */
type AlertFormError = { code: 'invalid'; fields: FieldErrors; comuneProblems: ComuneProblem[] };
type SignupError = AlertFormError | RateLimited | { code: 'gone' } | DomainError;

const problemsOf = (e: { code: string }): ComuneProblem[] => ('comuneProblems' in e ? (e as AlertFormError).comuneProblems : []);

/**
 * Reads the alert form, checks it against the domain's schema (`signup` or `prefs`) and, when it is
 * sound, hands the domain's fields to `next`; its field errors come back worded for the form.
 */
async function withAlertForm<T>(c: Ctx, values: FormValues, signup: boolean, next: (input: FormValues) => Promise<Result<T, SignupError>>): Promise<Result<T, SignupError>> {
  const form = await readAlertForm(c.var.deps.db, values, { signup });
  const invalidForm = (fields: FieldErrors) => err({ code: 'invalid' as const, fields: formErrors(fields), comuneProblems: form.comuneProblems });
  const parsed = parseForm(signup ? signupSchema : prefsSchema, form.input);
  const errors = { ...(parsed.ok ? {} : parsed.errors), ...form.errors };
  if (Object.keys(errors).length) return invalidForm(errors);
  const r = await next(form.input);
  return !r.ok && r.error.code === 'invalid' && 'fields' in r.error ? invalidForm(r.error.fields) : r;
}

/** Pages whose URL holds a token: not indexed, and no Referer carrying it to another site. */
const secretUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  setResponseHeader(c, 'Referrer-Policy', SECRET_REFERRER_POLICY);
  setResponseHeader(c, 'X-Robots-Tag', 'noindex');
};

/** The sign-up page, first shown or again with what was typed. */
async function signupPage(c: Ctx, s: FormState, opts: { comuneProblems?: ComuneProblem[]; alert?: string; query?: boolean } = {}) {
  const read = (k: string) => (opts.query ? c.req.query(k) : oneValue(s.values, k) || undefined);
  const source = cleanSource(read(opts.query ? 'da' : 'source')) ?? DEFAULT_SOURCE;
  return <SignupPage c={c} v={{ s, opts: await alertFormOptions(c.var.deps.db), comuneProblems: opts.comuneProblems, alert: opts.alert, source, utm: pickUtm(read) }} />;
}

/** The preferences page, with the flash after a redirect or a form's errors. */
async function prefsPage(c: Ctx, sub: Subscriber, token: string, s: FormState, comuneProblems?: ComuneProblem[]) {
  const [opts, waiting] = await Promise.all([alertFormOptions(c.var.deps.db), waitingForDigest(c.var.deps, sub.id)]);
  const done = c.req.query('esito');
  const notice = done && (PREFS_NOTICES as readonly string[]).includes(done) ? c.var.t(`alerts_public.prefs.notice_${done}`) : null;
  return c.html(<PrefsPage c={c} v={{ sub, token, s, opts, waiting, notice, comuneProblems }} />);
}

const STATUS_CHANGES: Record<string, [StatusChange, string]> = { pause: ['pause', 'paused'], resume: ['resume', 'resumed'], unsubscribe: ['unsubscribe', 'unsubscribed'] };

export function alertRoutes() {
  const app = new Hono<AppEnv>();
  const limit = formLimits();

  // Every /avvisi page is per person (a form with its CSRF token, or a secret link): never stored.
  app.use('*', privatePages);
  for (const p of ['/conferma/*', '/preferenze/*', '/disiscrizione/*', '/rinnovo/*', '/c/*']) app.use(p, secretUrl);

  // ----- sign-up -----

  app.get('/', async (c) => c.html(await signupPage(c, formState(c, defaultValues(c)), { query: true })));

  app.post(
    '/',
    formPost({
      run: async (c, values): Promise<Result<null, SignupError>> => {
        if (isBot(values)) {
          // The same answer as a real sign-up: a bot learns nothing, and nothing is stored or sent.
          c.var.log.info({ event: 'alerts_honeypot' }, 'alert sign-up honeypot filled');
          return ok(null);
        }
        return withAlertForm(c, values, true, async (input) => {
          const wait = limit(clientIp(c), oneValue(input, 'email'));
          if (wait > 0) return err({ code: 'rate_limited', wait });
          const source = cleanSource(oneValue(values, 'source')) ?? DEFAULT_SOURCE;
          const utm = pickUtm((k) => oneValue(values, k) || undefined);
          // Known or unknown address: the same redirect (the mail itself tells the owner which case it is).
          const r = await requestSubscription(c.var.deps, input, { source, utm });
          return r.ok ? ok(null) : r;
        });
      },
      done: (c) => c.var.lp('/avvisi/controlla-la-posta'),
      invalid: async (c, s, e) => c.html(await signupPage(c, s, { comuneProblems: problemsOf(e) })),
      other: (c, e, values) => {
        const wait = rateLimitWait(e);
        if (wait === null) return null;
        c.header('Retry-After', String(wait));
        const alert = c.var.t('alerts_public.errors.rate_limited', { minutes: Math.ceil(wait / 60) });
        return signupPage(c, formState(c, values), { alert }).then((page) => c.html(page, 429));
      },
    }),
  );

  app.get('/controlla-la-posta', (c) => c.html(<CheckInboxPage c={c} />));

  // ----- confirmation (double opt-in) -----

  app.get('/conferma/:token', async (c) => {
    const token = c.req.param('token');
    const signup = await findSignup(c.var.deps, token);
    if (!signup) return gone(c);
    return c.html(<ConfirmPage c={c} email={signup.email} token={token} />);
  });

  app.post(
    '/conferma/:token',
    formPost({
      run: async (c) => {
        const r = await confirmSubscription(c.var.deps, c.req.param('token') ?? '');
        return r.ok ? r : GONE;
      },
      done: (c, s) => {
        c.var.log.info({ event: 'alerts_confirmed', subscriberId: s.id }, 'alert subscription confirmed');
        return c.html(<ConfirmedPage c={c} s={s} />);
      },
      other: goneOnError,
    }),
  );

  // ----- preferences (signed link) -----

  app.get('/preferenze/:token', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromToken(c.var.deps, 'prefs', token);
    if (!sub) return gone(c);
    const values = await prefsToValues(c.var.deps.db, await subscriberPrefs(c.var.deps.db, sub));
    return prefsPage(c, sub, token, formState(c, values));
  });

  app.post(
    '/preferenze/:token',
    subscriberPost('prefs', (sub, token) => ({
      run: (c, values) => withAlertForm(c, values, false, async (input) => {
        const r = await updatePreferences(c.var.deps, sub, input);
        return r.ok ? ok(null) : r.error.code === 'invalid' ? r : err({ code: 'gone' as const });
      }),
      done: (c) => withFlash(c, ALERT_PATHS.prefs(token), 'saved'),
      invalid: (c, s, e) => prefsPage(c, sub, token, s, problemsOf(e)),
      other: goneOnError,
    })),
  );

  app.post(
    '/preferenze/:token/stato',
    subscriberPost('prefs', (sub, token) => ({
      run: async (c, values) => {
        // An unknown action changes nothing and shows the page again, without a message.
        const chosen = STATUS_CHANGES[oneValue(values, 'action')];
        if (chosen) await changeStatus(c.var.deps, sub, chosen[0]);
        return ok(chosen?.[1] ?? null);
      },
      done: (c, outcome) => (outcome ? withFlash(c, ALERT_PATHS.prefs(token), outcome) : c.var.lp(ALERT_PATHS.prefs(token))),
    })),
  );

  app.get('/preferenze/:token/dati.json', async (c) => {
    const sub = await subscriberFromToken(c.var.deps, 'prefs', c.req.param('token'));
    if (!sub) return gone(c);
    const data = await exportSubscriberData(c.var.deps.db, sub, c.var.deps.now());
    c.header('Content-Disposition', 'attachment; filename="approdo-avvisi-dati.json"');
    return c.body(JSON.stringify(data, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.get('/preferenze/:token/cancella', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromToken(c.var.deps, 'prefs', token);
    if (!sub) return gone(c);
    return c.html(<ErasePage c={c} sub={sub} token={token} />);
  });

  app.post(
    '/preferenze/:token/cancella',
    subscriberPost('prefs', (sub) => ({
      run: async (c) => ok(await eraseSubscriber(c.var.deps.db, sub)),
      done: (c) => {
        c.var.log.info({ event: 'alerts_erased' }, 'alert subscriber erased their data');
        return c.html(<ErasedPage c={c} />);
      },
    })),
  );

  // ----- unsubscribe (RFC 8058 one-click: the CSRF middleware lets this POST through) -----

  app.get('/disiscrizione/:token', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromToken(c.var.deps, 'unsub', token);
    if (!sub) return gone(c);
    return c.html(<UnsubscribePage c={c} sub={sub} token={token} />);
  });

  app.post(
    '/disiscrizione/:token',
    formPost({
      run: async (c) => {
        const sub = await unsubscribeByToken(c.var.deps, c.req.param('token') ?? '');
        return sub ? ok(sub) : GONE;
      },
      done: (c, sub) => c.html(<UnsubscribedPage c={c} sub={sub} />),
      other: goneOnError,
    }),
  );

  // ----- consent renewal -----

  app.get('/rinnovo/:token', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromToken(c.var.deps, 'renew', token);
    if (!sub) return gone(c);
    return c.html(<RenewPage c={c} sub={sub} token={token} />);
  });

  app.post(
    '/rinnovo/:token',
    subscriberPost('renew', (sub) => ({
      run: async (c) => ok(await renewConsent(c.var.deps, sub)),
      done: (c, renewed) => c.html(<RenewedPage c={c} sub={renewed} />),
    })),
  );

  // ----- click-through of an alert (a signed redirect, counted; no tracking pixel) -----

  app.get('/c/:token', async (c) => {
    const target = await recordAlertClick(c.var.deps, c.req.param('token'));
    if (!target) return gone(c);
    return c.redirect(c.var.lp(`/bandi/${target.slug}`), 303);
  });

  return app;
}
