// Signing in and out for everyone with an account — staff and people of the network: a sign-in
// link by mail or a password (/accedi, /accedi/link), /esci, and password reset
// (/password-dimenticata, /reimposta-password).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, TextField, type FormState } from '../../kit/form.tsx';
import { f, formValues, parseForm, type FormValues } from '../../../platform/forms/index.ts';
import { RateLimiter } from '../../../platform/http/rate-limit.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { PASSWORD_MAX, PASSWORD_MIN, requestPasswordReset, requestSignInLink, resetPassword, signIn, signOut, SIGN_IN_LINK_PATH, useSignInLink } from '../../../domains/accounts/index.ts';
import { SIGN_IN_LINK_MINUTES } from '../../../platform/auth/index.ts';

const MINUTE = 60_000;

/**
 * The `next` parameter may only name a path on this site: an absolute or protocol-relative URL
 * (`//evil.example`, `/\evil.example`) would make the sign-in page an open redirect.
 */
export function safeNextPath(v: unknown): string | null {
  if (typeof v !== 'string' || v.length === 0 || v.length > 1000) return null;
  if (!v.startsWith('/') || v.startsWith('//') || v.includes('\\')) return null;
  if (/[\u0000-\u001f\u007f]/.test(v)) return null;
  try {
    const u = new URL(v, 'http://same.invalid');
    if (u.origin !== 'http://same.invalid') return null;
  } catch {
    return null;
  }
  return v;
}

/** Where to go after signing in: `next` in the current language, else the back office for staff and one's own page for everyone else. */
function afterSignIn(c: Ctx, next: string | null, role: string | null): string {
  if (!next) return c.var.lp(role ? '/admin' : '/area-personale');
  if (next === '/en' || next.startsWith('/en/') || next.startsWith('/en?')) return next;
  return c.var.lp(next);
}

/**
 * The client's address for rate limiting, from the socket. Behind a reverse proxy on the same host
 * every request comes from loopback: then the last X-Forwarded-For entry (the one the proxy added)
 * names the client. Null when there is no socket (in-process requests in tests).
 */
export function clientIp(c: Ctx): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress;
  if (!peer) return null;
  if (/^(127\.|::1$|::ffff:127\.)/.test(peer)) {
    const last = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (last && last.length <= 64) return last;
  }
  return peer;
}

/** Counts one attempt against the address and the email; the seconds to wait, or 0. */
function limited(byIp: RateLimiter, byEmail: RateLimiter, ip: string | null, email: string): number {
  const a = ip ? byIp.hit(ip) : 0;
  return Math.max(a, byEmail.hit(email));
}

// Passwords are taken as typed: formValues() trims, and a space may be part of a password.
async function rawField(c: Ctx, name: string): Promise<string> {
  const body = await c.req.parseBody();
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

const signInSchema = z.object({
  email: f.email(),
  password: z.string({ error: 'common.forms.required' }).min(1, 'common.forms.required'),
});
const forgotSchema = z.object({ email: f.email() });
const linkSchema = z.object({ email: f.email() });
const resetSchema = z
  .object({
    token: z.string().max(300).default(''),
    password: z
      .string({ error: 'common.forms.required' })
      .min(1, 'common.forms.required')
      .min(PASSWORD_MIN, 'accounts.password.too_short')
      .max(PASSWORD_MAX, 'accounts.password.too_long'),
    password_confirm: z.string({ error: 'common.forms.required' }).min(1, 'common.forms.required'),
  })
  .refine((v) => v.password === v.password_confirm, { path: ['password_confirm'], message: 'accounts.password.mismatch' });

function AuthShell({ c, title, children, noReferrer }: { c: Ctx; title: string; children?: unknown; noReferrer?: boolean }) {
  return (
    <Layout c={c} title={title} head={noReferrer ? <meta name="referrer" content="no-referrer" /> : undefined}>
      <div class="container my-5">
        <div class="row justify-content-center">
          <div class="col-12 col-md-8 col-lg-6">
            <h1 class="mb-4">{title}</h1>
            {children as never}
          </div>
        </div>
      </div>
    </Layout>
  );
}

function Notice({ text, kind = 'info' }: { text?: string | null; kind?: 'info' | 'success' | 'danger' }) {
  if (!text) return null;
  return (
    <div class={`alert alert-${kind}`} role={kind === 'danger' ? 'alert' : 'status'}>
      {text}
    </div>
  );
}

const SIGN_IN_NOTICES = new Set(['signed_out', 'password_reset', 'account_erased']);

function SignInPage({ c, s, next, alert, notice, link }: { c: Ctx; s: FormState; next: string | null; alert?: string; notice?: string | null; link?: FormState }) {
  const { t, lp } = c.var;
  return (
    <AuthShell c={c} title={t('accounts.sign_in.title')}>
      <Notice text={notice} kind="success" />
      <Notice text={alert} kind="danger" />
      <ErrorSummary s={s} labels={{ email: t('accounts.fields.email'), password: t('accounts.fields.password') }} />
      <form method="post" action={lp('/accedi')} class="mt-4" novalidate>
        <CsrfField token={c.var.csrfToken} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField s={s} name="email" type="email" label={t('accounts.fields.email')} required autocomplete="username" maxLength={254} />
        <TextField s={s} name="password" type="password" label={t('accounts.fields.password')} required autocomplete="current-password" value="" />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('accounts.sign_in.submit')}
          </button>
        </FormActions>
      </form>
      <p class="mt-4">
        <a href={lp('/password-dimenticata')}>{t('accounts.sign_in.forgot')}</a>
      </p>
      <h2 class="h4 mt-5">{t('accounts.sign_in_link.title')}</h2>
      <p>{t('accounts.sign_in_link.intro', { minutes: SIGN_IN_LINK_MINUTES })}</p>
      <form method="post" action={lp(SIGN_IN_LINK_PATH)} novalidate>
        <CsrfField token={c.var.csrfToken} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField s={link ?? state(c)} name="link_email" type="email" label={t('accounts.fields.email')} required autocomplete="email" maxLength={254} />
        <FormActions>
          <button type="submit" class="btn btn-outline-primary">
            {t('accounts.sign_in_link.submit')}
          </button>
        </FormActions>
      </form>
    </AuthShell>
  );
}

/** After asking for a link: the same words whether or not the address has an account. */
function LinkSentPage({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <AuthShell c={c} title={t('accounts.sign_in_link.sent_title')}>
      <Notice text={t('accounts.sign_in_link.sent', { minutes: SIGN_IN_LINK_MINUTES })} kind="success" />
      <p>
        <a href={lp('/accedi')}>{t('accounts.forgot.back')}</a>
      </p>
    </AuthShell>
  );
}

/** The page a sign-in link opens: a button, so that a mail scanner opening the link signs no one in. */
function LinkPage({ c, token, next, alert }: { c: Ctx; token: string; next: string | null; alert?: string }) {
  const { t, lp } = c.var;
  return (
    <AuthShell c={c} title={t('accounts.sign_in_link.use_title')} noReferrer>
      <Notice text={alert} kind="danger" />
      {alert ? (
        <p>
          <a href={lp('/accedi')}>{t('accounts.sign_in_link.ask_again')}</a>
        </p>
      ) : (
        <form method="post" action={lp(`${SIGN_IN_LINK_PATH}/${encodeURIComponent(token)}`)}>
          <CsrfField token={c.var.csrfToken} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <p>{t('accounts.sign_in_link.use_intro')}</p>
          <FormActions>
            <button type="submit" class="btn btn-primary">
              {t('accounts.sign_in_link.use_submit')}
            </button>
          </FormActions>
        </form>
      )}
    </AuthShell>
  );
}

function ForgotPage({ c, s, alert, sent }: { c: Ctx; s: FormState; alert?: string; sent?: boolean }) {
  const { t, lp } = c.var;
  return (
    <AuthShell c={c} title={t('accounts.forgot.title')}>
      <Notice text={sent ? t('accounts.forgot.sent') : null} kind="success" />
      <Notice text={alert} kind="danger" />
      <p>{t('accounts.forgot.intro')}</p>
      <ErrorSummary s={s} labels={{ email: t('accounts.fields.email') }} />
      <form method="post" action={lp('/password-dimenticata')} class="mt-4" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField s={s} name="email" type="email" label={t('accounts.fields.email')} required autocomplete="email" maxLength={254} />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('accounts.forgot.submit')}
          </button>
        </FormActions>
      </form>
      <p class="mt-4">
        <a href={lp('/accedi')}>{t('accounts.forgot.back')}</a>
      </p>
    </AuthShell>
  );
}

function ResetPage({ c, s, token, alert }: { c: Ctx; s: FormState; token: string; alert?: string }) {
  const { t, lp } = c.var;
  if (!token) {
    return (
      <AuthShell c={c} title={t('accounts.reset.title')}>
        <Notice text={t('accounts.reset.invalid_link')} kind="danger" />
        <p>
          <a href={lp('/password-dimenticata')}>{t('accounts.reset.request_new')}</a>
        </p>
      </AuthShell>
    );
  }
  // The token is a secret in the URL: keep it out of the Referer of any link followed from here.
  return (
    <AuthShell c={c} title={t('accounts.reset.title')} noReferrer>
      {alert ? (
        <div class="alert alert-danger" role="alert">
          {alert} <a href={lp('/password-dimenticata')}>{t('accounts.reset.request_new')}</a>
        </div>
      ) : null}
      <ErrorSummary s={s} labels={{ password: t('accounts.fields.new_password'), password_confirm: t('accounts.fields.password_confirm') }} />
      <form method="post" action={lp('/reimposta-password')} class="mt-4" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <TextField
          s={s}
          name="password"
          type="password"
          label={t('accounts.fields.new_password')}
          hint={t('accounts.password.hint', { min: PASSWORD_MIN })}
          required
          autocomplete="new-password"
          value=""
        />
        <TextField s={s} name="password_confirm" type="password" label={t('accounts.fields.password_confirm')} required autocomplete="new-password" value="" />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('accounts.reset.submit')}
          </button>
        </FormActions>
      </form>
    </AuthShell>
  );
}

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

export function authPageRoutes() {
  const app = new Hono<AppEnv>();
  // Per application instance: each test runtime (and each process) counts on its own.
  const signInByEmail = new RateLimiter(10, 15 * MINUTE);
  const signInByIp = new RateLimiter(30, 15 * MINUTE);
  const resetByEmail = new RateLimiter(5, 60 * MINUTE);
  const resetByIp = new RateLimiter(20, 60 * MINUTE);

  app.use('/accedi/*', async (c, next) => {
    c.header('Cache-Control', 'private, no-store');
    await next();
  });
  app.use('/accedi', async (c, next) => {
    c.header('Cache-Control', 'private, no-store');
    await next();
  });

  app.get('/accedi', (c) => {
    const next = safeNextPath(c.req.query('next'));
    if (c.var.user) return c.redirect(afterSignIn(c, next, c.var.user.role), 303);
    const done = c.req.query('esito');
    const notice = done && SIGN_IN_NOTICES.has(done) ? c.var.t(`accounts.sign_in.notice_${done}`) : null;
    return c.html(<SignInPage c={c} s={state(c)} next={next} notice={notice} />);
  });

  app.post('/accedi', async (c) => {
    const { t } = c.var;
    const values = formValues(await c.req.parseBody({ all: true }));
    const password = await rawField(c, 'password');
    const next = safeNextPath(values.next);
    const kept: FormValues = { email: values.email ?? '' };
    const parsed = parseForm(signInSchema, { ...values, password });
    if (!parsed.ok) return c.html(<SignInPage c={c} s={state(c, kept, parsed.errors)} next={next} />, 422);
    const email = parsed.data.email.toLowerCase();
    const wait = limited(signInByIp, signInByEmail, clientIp(c), email);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(<SignInPage c={c} s={state(c, kept)} next={next} alert={t('common.errors.rate_limited', { seconds: wait })} />, 429);
    }
    const r = await signIn(c.var.deps, { email, password, headers: c.req.raw.headers });
    if (!r.ok) {
      c.var.log.info({ event: 'sign_in_failed' }, 'sign-in refused');
      return c.html(<SignInPage c={c} s={state(c, kept)} next={next} alert={t('accounts.sign_in.failed')} />, 422);
    }
    signInByEmail.reset(email);
    for (const cookie of r.value.setCookies) c.header('Set-Cookie', cookie, { append: true });
    c.var.log.info({ event: 'sign_in', userId: r.value.user.id }, 'signed in');
    return c.redirect(afterSignIn(c, next, r.value.role), 303);
  });

  const linkByEmail = new RateLimiter(5, 60 * MINUTE);
  const linkByIp = new RateLimiter(20, 60 * MINUTE);

  app.post(SIGN_IN_LINK_PATH, async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const next = safeNextPath(values.next);
    const parsed = parseForm(linkSchema, { email: values.link_email ?? '' });
    const link = (errors: FieldErrors = {}) => state(c, { link_email: values.link_email ?? '' }, Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === 'email' ? 'link_email' : k, v])));
    if (!parsed.ok) return c.html(<SignInPage c={c} s={state(c)} next={next} link={link(parsed.errors)} />, 422);
    const email = parsed.data.email.toLowerCase();
    const wait = limited(linkByIp, linkByEmail, clientIp(c), email);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(<SignInPage c={c} s={state(c)} next={next} link={link()} alert={c.var.t('common.errors.rate_limited', { seconds: wait })} />, 429);
    }
    await requestSignInLink(c.var.deps, { email, next, headers: c.req.raw.headers });
    return c.redirect(`${c.var.lp(SIGN_IN_LINK_PATH)}?esito=sent`, 303);
  });

  app.get(SIGN_IN_LINK_PATH, (c) => (c.req.query('esito') === 'sent' ? c.html(<LinkSentPage c={c} />) : c.redirect(c.var.lp('/accedi'), 303)));

  app.get(`${SIGN_IN_LINK_PATH}/:token`, (c) => {
    c.header('Cache-Control', 'private, no-store');
    const token = c.req.param('token');
    const next = safeNextPath(c.req.query('next'));
    if (!/^[\w-]{8,200}$/.test(token)) return c.html(<LinkPage c={c} token="" next={null} alert={c.var.t('accounts.sign_in_link.invalid')} />, 400);
    return c.html(<LinkPage c={c} token={token} next={next} />);
  });

  app.post(`${SIGN_IN_LINK_PATH}/:token`, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    const values = formValues(await c.req.parseBody({ all: true }));
    const next = safeNextPath(values.next);
    const wait = clientIp(c) ? linkByIp.hit(clientIp(c)!) : 0;
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(<LinkPage c={c} token="" next={null} alert={c.var.t('common.errors.rate_limited', { seconds: wait })} />, 429);
    }
    const r = await useSignInLink(c.var.deps, { token: c.req.param('token'), headers: c.req.raw.headers });
    if (!r.ok) return c.html(<LinkPage c={c} token="" next={null} alert={c.var.t('accounts.sign_in_link.invalid')} />, 410);
    for (const cookie of r.value.setCookies) c.header('Set-Cookie', cookie, { append: true });
    c.var.log.info({ event: 'sign_in', method: 'link', userId: r.value.user.id }, 'signed in');
    return c.redirect(afterSignIn(c, next, r.value.role), 303);
  });

  app.post('/esci', async (c) => {
    const cookies = await signOut(c.var.deps, c.req.raw.headers);
    for (const cookie of cookies) c.header('Set-Cookie', cookie, { append: true });
    return c.redirect(`${c.var.lp('/accedi')}?esito=signed_out`, 303);
  });

  app.get('/password-dimenticata', (c) => c.html(<ForgotPage c={c} s={state(c)} sent={c.req.query('esito') === 'sent'} />));

  app.post('/password-dimenticata', async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const parsed = parseForm(forgotSchema, values);
    if (!parsed.ok) return c.html(<ForgotPage c={c} s={state(c, parsed.values, parsed.errors)} />, 422);
    const email = parsed.data.email.toLowerCase();
    const wait = limited(resetByIp, resetByEmail, clientIp(c), email);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(<ForgotPage c={c} s={state(c, values)} alert={c.var.t('common.errors.rate_limited', { seconds: wait })} />, 429);
    }
    // The same answer whether or not the address belongs to someone.
    await requestPasswordReset(c.var.deps, { email });
    return c.redirect(`${c.var.lp('/password-dimenticata')}?esito=sent`, 303);
  });

  app.get('/reimposta-password', (c) => {
    c.header('Cache-Control', 'private, no-store');
    const token = c.req.query('token') ?? '';
    const valid = /^[\w-]{8,200}$/.test(token);
    return c.html(<ResetPage c={c} s={state(c)} token={valid ? token : ''} />, valid ? 200 : 400);
  });

  app.post('/reimposta-password', async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const input = { token: values.token ?? '', password: await rawField(c, 'password'), password_confirm: await rawField(c, 'password_confirm') };
    const token = typeof input.token === 'string' && /^[\w-]{8,200}$/.test(input.token) ? input.token : '';
    if (!token) return c.html(<ResetPage c={c} s={state(c)} token="" />, 400);
    const parsed = parseForm(resetSchema, input);
    if (!parsed.ok) return c.html(<ResetPage c={c} s={state(c, {}, parsed.errors)} token={token} />, 422);
    const r = await resetPassword(c.var.deps, { token, password: parsed.data.password });
    if (!r.ok) {
      if (r.error.code === 'invalid') return c.html(<ResetPage c={c} s={state(c, {}, r.error.fields)} token={token} />, 422);
      return c.html(<ResetPage c={c} s={state(c)} token={token} alert={c.var.t('accounts.reset.expired')} />, 422);
    }
    return c.redirect(`${c.var.lp('/accedi')}?esito=password_reset`, 303);
  });

  return app;
}
