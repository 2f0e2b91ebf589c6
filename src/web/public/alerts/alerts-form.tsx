// The alert sign-up and preferences form: its fields (no JavaScript needed), the choices read from
// the reference data, and the translation between what the browser posts and the domain's fields.
import type { Ctx } from '../../context.ts';
import { CheckboxGroup, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import type { FormValues } from '../../../platform/forms/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { comuneLabel, getComune, listProfessions, listProvinces, listSpecialisations, resolveComune } from '../../../domains/reference/index.ts';
import { CALL_TYPES } from '../../../domains/calls/index.ts';
import { FREQUENCIES, MAX_AREAS, MAX_SPECIALISATIONS, type SubscriptionPrefs } from '../../../domains/alerts/index.ts';
import { professionLabel } from '../../kit/options.ts';
import type { DomainDeps } from '../../../platform/domain-deps.ts';

/** Rows of "specialisation + title" shown when the person has fewer stored. */
export const SPEC_ROWS = 3;
const TRAINING_YEARS = ['1', '2', '3', '4', '5', '6'] as const;

export interface AlertFormOptions {
  professions: { code: string; name: string; nameEn: string | null }[];
  specialisations: { code: string; name: string }[];
  regions: { code: string; name: string; provinces: { code: string; name: string; abbreviation: string }[] }[];
}

// Reference data changes only when the seed runs: a few minutes in memory spare three queries a page.
const TTL_MS = 10 * 60_000;
const memo = new WeakMap<DomainDeps['db'], { at: number; value: Promise<AlertFormOptions> }>();

async function load(db: DomainDeps['db']): Promise<AlertFormOptions> {
  const [professions, specialisations, provinces] = await Promise.all([listProfessions(db), listSpecialisations(db), listProvinces(db)]);
  const regions = new Map<string, AlertFormOptions['regions'][number]>();
  for (const p of provinces) {
    let r = regions.get(p.regionCode);
    if (!r) regions.set(p.regionCode, (r = { code: p.regionCode, name: p.regionName, provinces: [] }));
    r.provinces.push({ code: p.code, name: p.name, abbreviation: p.abbreviation });
  }
  return {
    professions: professions.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn })),
    specialisations: specialisations.map((s) => ({ code: s.code, name: s.name })),
    regions: [...regions.values()].sort((a, b) => a.name.localeCompare(b.name, 'it')),
  };
}

export function alertFormOptions(db: DomainDeps['db']): Promise<AlertFormOptions> {
  const m = memo.get(db);
  if (m && Date.now() - m.at < TTL_MS) return m.value;
  const value = load(db);
  memo.set(db, { at: Date.now(), value });
  value.catch(() => memo.delete(db));
  return value;
}

// ---------- reading the submitted form ----------

export const str = (v: FormValues, k: string): string => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};
const list = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return Array.isArray(x) ? x : x ? [x] : [];
};

export interface ComuneProblem {
  text: string;
  reason: 'not_found' | 'ambiguous';
}

export interface ReadAlertForm {
  /** The domain's form fields (see src/domains/alerts/input.ts). */
  input: FormValues;
  /** Problems found while reading the form itself; the domain checks the rest. */
  errors: FieldErrors;
  comuneProblems: ComuneProblem[];
}

/** How many specialisation rows the posted form had (at least SPEC_ROWS). */
export function specRows(v: FormValues): number {
  let n = SPEC_ROWS;
  for (let i = SPEC_ROWS + 1; i <= MAX_SPECIALISATIONS; i++) if (`spec${i}` in v || `spec${i}_title` in v) n = i;
  return n;
}

/**
 * The posted form as the domain's fields: each "specialisation + title" row becomes "<code>" or
 * "<code>@<year>", and the comuni typed by name or ISTAT code become codes.
 */
export async function readAlertForm(db: DomainDeps['db'], v: FormValues, opts: { signup: boolean }): Promise<ReadAlertForm> {
  const errors: FieldErrors = {};
  const specialisations: string[] = [];
  for (let i = 1; i <= specRows(v); i++) {
    const code = str(v, `spec${i}`);
    const title = str(v, `spec${i}_title`);
    const year = (TRAINING_YEARS as readonly string[]).includes(title) ? title : null;
    if (code) specialisations.push(year ? `${code}@${year}` : code);
    else if (year) errors[`spec${i}`] = 'alerts_public.errors.spec_missing';
  }

  const typed = str(v, 'comuni')
    .split(/[,;\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  const comuni: string[] = [];
  const comuneProblems: ComuneProblem[] = [];
  if (typed.length > MAX_AREAS) errors.comuni = 'alerts_public.errors.too_many_comuni';
  else {
    for (const text of typed) {
      const r = await resolveComune(db, text);
      if (r.ok) comuni.push(r.value.code);
      else comuneProblems.push({ text, reason: r.error });
    }
    if (comuneProblems.length) errors.comuni = 'alerts_public.errors.comuni_unresolved';
  }

  const input: FormValues = {
    name: str(v, 'name'),
    professionCode: str(v, 'professionCode'),
    specialisations,
    provinces: list(v, 'provinces'),
    comuni,
    callTypes: list(v, 'callTypes'),
    alsoRelated: str(v, 'alsoRelated'),
    frequency: str(v, 'frequency'),
    locale: str(v, 'locale'),
  };
  if (opts.signup) {
    input.email = str(v, 'email');
    input.consent = str(v, 'consent');
  }
  return { input, errors, comuneProblems };
}

/** Domain messages worded for text fields, said right for the checkboxes they land on. */
export function formErrors(fields: FieldErrors): FieldErrors {
  const out = { ...fields };
  if (out.provinces === 'common.forms.too_long') out.provinces = 'alerts_public.errors.too_many_provinces';
  if (out.specialisations === 'common.forms.too_long') out.specialisations = 'alerts_public.errors.too_many_specialisations';
  return out;
}

/** Stored preferences as the form's values (comuni written back as "Name (XX)"). */
export async function prefsToValues(db: DomainDeps['db'], p: SubscriptionPrefs): Promise<FormValues> {
  const v: FormValues = {
    name: p.name,
    professionCode: p.professionCode,
    provinces: p.provinces,
    callTypes: p.callTypes,
    frequency: p.frequency,
    locale: p.locale,
  };
  if (p.alsoRelated) v.alsoRelated = 'on';
  p.specialisations.slice(0, MAX_SPECIALISATIONS).forEach((s, i) => {
    v[`spec${i + 1}`] = s.code;
    v[`spec${i + 1}_title`] = s.inTraining && s.trainingYear ? String(s.trainingYear) : 'held';
  });
  const names: string[] = [];
  for (const code of p.comuni) {
    const c = await getComune(db, code);
    names.push(c ? comuneLabel(c) : code);
  }
  v.comuni = names.join(', ');
  return v;
}

// ---------- the fields ----------

const describedBy = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

function FieldError({ s, name, id }: { s: FormState; name: string; id?: string }) {
  const e = s.errors[name];
  return e ? (
    <div id={id ?? `${name}-error`} class="field-error mt-1">
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

function Provinces({ c, s, opts }: { c: Ctx; s: FormState; opts: AlertFormOptions }) {
  const { t } = c.var;
  const chosen = new Set(list(s.values, 'provinces'));
  return (
    <fieldset id="provinces" class="mb-4" aria-describedby={describedBy('provinces-hint', s.errors.provinces && 'provinces-error')}>
      <legend class="h6">{t('alerts_public.fields.provinces')}</legend>
      <p id="provinces-hint" class="form-text small">
        {t('alerts_public.hints.provinces')}
      </p>
      <FieldError s={s} name="provinces" />
      {opts.regions.map((r) => {
        const n = r.provinces.filter((p) => chosen.has(p.code)).length;
        return (
          <details class="region mb-2" open={n > 0}>
            <summary>{n ? t('alerts_public.fields.region_chosen', { region: r.name, n }) : r.name}</summary>
            <div class="ps-3 pt-2">
              {r.provinces.map((p) => (
                <div class="form-check">
                  <input type="checkbox" id={`prov-${p.code}`} name="provinces" value={p.code} checked={chosen.has(p.code)} />
                  <label for={`prov-${p.code}`}>{`${p.name} (${p.abbreviation})`}</label>
                </div>
              ))}
            </div>
          </details>
        );
      })}
    </fieldset>
  );
}

function Comuni({ c, s, problems }: { c: Ctx; s: FormState; problems: ComuneProblem[] }) {
  const { t } = c.var;
  return (
    <TextField
      s={s}
      name="comuni"
      label={t('alerts_public.fields.comuni')}
      hint={t('alerts_public.hints.comuni')}
      maxLength={2000}
      autocomplete="off"
      spacing="mt-5 mb-4"
      errorDetail={
        problems.length ? (
          <ul class="mb-0">
            {problems.map((p) => (
              <li>{t(`alerts_public.errors.comune_${p.reason}`, { name: p.text })}</li>
            ))}
          </ul>
        ) : null
      }
    />
  );
}

function Radios({ s, name, legend, options, hint }: { s: FormState; name: string; legend: string; options: { value: string; label: string; lang?: string }[]; hint?: string }) {
  const current = str(s.values, name);
  return (
    <fieldset class="mb-4" aria-describedby={describedBy(hint && `${name}-hint`, s.errors[name] && `${name}-error`)}>
      <legend class="h6">{legend}</legend>
      {hint ? (
        <p id={`${name}-hint`} class="form-text small">
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <div class="form-check">
          <input type="radio" id={`${name}-${o.value}`} name={name} value={o.value} checked={current === o.value} />
          <label for={`${name}-${o.value}`} lang={o.lang}>
            {o.label}
          </label>
        </div>
      ))}
      <FieldError s={s} name={name} />
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
  const alsoRelated = str(s.values, 'alsoRelated') === 'on';
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
        <Provinces c={c} s={s} opts={opts} />
        <Comuni c={c} s={s} problems={comuneProblems} />
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
        <Radios
          s={s}
          name="frequency"
          legend={t('alerts_public.fields.frequency')}
          options={FREQUENCIES.map((f) => ({ value: f, label: t(`alerts_public.options.frequency_${f}`) }))}
        />
        <Radios
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

/** The values of a first visit: everything related on, immediate alerts, the page's language. */
export function defaultValues(c: Ctx): FormValues {
  return { alsoRelated: 'on', frequency: 'immediate', locale: c.var.locale };
}
