// The public side of the alerts (/avvisi): sign-up with double opt-in, confirmation, the signed
// preferences page (change, pause, download, erase), one-click unsubscribe (RFC 8058), consent
// renewal and the alert's click-through. Pages reached by a signed link never change anything on
// GET (mail scanners prefetch links): every change is a POST from a button.
import { Hono, type MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CsrfField, FormActions, type FormState } from '../../kit/form.tsx';
import { ConsentField, HoneypotField, UtmFields, isBot } from '../../kit/consent.tsx';
import { setResponseHeader } from '../../middleware/core.ts';
import { formValues, parseForm, type FormValues } from '../../../platform/forms/index.ts';
import { cleanSource, pickUtm } from '../../../platform/consent/index.ts';
import { RateLimiter } from '../../../platform/http/rate-limit.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import {
  ALERT_PATHS,
  SIGNUP_TTL_DAYS,
  UNSUBSCRIBED_GRACE_DAYS,
  changeStatus,
  confirmSubscription,
  eraseSubscriber,
  exportSubscriberData,
  findSignup,
  recordAlertClick,
  renewConsent,
  requestSubscription,
  prefsSchema,
  signupSchema,
  subscriberFromToken,
  subscriberPrefs,
  subscriberToken,
  unsubscribeByToken,
  updatePreferences,
  waitingForDigest,
  type StatusChange,
  type Subscriber,
} from '../../../domains/alerts/index.ts';
import { AlertErrorSummary, AlertFields } from './form-fields.tsx';
import { alertFormOptions, defaultValues, formErrors, prefsToValues, readAlertForm, str, type AlertFormOptions, type ComuneProblem } from './form-read.ts';
import { LeadBlock } from '../leads/leads.tsx';
import { clientIp } from '../auth/auth.tsx';

const HOUR = 60 * 60_000;
const DAY = 86_400_000;
const DEFAULT_SOURCE = 'avvisi';

// ---------- shells ----------

/**
 * A page whose URL carries a secret: not indexed, and the URL never goes to another site as a
 * Referer ("same-origin": our own forms keep a real Origin header, other sites get nothing).
 */
const REFERRER_POLICY = 'same-origin';
const SECRET_URL_HEAD = (
  <>
    <meta name="robots" content="noindex" />
    <meta name="referrer" content={REFERRER_POLICY} />
  </>
);

function Shell({ c, title, children, secret, wide }: { c: Ctx; title: string; children?: Child; secret?: boolean; wide?: boolean }) {
  return (
    <Layout c={c} title={title} head={secret ? SECRET_URL_HEAD : undefined}>
      <div class="container my-5">
        <div class="row justify-content-center">
          <div class={wide ? 'col-12 col-lg-10' : 'col-12 col-lg-8'}>
            <h1 class="mb-4">{title}</h1>
            {children}
          </div>
        </div>
      </div>
    </Layout>
  );
}

function Notice({ text, kind = 'success' }: { text?: string | null; kind?: 'success' | 'danger' | 'info' }) {
  if (!text) return null;
  return (
    <div class={`alert alert-${kind}`} role={kind === 'danger' ? 'alert' : 'status'}>
      {text}
    </div>
  );
}

/** A signed or one-time link that names nothing (expired, used, forged, or the data erased). */
function LinkGone({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <Shell c={c} title={t('alerts_public.gone.title')} secret>
      <p class="lead">{t('alerts_public.gone.text')}</p>
      <p>
        <a class="btn btn-primary" href={lp('/avvisi')}>
          {t('alerts_public.gone.again')}
        </a>
      </p>
    </Shell>
  );
}

/** A form that is only a button (confirm, unsubscribe, renew, erase, pause…). */
function ButtonForm({ c, action, label, name, value, outline }: { c: Ctx; action: string; label: string; name?: string; value?: string; outline?: boolean }) {
  return (
    <form method="post" action={action} class="d-inline">
      <CsrfField token={c.var.csrfToken} />
      <button type="submit" class={outline ? 'btn btn-outline-primary' : 'btn btn-primary'} name={name} value={value}>
        {label}
      </button>
    </form>
  );
}

// ---------- sign-up ----------

interface SignupView {
  s: FormState;
  opts: AlertFormOptions;
  comuneProblems?: ComuneProblem[];
  alert?: string;
  source: string;
  utm: Record<string, string> | null;
}

function SignupPage({ c, v }: { c: Ctx; v: SignupView }) {
  const { t, lp } = c.var;
  return (
    <Layout c={c} title={t('alerts_public.signup.title')} description={t('alerts_public.meta_description')}>
      <div class="container my-5">
        <div class="row justify-content-center">
          <div class="col-12 col-lg-9">
            <h1>{t('alerts_public.signup.title')}</h1>
            <p class="lead">{t('alerts_public.signup.lead')}</p>

            <section class="mb-5" aria-labelledby="what-you-get">
              <h2 id="what-you-get" class="h3">
                {t('alerts_public.signup.what_title')}
              </h2>
              <ul>
                <li>{t('alerts_public.signup.what_match')}</li>
                <li>{t('alerts_public.signup.what_why')}</li>
                <li>{t('alerts_public.signup.what_control')}</li>
              </ul>
              <h3 class="h5">{t('alerts_public.signup.related_title')}</h3>
              <p>{t('alerts_public.signup.related_same')}</p>
              <ul>
                <li>{t('alerts_public.signup.related_equipollent')}</li>
                <li>{t('alerts_public.signup.related_affine')}</li>
              </ul>
              <p>{t('alerts_public.signup.related_why')}</p>
            </section>

            <section class="mb-5" aria-labelledby="signup-form">
              <h2 id="signup-form" class="h3">
                {t('alerts_public.signup.form_title')}
              </h2>
              <p>{t('alerts_public.signup.double_opt_in', { days: SIGNUP_TTL_DAYS })}</p>
              <p class="small">{t('alerts_public.signup.required_note')}</p>
              <Notice text={v.alert} kind="danger" />
              <AlertErrorSummary c={c} s={v.s} />
              <form method="post" action={lp('/avvisi')} novalidate class="alert-form">
                <CsrfField token={c.var.csrfToken} />
                <UtmFields utm={v.utm} source={v.source} />
                <AlertFields c={c} s={v.s} opts={v.opts} comuneProblems={v.comuneProblems} signup />
                <ConsentField t={t} lp={lp} purpose="alerts" error={v.s.errors.consent} checked={str(v.s.values, 'consent') === 'on'} />
                <HoneypotField t={t} />
                <FormActions>
                  <button type="submit" class="btn btn-primary">
                    {t('alerts_public.signup.submit')}
                  </button>
                </FormActions>
              </form>
            </section>

            <LeadBlock c={c} source="avvisi" />
          </div>
        </div>
      </div>
    </Layout>
  );
}

function CheckInboxPage({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <Shell c={c} title={t('alerts_public.check.title')}>
      <p class="lead">{t('alerts_public.check.text')}</p>
      <p>{t('alerts_public.check.valid', { days: SIGNUP_TTL_DAYS })}</p>
      <p>{t('alerts_public.check.spam')}</p>
      <p>
        <a href={lp('/bandi')}>{t('alerts_public.check.browse')}</a>
      </p>
    </Shell>
  );
}

// ---------- confirmation ----------

function ConfirmPage({ c, email, token }: { c: Ctx; email: string; token: string }) {
  const { t, lp } = c.var;
  return (
    <Shell c={c} title={t('alerts_public.confirm.title')} secret>
      <p class="lead">{t('alerts_public.confirm.intro', { email })}</p>
      <p>{t('alerts_public.confirm.why_button')}</p>
      <ButtonForm c={c} action={lp(ALERT_PATHS.confirm(token))} label={t('alerts_public.confirm.button')} />
    </Shell>
  );
}

function ConfirmedPage({ c, s }: { c: Ctx; s: Subscriber }) {
  const { t, lp } = c.var;
  return (
    <Shell c={c} title={t('alerts_public.confirm.done_title')} secret>
      <Notice text={t('alerts_public.confirm.done_text', { email: s.email })} />
      <p>{t('alerts_public.confirm.done_prefs')}</p>
      <p>
        <a class="btn btn-primary" href={lp(ALERT_PATHS.prefs(prefsToken(c, s)))}>
          {t('alerts_public.confirm.prefs_link')}
        </a>
      </p>
    </Shell>
  );
}

// ---------- preferences ----------

const prefsToken = (c: Ctx, s: Subscriber) => subscriberToken(c.var.deps.links.secret, 'prefs', s.id, s.linkVersion);
const NOTICES = new Set(['saved', 'paused', 'resumed', 'unsubscribed', 'renewed']);

interface PrefsView {
  sub: Subscriber;
  token: string;
  s: FormState;
  opts: AlertFormOptions;
  comuneProblems?: ComuneProblem[];
  waiting: number;
  notice?: string | null;
}

function StatusLine({ c, sub }: { c: Ctx; sub: Subscriber }) {
  const { t, locale } = c.var;
  const f = fmt(locale);
  if (sub.status === 'unsubscribed' && sub.unsubscribedAt) {
    return (
      <>
        {t('alerts_public.prefs.status_unsubscribed', {
          date: f.date.format(sub.unsubscribedAt),
          erase: f.date.format(new Date(sub.unsubscribedAt.getTime() + UNSUBSCRIBED_GRACE_DAYS * DAY)),
        })}
      </>
    );
  }
  return <>{t(`alerts_public.prefs.status_${sub.status}`)}</>;
}

function PrefsPage({ c, v }: { c: Ctx; v: PrefsView }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const { sub, token } = v;
  const base = lp(ALERT_PATHS.prefs(token));
  const waitingText =
    v.waiting === 0 ? t('alerts_public.prefs.waiting_none') : t(v.waiting === 1 ? 'alerts_public.prefs.waiting_one' : 'alerts_public.prefs.waiting_other', { n: v.waiting });
  return (
    <Shell c={c} title={t('alerts_public.prefs.title')} secret wide>
      <Notice text={v.notice} />
      <section class="mb-5" aria-labelledby="subscription">
        <h2 id="subscription" class="h3">
          {t('alerts_public.prefs.status_title')}
        </h2>
        <dl class="row">
          <dt class="col-sm-4">{t('alerts_public.prefs.email')}</dt>
          <dd class="col-sm-8">
            {sub.email}
            <br />
            <small>{t('alerts_public.prefs.email_note')}</small>
          </dd>
          <dt class="col-sm-4">{t('alerts_public.prefs.status')}</dt>
          <dd class="col-sm-8" id="subscription-status">
            <StatusLine c={c} sub={sub} />
          </dd>
          <dt class="col-sm-4">{t('alerts_public.prefs.consent_given')}</dt>
          <dd class="col-sm-8">{f.date.format(sub.consentAt)}</dd>
          <dt class="col-sm-4">{t('alerts_public.prefs.consent_expires')}</dt>
          <dd class="col-sm-8">
            {f.date.format(sub.consentExpiresAt)}
            <br />
            <small>{t('alerts_public.prefs.consent_renew_note')}</small>
          </dd>
          <dt class="col-sm-4">{t('alerts_public.prefs.frequency')}</dt>
          <dd class="col-sm-8">
            {t(`alerts_public.options.frequency_${sub.frequency}`)}
            {sub.frequency === 'weekly' || v.waiting > 0 ? (
              <>
                <br />
                <span id="digest-waiting">{waitingText}</span>
              </>
            ) : null}
          </dd>
        </dl>
        <div class="d-flex flex-wrap gap-2">
          {sub.status === 'active' ? (
            <ButtonForm c={c} action={`${base}/stato`} name="action" value="pause" label={t('alerts_public.prefs.pause')} outline />
          ) : (
            <ButtonForm c={c} action={`${base}/stato`} name="action" value="resume" label={t('alerts_public.prefs.resume')} />
          )}
          {sub.status !== 'unsubscribed' ? (
            <ButtonForm c={c} action={`${base}/stato`} name="action" value="unsubscribe" label={t('alerts_public.prefs.unsubscribe')} outline />
          ) : null}
        </div>
      </section>

      <section class="mb-5" aria-labelledby="prefs-form">
        <h2 id="prefs-form" class="h3">
          {t('alerts_public.prefs.form_title')}
        </h2>
        <p class="small">{t('alerts_public.signup.required_note')}</p>
        <AlertErrorSummary c={c} s={v.s} />
        <form method="post" action={base} novalidate class="alert-form">
          <CsrfField token={c.var.csrfToken} />
          <AlertFields c={c} s={v.s} opts={v.opts} comuneProblems={v.comuneProblems} signup={false} />
          <FormActions>
            <button type="submit" class="btn btn-primary">
              {t('alerts_public.prefs.save')}
            </button>
          </FormActions>
        </form>
      </section>

      <section class="mb-5" aria-labelledby="your-data">
        <h2 id="your-data" class="h3">
          {t('alerts_public.prefs.data_title')}
        </h2>
        <p>{t('alerts_public.prefs.download_hint')}</p>
        <p>
          <a class="btn btn-outline-primary" href={`${base}/dati.json`} download="approdo-avvisi-dati.json">
            {t('alerts_public.prefs.download')}
          </a>
        </p>
        <p>{t('alerts_public.prefs.erase_hint')}</p>
        <p>
          <a class="btn btn-outline-danger" href={`${base}/cancella`}>
            {t('alerts_public.prefs.erase')}
          </a>
        </p>
      </section>
    </Shell>
  );
}

function ErasePage({ c, sub, token }: { c: Ctx; sub: Subscriber; token: string }) {
  const { t, lp } = c.var;
  const base = lp(ALERT_PATHS.prefs(token));
  return (
    <Shell c={c} title={t('alerts_public.erase.title')} secret>
      <p class="lead">{t('alerts_public.erase.text', { email: sub.email })}</p>
      <ul>
        <li>{t('alerts_public.erase.what_subscription')}</li>
        <li>{t('alerts_public.erase.what_consents')}</li>
        <li>{t('alerts_public.erase.what_mails')}</li>
      </ul>
      <p>{t('alerts_public.erase.kept')}</p>
      <p>{t('alerts_public.erase.download_first')}</p>
      <div class="d-flex flex-wrap gap-2 align-items-center">
        <ButtonForm c={c} action={`${base}/cancella`} label={t('alerts_public.erase.button')} />
        <a class="btn btn-outline-primary" href={base}>
          {t('alerts_public.erase.cancel')}
        </a>
      </div>
    </Shell>
  );
}

function ErasedPage({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <Shell c={c} title={t('alerts_public.erase.done_title')} secret>
      <Notice text={t('alerts_public.erase.done_text')} />
      <p>
        <a href={lp('/avvisi')}>{t('alerts_public.erase.again')}</a>
      </p>
    </Shell>
  );
}

// ---------- unsubscribe, renewal ----------

function UnsubscribePage({ c, sub, token }: { c: Ctx; sub: Subscriber; token: string }) {
  const { t, lp } = c.var;
  if (sub.status === 'unsubscribed') return <UnsubscribedPage c={c} sub={sub} />;
  return (
    <Shell c={c} title={t('alerts_public.unsub.title')} secret>
      <p class="lead">{t('alerts_public.unsub.intro', { email: sub.email })}</p>
      <p>{t('alerts_public.unsub.pause_instead')}</p>
      <div class="d-flex flex-wrap gap-2 align-items-center">
        <ButtonForm c={c} action={lp(ALERT_PATHS.unsubscribe(token))} label={t('alerts_public.unsub.button')} />
        <a class="btn btn-outline-primary" href={lp(ALERT_PATHS.prefs(prefsToken(c, sub)))}>
          {t('alerts_public.unsub.prefs_link')}
        </a>
      </div>
    </Shell>
  );
}

function UnsubscribedPage({ c, sub }: { c: Ctx; sub: Subscriber }) {
  const { t, lp } = c.var;
  return (
    <Shell c={c} title={t('alerts_public.unsub.done_title')} secret>
      <Notice text={t('alerts_public.unsub.done_text', { email: sub.email })} />
      <p>{t('alerts_public.unsub.undo', { days: UNSUBSCRIBED_GRACE_DAYS })}</p>
      <p>
        <a class="btn btn-outline-primary" href={lp(ALERT_PATHS.prefs(prefsToken(c, sub)))}>
          {t('alerts_public.unsub.prefs_link')}
        </a>
      </p>
    </Shell>
  );
}

function RenewPage({ c, sub, token }: { c: Ctx; sub: Subscriber; token: string }) {
  const { t, lp, locale } = c.var;
  return (
    <Shell c={c} title={t('alerts_public.renew.title')} secret>
      <p class="lead">{t('alerts_public.renew.intro', { email: sub.email, date: fmt(locale).date.format(sub.consentExpiresAt) })}</p>
      <p>{t('alerts_public.renew.otherwise')}</p>
      <ButtonForm c={c} action={lp(ALERT_PATHS.renew(token))} label={t('alerts_public.renew.button')} />
    </Shell>
  );
}

function RenewedPage({ c, sub }: { c: Ctx; sub: Subscriber }) {
  const { t, lp, locale } = c.var;
  return (
    <Shell c={c} title={t('alerts_public.renew.done_title')} secret>
      <Notice text={t('alerts_public.renew.done_text', { date: fmt(locale).date.format(sub.consentExpiresAt) })} />
      <p>
        <a href={lp(ALERT_PATHS.prefs(prefsToken(c, sub)))}>{t('alerts_public.renew.prefs_link')}</a>
      </p>
    </Shell>
  );
}

// ---------- routes ----------

const state = (c: Ctx, values: FormValues, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

/** Every /avvisi page is per person (a form with its CSRF token, or a secret link): never stored. */
const privatePages: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  setResponseHeader(c, 'Cache-Control', 'private, no-store');
};

/** Pages whose URL holds a token: not indexed, and no Referer carrying it to another site. */
const secretUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  setResponseHeader(c, 'Referrer-Policy', REFERRER_POLICY);
  setResponseHeader(c, 'X-Robots-Tag', 'noindex');
};

const gone = (c: Ctx) => c.html(<LinkGone c={c} />, 404);

export function alertRoutes() {
  const app = new Hono<AppEnv>();
  // Per application instance, like the sign-in limits: each process counts on its own.
  const byIp = new RateLimiter(10, HOUR);
  const byEmail = new RateLimiter(3, HOUR);

  app.use('*', privatePages);
  for (const p of ['/conferma/*', '/preferenze/*', '/disiscrizione/*', '/rinnovo/*', '/c/*']) app.use(p, secretUrl);

  // ----- sign-up -----

  app.get('/', async (c) => {
    const opts = await alertFormOptions(c.var.deps.db);
    const source = cleanSource(c.req.query('da')) ?? DEFAULT_SOURCE;
    const utm = pickUtm((k) => c.req.query(k));
    return c.html(<SignupPage c={c} v={{ s: state(c, defaultValues(c)), opts, source, utm }} />);
  });

  app.post('/', async (c) => {
    const { deps, t, lp } = c.var;
    const values = formValues(await c.req.parseBody({ all: true }));
    const sent = lp('/avvisi/controlla-la-posta');
    if (isBot(values)) {
      // The same answer as a real sign-up: a bot learns nothing, and nothing is stored or sent.
      c.var.log.info({ event: 'alerts_honeypot' }, 'alert sign-up honeypot filled');
      return c.redirect(sent, 303);
    }
    const source = cleanSource(values.source) ?? DEFAULT_SOURCE;
    const utm = pickUtm((k) => (typeof values[k] === 'string' ? (values[k] as string) : undefined));
    const opts = await alertFormOptions(deps.db);
    const form = await readAlertForm(deps.db, values, { signup: true });
    const page = (errors: FieldErrors, status: 422 | 429, alert?: string) =>
      c.html(<SignupPage c={c} v={{ s: state(c, values, formErrors(errors)), opts, comuneProblems: form.comuneProblems, alert, source, utm }} />, status);

    const parsed = parseForm(signupSchema, form.input);
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...form.errors };
    if (Object.keys(errors).length) return page(errors, 422);
    const email = str(form.input, 'email').toLowerCase();
    const ip = clientIp(c);
    const wait = Math.max(ip ? byIp.hit(ip) : 0, byEmail.hit(email));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return page({}, 429, t('alerts_public.errors.rate_limited', { minutes: Math.ceil(wait / 60) }));
    }
    // Known or unknown address: the same redirect (the mail itself tells the owner which case it is).
    const r = await requestSubscription(deps, form.input, { source, utm });
    if (r.ok) return c.redirect(sent, 303);
    if (r.error.code === 'invalid') return page(r.error.fields, 422);
    throw new Error(`requestSubscription: unexpected ${r.error.code}`);
  });

  app.get('/controlla-la-posta', (c) => c.html(<CheckInboxPage c={c} />));

  // ----- confirmation (double opt-in) -----

  app.get('/conferma/:token', async (c) => {
    const token = c.req.param('token');
    const signup = await findSignup(c.var.deps, token);
    if (!signup) return gone(c);
    return c.html(<ConfirmPage c={c} email={signup.email} token={token} />);
  });

  app.post('/conferma/:token', async (c) => {
    const r = await confirmSubscription(c.var.deps, c.req.param('token'));
    if (!r.ok) return gone(c);
    c.var.log.info({ event: 'alerts_confirmed', subscriberId: r.value.id }, 'alert subscription confirmed');
    return c.html(<ConfirmedPage c={c} s={r.value} />);
  });

  // ----- preferences (signed link) -----

  const loadPrefsPage = async (c: Ctx, sub: Subscriber, token: string, s: FormState, problems?: ComuneProblem[]) => {
    const [opts, waiting] = await Promise.all([alertFormOptions(c.var.deps.db), waitingForDigest(c.var.deps, sub.id)]);
    const done = c.req.query('esito');
    const notice = done && NOTICES.has(done) ? c.var.t(`alerts_public.prefs.notice_${done}`) : null;
    return <PrefsPage c={c} v={{ sub, token, s, opts, waiting, notice, comuneProblems: problems }} />;
  };

  app.get('/preferenze/:token', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromToken(c.var.deps, 'prefs', token);
    if (!sub) return gone(c);
    const values = await prefsToValues(c.var.deps.db, await subscriberPrefs(c.var.deps.db, sub));
    return c.html(await loadPrefsPage(c, sub, token, state(c, values)));
  });

  app.post('/preferenze/:token', async (c) => {
    const { deps, lp } = c.var;
    const token = c.req.param('token');
    const sub = await subscriberFromToken(deps, 'prefs', token);
    if (!sub) return gone(c);
    const values = formValues(await c.req.parseBody({ all: true }));
    const form = await readAlertForm(deps.db, values, { signup: false });
    const reject = async (errors: FieldErrors) => c.html(await loadPrefsPage(c, sub, token, state(c, values, formErrors(errors)), form.comuneProblems), 422);
    const parsed = parseForm(prefsSchema, form.input);
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...form.errors };
    if (Object.keys(errors).length) return reject(errors);
    const r = await updatePreferences(deps, sub, form.input);
    if (!r.ok) {
      if (r.error.code === 'invalid') return reject(r.error.fields);
      return gone(c);
    }
    return c.redirect(`${lp(ALERT_PATHS.prefs(token))}?esito=saved`, 303);
  });

  app.post('/preferenze/:token/stato', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromToken(c.var.deps, 'prefs', token);
    if (!sub) return gone(c);
    const action = str(formValues(await c.req.parseBody()), 'action');
    const outcome: Record<string, [StatusChange, string]> = { pause: ['pause', 'paused'], resume: ['resume', 'resumed'], unsubscribe: ['unsubscribe', 'unsubscribed'] };
    const chosen = outcome[action];
    if (!chosen) return c.redirect(c.var.lp(ALERT_PATHS.prefs(token)), 303);
    await changeStatus(c.var.deps, sub, chosen[0]);
    return c.redirect(`${c.var.lp(ALERT_PATHS.prefs(token))}?esito=${chosen[1]}`, 303);
  });

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

  app.post('/preferenze/:token/cancella', async (c) => {
    const sub = await subscriberFromToken(c.var.deps, 'prefs', c.req.param('token'));
    if (!sub) return gone(c);
    await eraseSubscriber(c.var.deps.db, sub);
    c.var.log.info({ event: 'alerts_erased' }, 'alert subscriber erased their data');
    return c.html(<ErasedPage c={c} />);
  });

  // ----- unsubscribe (RFC 8058 one-click: the CSRF middleware lets this POST through) -----

  app.get('/disiscrizione/:token', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromToken(c.var.deps, 'unsub', token);
    if (!sub) return gone(c);
    return c.html(<UnsubscribePage c={c} sub={sub} token={token} />);
  });

  app.post('/disiscrizione/:token', async (c) => {
    const sub = await unsubscribeByToken(c.var.deps, c.req.param('token'));
    if (!sub) return gone(c);
    return c.html(<UnsubscribedPage c={c} sub={sub} />);
  });

  // ----- consent renewal -----

  app.get('/rinnovo/:token', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromToken(c.var.deps, 'renew', token);
    if (!sub) return gone(c);
    return c.html(<RenewPage c={c} sub={sub} token={token} />);
  });

  app.post('/rinnovo/:token', async (c) => {
    const sub = await subscriberFromToken(c.var.deps, 'renew', c.req.param('token'));
    if (!sub) return gone(c);
    const renewed = await renewConsent(c.var.deps, sub);
    return c.html(<RenewedPage c={c} sub={renewed} />);
  });

  // ----- click-through of an alert (a signed redirect, counted; no tracking pixel) -----

  app.get('/c/:token', async (c) => {
    const target = await recordAlertClick(c.var.deps, c.req.param('token'));
    if (!target) return gone(c);
    return c.redirect(c.var.lp(`/bandi/${target.slug}`), 303);
  });

  return app;
}

