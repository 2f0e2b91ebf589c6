// The desk's forms on a candidate's page: the outcome of their turn (after an offer, or a
// renunciation or ineligibility before one) and a contact attempt.
import type { Ctx } from '../../context.ts';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, NO_ANSWER_ATTEMPTS, OFFER_OUTCOMES, RENUNCIATION_REASONS, type RankedCandidate } from '../../../domains/rankings/index.ts';
import { CsrfField, ErrorSummary, SelectField, TextArea, type FormState } from '../../kit/form.tsx';
import { BASE } from './shared.tsx';

/** Before an offer only a renunciation or ineligibility can be recorded. */
const EARLY_OUTCOMES = ['renounced', 'not_eligible'] as const;

export function OutcomeForm({ c, x, s }: { c: Ctx; x: RankedCandidate; s: FormState }) {
  const { t, lp } = c.var;
  const labels = { outcome: t('rankings_admin.outcome.outcome'), reason: t('rankings_admin.outcome.reason'), reasonText: t('rankings_admin.outcome.reasonText') };
  return (
    <form method="post" action={lp(`${BASE}/candidato/${x.id}/esito`)} novalidate class="mb-5">
      <h2 class="h4">{t('rankings_admin.outcome.title')}</h2>
      {x.state === 'proposed' ? <p>{t('rankings_admin.outcome.before_offer', { attempts: NO_ANSWER_ATTEMPTS })}</p> : null}
      <ErrorSummary s={s} labels={labels} />
      <CsrfField token={c.var.csrfToken} />
      <SelectField
        s={s}
        name="outcome"
        label={labels.outcome}
        required
        empty={t('rankings_admin.outcome.choose')}
        options={(x.state === 'offered' ? OFFER_OUTCOMES : EARLY_OUTCOMES).map((o) => ({ value: o, label: t(`rankings.outcomes.${o}`) }))}
      />
      <SelectField
        s={s}
        name="reason"
        label={labels.reason}
        empty={t('rankings_admin.outcome.choose')}
        hint={t('rankings_admin.outcome.reason_hint')}
        options={RENUNCIATION_REASONS.map((r) => ({ value: r, label: t(`rankings.reasons.${r}`) }))}
      />
      <TextArea s={s} name="reasonText" label={labels.reasonText} maxLength={2000} rows={3} />
      <button type="submit" class="btn btn-primary">
        {t('rankings_admin.outcome.submit')}
      </button>
    </form>
  );
}

export function ContactForm({ c, x, s }: { c: Ctx; x: RankedCandidate; s: FormState }) {
  const { t, lp } = c.var;
  const labels = { channel: t('rankings_admin.contact.channel'), result: t('rankings_admin.contact.outcome'), notes: t('rankings_admin.contact.notes') };
  return (
    <form method="post" action={lp(`${BASE}/candidato/${x.id}/contatto`)} novalidate class="mb-5">
      <h2 class="h4">{t('rankings_admin.contact.title')}</h2>
      <ErrorSummary s={s} labels={labels} />
      <CsrfField token={c.var.csrfToken} />
      <SelectField s={s} name="channel" label={labels.channel} required options={CONTACT_CHANNELS.map((o) => ({ value: o, label: t(`rankings.channels.${o}`) }))} />
      <SelectField s={s} name="result" label={labels.result} required options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`rankings.contact_outcomes.${o}`) }))} />
      <TextArea s={s} name="notes" label={labels.notes} maxLength={2000} rows={3} />
      <button type="submit" class="btn btn-primary">
        {t('rankings_admin.contact.submit')}
      </button>
    </form>
  );
}
