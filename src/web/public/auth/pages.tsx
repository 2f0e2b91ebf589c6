// The sign-in pages' markup: signing in (password or link), the link sent and the link's own page,
// forgotten password and the new password. Texts in src/locales/<lang>/accounts.json.
import type { Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, TextField, type FormState } from '../../kit/form.tsx';
import { formState } from '../../kit/post.ts';
import { PASSWORD_MIN, SIGN_IN_LINK_PATH } from '../../../domains/accounts/index.ts';
import { SIGN_IN_LINK_MINUTES } from '../../../platform/auth/index.ts';

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

export const SIGN_IN_NOTICES = new Set(['signed_out', 'password_reset', 'account_erased']);

export function SignInPage({ c, s, next, alert, notice, link }: { c: Ctx; s: FormState; next: string | null; alert?: string; notice?: string | null; link?: FormState }) {
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
        <TextField s={link ?? formState(c)} name="link_email" type="email" label={t('accounts.fields.email')} required autocomplete="email" maxLength={254} />
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
export function LinkSentPage({ c }: { c: Ctx }) {
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
export function LinkPage({ c, token, next, alert }: { c: Ctx; token: string; next: string | null; alert?: string }) {
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

export function ForgotPage({ c, s, alert, sent }: { c: Ctx; s: FormState; alert?: string; sent?: boolean }) {
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

export function ResetPage({ c, s, token, alert }: { c: Ctx; s: FormState; token: string; alert?: string }) {
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

