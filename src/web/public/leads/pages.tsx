// The /contatti page (the lead form on its own) and the thanks page after it.
import type { Ctx } from '../../context.ts';
import { ErrorSummary, type FormState } from '../../kit/form.tsx';
import { Notice, PublicPage } from '../../kit/public-page.tsx';
import { fieldLabels, LeadForm, type LeadFormOptions } from './form.tsx';

export function LeadPage({ c, options, s, alert }: { c: Ctx; options: LeadFormOptions; s: FormState; alert?: string }) {
  const { t } = c.var;
  return (
    <PublicPage c={c} title={t('leads.page.title')} lead={t('leads.page.intro')} description={t('leads.page.meta_description')}>
      <p>{t('leads.page.what_next')}</p>
      <Notice text={alert} kind="danger" />
      <ErrorSummary s={s} labels={fieldLabels(c)} />
      <LeadForm c={c} options={options} s={s} source="contatti" />
    </PublicPage>
  );
}

export function ThanksPage({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <PublicPage c={c} title={t('leads.thanks.title')}>
      <Notice text={t('leads.thanks.received')} />
      <p>{t('leads.thanks.mail')}</p>
      <p>{t('leads.thanks.next')}</p>
      <p>{t('leads.thanks.withdraw')}</p>
      <ul>
        <li>
          <a href={lp('/bandi')}>{t('leads.thanks.browse_calls')}</a>
        </li>
        <li>
          <a href={lp('/privacy')}>{t('leads.thanks.privacy')}</a>
        </li>
      </ul>
    </PublicPage>
  );
}
