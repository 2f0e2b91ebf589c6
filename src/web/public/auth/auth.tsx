// Signing in and out for everyone with an account — staff and people of the network: a sign-in
// link by mail or a password (/accedi, /accedi/link), /esci, and password reset
// (/password-dimenticata, /reimposta-password). Each POST is formPost: parse → rate limit → one
// domain operation → 303; the form again with 422 at the fields; 429 with Retry-After when limited.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../context.ts';
import { f, parseForm, type FormValues } from '../../../platform/forms/index.ts';
import { RateLimiter } from '../../../platform/http/rate-limit.ts';
import { err, invalid, ok } from '../../../platform/result.ts';
import { PASSWORD_MAX, PASSWORD_MIN, requestPasswordReset, requestSignInLink, resetPassword, signIn, signOut, SIGN_IN_LINK_PATH, useSignInLink } from '../../../domains/accounts/index.ts';
import { formPost, formState, oneValue, renameFields } from '../../kit/post.ts';
import { ForgotPage, LinkPage, LinkSentPage, ResetPage, SIGN_IN_NOTICES, SignInPage } from './pages.tsx';

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

/** The refusal of an attempt over the limit: the answer says how long to wait (and carries Retry-After). */
function rateLimited(c: Ctx, wait: number) {
  c.header('Retry-After', String(wait));
  return err({ code: 'rate_limited', message: c.var.t('common.errors.rate_limited', { seconds: wait }) });
}

/** The cookies of a new session (or of its end) go to the browser with the redirect. */
function setCookies(c: Ctx, cookies: string[]) {
  for (const cookie of cookies) c.header('Set-Cookie', cookie, { append: true });
}

const TOKEN_PATTERN = /^[\w-]{8,200}$/;
const nextOf = (values: FormValues) => safeNextPath(values.next);
/** The sign-in form keeps only the address: never the password, never `next` as typed. */
const keptEmail = (values: FormValues): FormValues => ({ email: oneValue(values, 'email') });

export function authPageRoutes() {
  const app = new Hono<AppEnv>();
  // Per application instance: each test runtime (and each process) counts on its own.
  const signInByEmail = new RateLimiter(10, 15 * MINUTE);
  const signInByIp = new RateLimiter(30, 15 * MINUTE);
  const resetByEmail = new RateLimiter(5, 60 * MINUTE);
  const resetByIp = new RateLimiter(20, 60 * MINUTE);
  const linkByEmail = new RateLimiter(5, 60 * MINUTE);
  const linkByIp = new RateLimiter(20, 60 * MINUTE);

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
    return c.html(<SignInPage c={c} s={formState(c)} next={next} notice={notice} />);
  });

  app.post(
    '/accedi',
    formPost({
      run: async (c, values) => {
        const password = await rawField(c, 'password');
        const parsed = parseForm(signInSchema, { ...values, password });
        if (!parsed.ok) return invalid(parsed.errors);
        const email = parsed.data.email.toLowerCase();
        const wait = limited(signInByIp, signInByEmail, clientIp(c), email);
        if (wait > 0) return rateLimited(c, wait);
        const r = await signIn(c.var.deps, { email, password, headers: c.req.raw.headers });
        if (!r.ok) c.var.log.info({ event: 'sign_in_failed' }, 'sign-in refused');
        else signInByEmail.reset(email);
        return r;
      },
      done: (c, signedIn, values) => {
        setCookies(c, signedIn.setCookies);
        c.var.log.info({ event: 'sign_in', userId: signedIn.user.id }, 'signed in');
        return afterSignIn(c, nextOf(values), signedIn.role);
      },
      invalid: (c, form) => c.html(<SignInPage c={c} s={formState(c, keptEmail(form.values), form.errors)} next={nextOf(form.values)} />),
      // One generic refusal for a wrong password, an unknown address and a disabled account.
      other: (c, error, values) =>
        c.html(
          <SignInPage c={c} s={formState(c, keptEmail(values))} next={nextOf(values)} alert={error.code === 'rate_limited' ? error.message : c.var.t('accounts.sign_in.failed')} />,
          error.code === 'rate_limited' ? 429 : 422,
        ),
    }),
  );

  /** The link form as typed, with its errors under its own field's name. */
  const linkForm = (c: Ctx, values: FormValues, errors = {}) => formState(c, { link_email: oneValue(values, 'link_email') }, errors);

  app.post(
    SIGN_IN_LINK_PATH,
    formPost({
      run: async (c, values) => {
        const parsed = parseForm(linkSchema, { email: oneValue(values, 'link_email') });
        if (!parsed.ok) return renameFields(invalid(parsed.errors), { email: 'link_email' });
        const email = parsed.data.email.toLowerCase();
        const wait = limited(linkByIp, linkByEmail, clientIp(c), email);
        if (wait > 0) return rateLimited(c, wait);
        // The same answer whether or not the address has an account.
        await requestSignInLink(c.var.deps, { email, next: nextOf(values), headers: c.req.raw.headers });
        return ok(undefined);
      },
      done: (c) => `${c.var.lp(SIGN_IN_LINK_PATH)}?esito=sent`,
      invalid: (c, form) => c.html(<SignInPage c={c} s={formState(c)} next={nextOf(form.values)} link={linkForm(c, form.values, form.errors)} />),
      other: (c, error, values) =>
        error.code === 'rate_limited' ? c.html(<SignInPage c={c} s={formState(c)} next={nextOf(values)} link={linkForm(c, values)} alert={error.message} />, 429) : null,
    }),
  );

  app.get(SIGN_IN_LINK_PATH, (c) => (c.req.query('esito') === 'sent' ? c.html(<LinkSentPage c={c} />) : c.redirect(c.var.lp('/accedi'), 303)));

  app.get(`${SIGN_IN_LINK_PATH}/:token`, (c) => {
    const token = c.req.param('token');
    const next = safeNextPath(c.req.query('next'));
    if (!TOKEN_PATTERN.test(token)) return c.html(<LinkPage c={c} token="" next={null} alert={c.var.t('accounts.sign_in_link.invalid')} />, 400);
    return c.html(<LinkPage c={c} token={token} next={next} />);
  });

  app.post(
    `${SIGN_IN_LINK_PATH}/:token`,
    formPost({
      run: async (c) => {
        const ip = clientIp(c);
        const wait = ip ? linkByIp.hit(ip) : 0;
        if (wait > 0) return rateLimited(c, wait);
        return useSignInLink(c.var.deps, { token: c.req.param('token') ?? '', headers: c.req.raw.headers });
      },
      done: (c, signedIn, values) => {
        setCookies(c, signedIn.setCookies);
        c.var.log.info({ event: 'sign_in', method: 'link', userId: signedIn.user.id }, 'signed in');
        return afterSignIn(c, nextOf(values), signedIn.role);
      },
      // Expired, used or forged: 410, and the way to ask for a new one.
      other: (c, error) =>
        error.code === 'rate_limited'
          ? c.html(<LinkPage c={c} token="" next={null} alert={error.message} />, 429)
          : c.html(<LinkPage c={c} token="" next={null} alert={c.var.t('accounts.sign_in_link.invalid')} />, 410),
    }),
  );

  app.post(
    '/esci',
    formPost({
      run: async (c) => ok(await signOut(c.var.deps, c.req.raw.headers)),
      done: (c, cookies) => {
        setCookies(c, cookies);
        return `${c.var.lp('/accedi')}?esito=signed_out`;
      },
    }),
  );

  app.get('/password-dimenticata', (c) => c.html(<ForgotPage c={c} s={formState(c)} sent={c.req.query('esito') === 'sent'} />));

  app.post(
    '/password-dimenticata',
    formPost({
      run: async (c, values) => {
        const parsed = parseForm(forgotSchema, values);
        if (!parsed.ok) return invalid(parsed.errors);
        const email = parsed.data.email.toLowerCase();
        const wait = limited(resetByIp, resetByEmail, clientIp(c), email);
        if (wait > 0) return rateLimited(c, wait);
        // The same answer whether or not the address belongs to someone.
        await requestPasswordReset(c.var.deps, { email });
        return ok(undefined);
      },
      done: (c) => `${c.var.lp('/password-dimenticata')}?esito=sent`,
      invalid: (c, form) => c.html(<ForgotPage c={c} s={form} />),
      other: (c, error, values) => (error.code === 'rate_limited' ? c.html(<ForgotPage c={c} s={formState(c, values)} alert={error.message} />, 429) : null),
    }),
  );

  app.get('/reimposta-password', (c) => {
    c.header('Cache-Control', 'private, no-store');
    const token = c.req.query('token') ?? '';
    const valid = TOKEN_PATTERN.test(token);
    return c.html(<ResetPage c={c} s={formState(c)} token={valid ? token : ''} />, valid ? 200 : 400);
  });

  app.post(
    '/reimposta-password',
    formPost({
      run: async (c, values) => {
        const input = { token: oneValue(values, 'token'), password: await rawField(c, 'password'), password_confirm: await rawField(c, 'password_confirm') };
        if (!TOKEN_PATTERN.test(input.token)) return err({ code: 'bad_token' });
        const parsed = parseForm(resetSchema, input);
        if (!parsed.ok) return invalid(parsed.errors);
        return resetPassword(c.var.deps, { token: input.token, password: parsed.data.password });
      },
      done: (c) => `${c.var.lp('/accedi')}?esito=password_reset`,
      // The passwords are never shown again, whatever was typed.
      invalid: (c, form) => c.html(<ResetPage c={c} s={formState(c, {}, form.errors)} token={oneValue(form.values, 'token')} />),
      other: (c, error, values) => {
        if (error.code === 'bad_token') return c.html(<ResetPage c={c} s={formState(c)} token="" />, 400);
        // Spent or expired: the way to ask for a new link.
        return c.html(<ResetPage c={c} s={formState(c)} token={oneValue(values, 'token')} alert={c.var.t('accounts.reset.expired')} />, 422);
      },
    }),
  );

  return app;
}
