// The pages reached by a signed link from a mail: confirming a sign-up, unsubscribing, renewing the
// consent, erasing one's data. Each asks with one POST button (mail scanners prefetch links, so a
// GET never changes anything) and has a page for what was done.
import type { Ctx } from '../../context.ts';
import { CsrfField } from '../../kit/form.tsx';
import { Notice, PublicPage } from '../../kit/public-page.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import { ALERT_PATHS, UNSUBSCRIBED_GRACE_DAYS, type Subscriber } from '../../../domains/alerts/index.ts';
import { prefsToken } from './shared.tsx';

/** A form that is only a button (confirm, unsubscribe, renew, erase, pause…). */
export function ButtonForm({ c, action, label, name, value, outline }: { c: Ctx; action: string; label: string; name?: string; value?: string; outline?: boolean }) {
  return (
    <form method="post" action={action} class="d-inline">
      <CsrfField token={c.var.csrfToken} />
      <button type="submit" class={outline ? 'btn btn-outline-primary' : 'btn btn-primary'} name={name} value={value}>
        {label}
      </button>
    </form>
  );
}

/** The button-looking link to the subscriber's preferences. */
function PrefsLink({ c, sub, label }: { c: Ctx; sub: Subscriber; label: string }) {
  return (
    <a class="btn btn-outline-primary" href={c.var.lp(ALERT_PATHS.prefs(prefsToken(c, sub)))}>
      {label}
    </a>
  );
}

export function ConfirmPage({ c, email, token }: { c: Ctx; email: string; token: string }) {
  const { t, lp } = c.var;
  return (
    <PublicPage c={c} title={t('alerts_public.confirm.title')} lead={t('alerts_public.confirm.intro', { email })} secret>
      <p>{t('alerts_public.confirm.why_button')}</p>
      <ButtonForm c={c} action={lp(ALERT_PATHS.confirm(token))} label={t('alerts_public.confirm.button')} />
    </PublicPage>
  );
}

export function ConfirmedPage({ c, s }: { c: Ctx; s: Subscriber }) {
  const { t, lp } = c.var;
  return (
    <PublicPage c={c} title={t('alerts_public.confirm.done_title')} secret>
      <Notice text={t('alerts_public.confirm.done_text', { email: s.email })} />
      <p>{t('alerts_public.confirm.done_prefs')}</p>
      <p>
        <a class="btn btn-primary" href={lp(ALERT_PATHS.prefs(prefsToken(c, s)))}>
          {t('alerts_public.confirm.prefs_link')}
        </a>
      </p>
    </PublicPage>
  );
}

export function ErasePage({ c, sub, token }: { c: Ctx; sub: Subscriber; token: string }) {
  const { t, lp } = c.var;
  const base = lp(ALERT_PATHS.prefs(token));
  return (
    <PublicPage c={c} title={t('alerts_public.erase.title')} lead={t('alerts_public.erase.text', { email: sub.email })} secret>
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
    </PublicPage>
  );
}

export function ErasedPage({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <PublicPage c={c} title={t('alerts_public.erase.done_title')} secret>
      <Notice text={t('alerts_public.erase.done_text')} />
      <p>
        <a href={lp('/avvisi')}>{t('alerts_public.erase.again')}</a>
      </p>
    </PublicPage>
  );
}

export function UnsubscribePage({ c, sub, token }: { c: Ctx; sub: Subscriber; token: string }) {
  const { t, lp } = c.var;
  if (sub.status === 'unsubscribed') return <UnsubscribedPage c={c} sub={sub} />;
  return (
    <PublicPage c={c} title={t('alerts_public.unsub.title')} lead={t('alerts_public.unsub.intro', { email: sub.email })} secret>
      <p>{t('alerts_public.unsub.pause_instead')}</p>
      <div class="d-flex flex-wrap gap-2 align-items-center">
        <ButtonForm c={c} action={lp(ALERT_PATHS.unsubscribe(token))} label={t('alerts_public.unsub.button')} />
        <PrefsLink c={c} sub={sub} label={t('alerts_public.unsub.prefs_link')} />
      </div>
    </PublicPage>
  );
}

export function UnsubscribedPage({ c, sub }: { c: Ctx; sub: Subscriber }) {
  const { t } = c.var;
  return (
    <PublicPage c={c} title={t('alerts_public.unsub.done_title')} secret>
      <Notice text={t('alerts_public.unsub.done_text', { email: sub.email })} />
      <p>{t('alerts_public.unsub.undo', { days: UNSUBSCRIBED_GRACE_DAYS })}</p>
      <p>
        <PrefsLink c={c} sub={sub} label={t('alerts_public.unsub.prefs_link')} />
      </p>
    </PublicPage>
  );
}

export function RenewPage({ c, sub, token }: { c: Ctx; sub: Subscriber; token: string }) {
  const { t, lp, locale } = c.var;
  return (
    <PublicPage c={c} title={t('alerts_public.renew.title')} lead={t('alerts_public.renew.intro', { email: sub.email, date: fmt(locale).date.format(sub.consentExpiresAt) })} secret>
      <p>{t('alerts_public.renew.otherwise')}</p>
      <ButtonForm c={c} action={lp(ALERT_PATHS.renew(token))} label={t('alerts_public.renew.button')} />
    </PublicPage>
  );
}

export function RenewedPage({ c, sub }: { c: Ctx; sub: Subscriber }) {
  const { t, lp, locale } = c.var;
  return (
    <PublicPage c={c} title={t('alerts_public.renew.done_title')} secret>
      <Notice text={t('alerts_public.renew.done_text', { date: fmt(locale).date.format(sub.consentExpiresAt) })} />
      <p>
        <a href={lp(ALERT_PATHS.prefs(prefsToken(c, sub)))}>{t('alerts_public.renew.prefs_link')}</a>
      </p>
    </PublicPage>
  );
}
