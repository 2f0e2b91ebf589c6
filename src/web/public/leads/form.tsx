// The lead form ("leave your references"): its choices from the reference data and the form itself,
// which always posts to /contatti in the page's language, whether on its own page or embedded.
import type { Ctx } from '../../context.ts';
import { CsrfField, SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { ConsentField, HoneypotField, UtmFields } from '../../kit/consent.tsx';
import { perDatabase, professionLabel } from '../../kit/options.ts';
import { oneValue } from '../../kit/post.ts';
import { pickUtm } from '../../../platform/consent/index.ts';
import { MESSAGE_MAX, PREFERRED_TIMES } from '../../../domains/leads/index.ts';
import { listProfessions, listSpecialisations } from '../../../domains/reference/index.ts';

export interface LeadFormOptions {
  professions: { code: string; name: string; nameEn: string | null }[];
  specialisations: { code: string; name: string }[];
}

/** The form's choices, read once every few minutes (reference data changes only when the seed runs). */
export const leadFormOptions = perDatabase(
  async (db): Promise<LeadFormOptions> => {
    const [p, s] = await Promise.all([listProfessions(db), listSpecialisations(db)]);
    return { professions: p.map((x) => ({ code: x.code, name: x.name, nameEn: x.nameEn })), specialisations: s.map((x) => ({ code: x.code, name: x.name })) };
  },
);

export const fieldLabels = (c: Ctx) => ({
  name: c.var.t('leads.fields.name'),
  email: c.var.t('leads.fields.email'),
  phone: c.var.t('leads.fields.phone'),
  professionCode: c.var.t('leads.fields.professionCode'),
  specialisationCode: c.var.t('leads.fields.specialisationCode'),
  preferredTime: c.var.t('leads.fields.preferredTime'),
  message: c.var.t('leads.fields.message'),
  consent: c.var.t('leads.fields.consent'),
});

export interface LeadFormProps {
  c: Ctx;
  options: LeadFormOptions;
  /** What the visitor typed (a 422 re-render) and the messages at the fields. */
  s?: FormState;
  /** The compact variant sits inside another page (/bandi without results, a closed call). */
  compact?: boolean;
  /** Prefix of the field ids; needed when the page has other forms. */
  idPrefix?: string;
  /** Where the form is shown: bandi-empty, call-closed, contatti… (recorded with the consent). */
  source?: string;
  /** The closed call whose page the form is on. */
  callSlug?: string;
}

export function LeadForm({ c, options, s, compact, idPrefix = '', source, callSlug }: LeadFormProps) {
  const { t, lp, locale } = c.var;
  const st: FormState = s ?? { values: {}, errors: {}, t };
  const labels = fieldLabels(c);
  const p = idPrefix;
  const values = st.values;
  // The campaign of the visit: the page's own query on first show, the posted values on a re-render.
  const utm = pickUtm((k) => (typeof values[k] === 'string' ? (values[k] as string) : c.req.query(k)));
  const slug = oneValue(values, 'callSlug') || callSlug;
  const src = oneValue(values, 'source') || source;
  const col = compact ? 'col-md-6' : 'col-12';
  return (
    <form method="post" action={lp('/contatti')} novalidate class="lead-form">
      <CsrfField token={c.var.csrfToken} />
      <UtmFields utm={utm} source={src} />
      {slug ? <input type="hidden" name="callSlug" value={slug} /> : null}
      <p class="small">{t('leads.form.required_note')}</p>
      <div class="row">
        <div class={col}>
          <TextField s={st} id={`${p}name`} name="name" label={labels.name} required maxLength={200} autocomplete="name" />
        </div>
        <div class={col}>
          <TextField s={st} id={`${p}email`} name="email" type="email" label={labels.email} required maxLength={254} autocomplete="email" />
        </div>
        <div class={col}>
          <TextField s={st} id={`${p}phone`} name="phone" type="tel" label={labels.phone} maxLength={30} autocomplete="tel" hint={t('leads.form.phone_hint')} />
        </div>
        <div class={col}>
          <SelectField s={st} id={`${p}preferredTime`} name="preferredTime" label={labels.preferredTime} options={PREFERRED_TIMES.map((v) => ({ value: v, label: t(`leads.preferred_times.${v}`) }))} />
        </div>
        <div class={col}>
          <SelectField
            s={st}
            id={`${p}professionCode`}
            name="professionCode"
            label={labels.professionCode}
            required
            empty={t('leads.form.choose_profession')}
            options={options.professions.map((x) => ({ value: x.code, label: professionLabel(x, locale) }))}
          />
        </div>
        <div class={col}>
          <SelectField
            s={st}
            id={`${p}specialisationCode`}
            name="specialisationCode"
            label={labels.specialisationCode}
            empty={t('leads.form.no_specialisation')}
            hint={t('leads.form.specialisation_hint')}
            options={options.specialisations.map((x) => ({ value: x.code, label: x.name }))}
          />
        </div>
      </div>
      <TextArea s={st} id={`${p}message`} name="message" label={labels.message} rows={compact ? 3 : 5} maxLength={MESSAGE_MAX} hint={t('leads.form.message_hint', { max: MESSAGE_MAX })} />
      <ConsentField t={t} lp={lp} id={`${p}consent`} purpose="contact" error={st.errors.consent} checked={values.consent === 'on'} />
      <HoneypotField t={t} id={`${p}website`} />
      <button type="submit" class="btn btn-primary">
        {t('leads.form.submit')}
      </button>
    </form>
  );
}
