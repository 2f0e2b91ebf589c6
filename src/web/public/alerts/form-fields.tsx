// The fields of the alert sign-up and preferences form (no JavaScript needed) and its error summary,
// each entry linking to its field in the order of the form.
import type { Ctx } from '../../context.ts';
import { CheckboxGroup, ErrorSummary, RadioGroup, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { ComuniField, ProvincePicker } from '../../kit/places.tsx';
import { professionLabel } from '../../kit/options.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { CALL_TYPES } from '../../../domains/calls/index.ts';
import { FREQUENCIES } from '../../../domains/alerts/index.ts';
import { oneValue } from '../../kit/post.ts';
import { specRows, TRAINING_YEARS, type AlertFormOptions, type ComuneProblem } from './form-read.ts';

const describedBy = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

function FieldError({ s, name }: { s: FormState; name: string }) {
  const e = s.errors[name];
  return e ? (
    <div id={`${name}-error`} class="field-error mt-1">
      {s.t(e)}
    </div>
  ) : null;
}

function Specialisations({ c, s, opts }: { c: Ctx; s: FormState; opts: AlertFormOptions }) {
  const { t } = c.var;
  const rows = specRows(s.values);
  const titles = [
    { value: 'held', label: t('alerts_public.options.held') },
    ...TRAINING_YEARS.map((y) => ({ value: y, label: t('alerts_public.options.training_year', { year: y }) })),
  ];
  const specs = opts.specialisations.map((x) => ({ value: x.code, label: x.name }));
  return (
    <fieldset id="specialisations" class="mb-4" aria-describedby={describedBy('specialisations-hint', s.errors.specialisations && 'specialisations-error')}>
      <legend class="h6">{t('alerts_public.fields.specialisations')}</legend>
      <p id="specialisations-hint" class="form-text small">
        {t('alerts_public.hints.specialisations')}
      </p>
      <FieldError s={s} name="specialisations" />
      {Array.from({ length: rows }, (_, k) => {
        const i = k + 1;
        return (
          <fieldset class="row align-items-end spec-row">
            <legend class="small fw-semibold mb-3">{t('alerts_public.fields.spec_row', { n: i })}</legend>
            <div class="col-md-7">
              <SelectField s={s} name={`spec${i}`} label={t('alerts_public.fields.specialisation')} empty={t('alerts_public.options.no_specialisation')} options={specs} />
            </div>
            <div class="col-md-5">
              <SelectField s={s} name={`spec${i}_title`} label={t('alerts_public.fields.title')} options={titles} />
            </div>
          </fieldset>
        );
      })}
    </fieldset>
  );
}

export interface AlertFieldsProps {
  c: Ctx;
  s: FormState;
  opts: AlertFormOptions;
  comuneProblems?: ComuneProblem[];
  /** The sign-up also asks for the email (the preferences page shows it, unchangeable). */
  signup: boolean;
}

/** Every field of the form except consent, honeypot and campaign (the sign-up page adds those). */
export function AlertFields({ c, s, opts, comuneProblems = [], signup }: AlertFieldsProps) {
  const { t, locale } = c.var;
  const alsoRelated = oneValue(s.values, 'alsoRelated') === 'on';
  return (
    <>
      <fieldset class="mb-2">
        <legend class="h5 mb-4">{t('alerts_public.form.about_you')}</legend>
        <TextField s={s} name="name" label={t('alerts_public.fields.name')} required maxLength={120} autocomplete="name" />
        {signup ? (
          <TextField s={s} name="email" type="email" label={t('alerts_public.fields.email')} required maxLength={254} autocomplete="email" hint={t('alerts_public.hints.email')} />
        ) : null}
        <SelectField
          s={s}
          name="professionCode"
          label={t('alerts_public.fields.professionCode')}
          required
          empty={t('alerts_public.options.choose_profession')}
          options={opts.professions.map((p) => ({ value: p.code, label: professionLabel(p, locale) }))}
        />
        <Specialisations c={c} s={s} opts={opts} />
        <div class="form-check mb-1">
          <input
            type="checkbox"
            id="alsoRelated"
            name="alsoRelated"
            value="on"
            checked={alsoRelated}
            aria-describedby={describedBy('alsoRelated-hint', s.errors.alsoRelated && 'alsoRelated-error')}
          />
          <label for="alsoRelated">{t('alerts_public.fields.alsoRelated')}</label>
        </div>
        <p id="alsoRelated-hint" class="form-text small mb-4">
          {t('alerts_public.hints.alsoRelated')}
        </p>
        <FieldError s={s} name="alsoRelated" />
      </fieldset>

      <fieldset class="mb-2">
        <legend class="h5 mb-4">{t('alerts_public.form.where')}</legend>
        <p class="small">{t('alerts_public.hints.anywhere')}</p>
        <ProvincePicker
          s={s}
          name="provinces"
          legend={t('alerts_public.fields.provinces')}
          hint={t('alerts_public.hints.provinces')}
          regions={opts.regions}
          chosen={(region, n) => t('alerts_public.fields.region_chosen', { region, n })}
        />
        <ComuniField
          s={s}
          name="comuni"
          label={t('alerts_public.fields.comuni')}
          hint={t('alerts_public.hints.comuni')}
          spacing="mt-5 mb-4"
          problems={comuneProblems.map((p) => t(`alerts_public.errors.comune_${p.reason}`, { name: p.text }))}
        />
      </fieldset>

      <fieldset class="mb-2">
        <legend class="h5 mb-4">{t('alerts_public.form.what_how')}</legend>
        <CheckboxGroup
          s={s}
          name="callTypes"
          legend={t('alerts_public.fields.callTypes')}
          hint={t('alerts_public.hints.callTypes')}
          options={CALL_TYPES.map((ty) => ({ value: ty, label: t(`calls.types.${ty}`) }))}
        />
        <RadioGroup s={s} name="frequency" legend={t('alerts_public.fields.frequency')} options={FREQUENCIES.map((f) => ({ value: f, label: t(`alerts_public.options.frequency_${f}`) }))} />
        <RadioGroup
          s={s}
          name="locale"
          legend={t('alerts_public.fields.locale')}
          options={[
            { value: 'it', label: t('alerts_public.options.locale_it'), lang: 'it' },
            { value: 'en', label: t('alerts_public.options.locale_en'), lang: 'en' },
          ]}
        />
      </fieldset>
    </>
  );
}

const FIELD_ORDER = ['_form', 'name', 'email', 'professionCode', 'specialisations', 'alsoRelated', 'provinces', 'comuni', 'callTypes', 'frequency', 'locale', 'consent'];

/** Where each field's error links to in the summary (the first control of a group). */
const ANCHORS: Record<string, string> = {
  specialisations: 'specialisations',
  callTypes: 'callTypes-0',
  frequency: 'frequency-immediate',
  locale: 'locale-it',
};

/** The error summary of the form, each entry linking to its field. */
export function AlertErrorSummary({ c, s }: { c: Ctx; s: FormState }) {
  const { t } = c.var;
  const errors: FieldErrors = {};
  const labels: Record<string, string> = {};
  const rank = (k: string) => {
    const i = FIELD_ORDER.indexOf(/^spec\d$/.test(k) ? 'specialisations' : k);
    return i < 0 ? FIELD_ORDER.length : i;
  };
  // In the order of the form, whatever order the checks found them in.
  const entries = Object.entries(s.errors).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  for (const [k, v] of entries) {
    const spec = /^spec(\d)$/.exec(k);
    const anchor = ANCHORS[k] ?? k;
    if (errors[anchor]) continue;
    errors[anchor] = v;
    labels[anchor] = spec ? t('alerts_public.fields.spec_row', { n: spec[1]! }) : t(`alerts_public.fields.${k}`);
  }
  return <ErrorSummary s={{ ...s, errors }} labels={labels} />;
}
