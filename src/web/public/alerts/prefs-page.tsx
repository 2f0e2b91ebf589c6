// The subscriber's preferences page (/avvisi/preferenze/<signed token>): the subscription's state
// with pause/resume/unsubscribe, the form to change what they receive, their data (download, erase).
import type { Ctx } from '../../context.ts';
import { CsrfField, FormActions, type FormState } from '../../kit/form.tsx';
import { DetailList } from '../../kit/details.tsx';
import { Notice, PublicPage } from '../../kit/public-page.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import { ALERT_PATHS, UNSUBSCRIBED_GRACE_DAYS, type Subscriber } from '../../../domains/alerts/index.ts';
import { AlertErrorSummary, AlertFields } from './form-fields.tsx';
import type { AlertFormOptions, ComuneProblem } from './form-read.ts';
import { ButtonForm } from './link-pages.tsx';
import { DAY } from './shared.tsx';

/** The outcomes the page announces after a redirect (`?esito=`). */
export const PREFS_NOTICES = ['saved', 'paused', 'resumed', 'unsubscribed', 'renewed'] as const;

export interface PrefsView {
  sub: Subscriber;
  token: string;
  s: FormState;
  opts: AlertFormOptions;
  comuneProblems?: ComuneProblem[];
  /** Alerts waiting for the next weekly digest. */
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

function Subscription({ c, v, base }: { c: Ctx; v: PrefsView; base: string }) {
  const { t, locale } = c.var;
  const f = fmt(locale);
  const { sub } = v;
  const waitingText = v.waiting === 0 ? t('alerts_public.prefs.waiting_none') : t(v.waiting === 1 ? 'alerts_public.prefs.waiting_one' : 'alerts_public.prefs.waiting_other', { n: v.waiting });
  const status = (action: 'pause' | 'resume' | 'unsubscribe', outline: boolean) => (
    <ButtonForm c={c} action={`${base}/stato`} name="action" value={action} label={t(`alerts_public.prefs.${action}`)} outline={outline} />
  );
  return (
    <section class="mb-5" aria-labelledby="subscription">
      <h2 id="subscription" class="h3">
        {t('alerts_public.prefs.status_title')}
      </h2>
      <DetailList
        rows={[
          {
            label: t('alerts_public.prefs.email'),
            value: (
              <>
                {sub.email}
                <br />
                <small>{t('alerts_public.prefs.email_note')}</small>
              </>
            ),
          },
          { label: t('alerts_public.prefs.status'), value: <StatusLine c={c} sub={sub} />, id: 'subscription-status' },
          { label: t('alerts_public.prefs.consent_given'), value: f.date.format(sub.consentAt) },
          {
            label: t('alerts_public.prefs.consent_expires'),
            value: (
              <>
                {f.date.format(sub.consentExpiresAt)}
                <br />
                <small>{t('alerts_public.prefs.consent_renew_note')}</small>
              </>
            ),
          },
          {
            label: t('alerts_public.prefs.frequency'),
            value: (
              <>
                {t(`alerts_public.options.frequency_${sub.frequency}`)}
                {sub.frequency === 'weekly' || v.waiting > 0 ? (
                  <>
                    <br />
                    <span id="digest-waiting">{waitingText}</span>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <div class="d-flex flex-wrap gap-2">
        {sub.status === 'active' ? status('pause', true) : status('resume', false)}
        {sub.status !== 'unsubscribed' ? status('unsubscribe', true) : null}
      </div>
    </section>
  );
}

export function PrefsPage({ c, v }: { c: Ctx; v: PrefsView }) {
  const { t, lp } = c.var;
  const base = lp(ALERT_PATHS.prefs(v.token));
  return (
    <PublicPage c={c} title={t('alerts_public.prefs.title')} secret width="wide">
      <Notice text={v.notice} />
      <Subscription c={c} v={v} base={base} />

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
    </PublicPage>
  );
}
