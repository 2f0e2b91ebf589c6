// The sign-up page of the alerts (/avvisi) and the page that follows it ("check your inbox").
import type { Ctx } from '../../context.ts';
import { CsrfField, FormActions, type FormState } from '../../kit/form.tsx';
import { ConsentField, HoneypotField, UtmFields } from '../../kit/consent.tsx';
import { Notice, PublicPage } from '../../kit/public-page.tsx';
import { oneValue } from '../../kit/post.ts';
import { SIGNUP_TTL_DAYS } from '../../../domains/alerts/index.ts';
import { AlertErrorSummary, AlertFields } from './form-fields.tsx';
import type { AlertFormOptions, ComuneProblem } from './form-read.ts';
import { LeadBlock } from '../leads/block.tsx';

export interface SignupView {
  s: FormState;
  opts: AlertFormOptions;
  comuneProblems?: ComuneProblem[];
  /** Said above the form when the sign-up cannot be taken now (too many attempts). */
  alert?: string;
  source: string;
  utm: Record<string, string> | null;
}

export function SignupPage({ c, v }: { c: Ctx; v: SignupView }) {
  const { t, lp } = c.var;
  return (
    <PublicPage c={c} title={t('alerts_public.signup.title')} lead={t('alerts_public.signup.lead')} description={t('alerts_public.meta_description')} width="medium">
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
          <ConsentField t={t} lp={lp} purpose="alerts" error={v.s.errors.consent} checked={oneValue(v.s.values, 'consent') === 'on'} />
          <HoneypotField t={t} />
          <FormActions>
            <button type="submit" class="btn btn-primary">
              {t('alerts_public.signup.submit')}
            </button>
          </FormActions>
        </form>
      </section>

      <LeadBlock c={c} source="avvisi" />
    </PublicPage>
  );
}

export function CheckInboxPage({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <PublicPage c={c} title={t('alerts_public.check.title')} lead={t('alerts_public.check.text')}>
      <p>{t('alerts_public.check.valid', { days: SIGNUP_TTL_DAYS })}</p>
      <p>{t('alerts_public.check.spam')}</p>
      <p>
        <a href={lp('/bandi')}>{t('alerts_public.check.browse')}</a>
      </p>
    </PublicPage>
  );
}
