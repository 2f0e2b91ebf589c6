// Reading the alert sign-up and preferences form: the choices from the reference data, and the
// translation between what the browser posts and the domain's fields (and back, for the page).
import type { Ctx } from '../../context.ts';
import type { FormValues } from '../../../platform/forms/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { comuneLabel, getComune, listProfessions, listProvinces, listSpecialisations, resolveComune } from '../../../domains/reference/index.ts';
import { MAX_AREAS, MAX_SPECIALISATIONS, type SubscriptionPrefs } from '../../../domains/alerts/index.ts';
import type { DomainDeps } from '../../../platform/domain-deps.ts';
import { perDatabase } from '../../kit/options.ts';
import { allValues, oneValue } from '../../kit/post.ts';

/** Rows of "specialisation + title" shown when the person has fewer stored. */
export const SPEC_ROWS = 3;
export const TRAINING_YEARS = ['1', '2', '3', '4', '5', '6'] as const;

export interface AlertFormOptions {
  professions: { code: string; name: string; nameEn: string | null }[];
  specialisations: { code: string; name: string }[];
  regions: { code: string; name: string; provinces: { code: string; name: string; abbreviation: string }[] }[];
}

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

/** The form's choices, read once every few minutes. */
export const alertFormOptions: (db: DomainDeps['db']) => Promise<AlertFormOptions> = perDatabase(load);

// ---------- reading the submitted form ----------

const str = oneValue;
const list = allValues;

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

/** The values of a first visit: everything related on, immediate alerts, the page's language. */
export function defaultValues(c: Ctx): FormValues {
  return { alsoRelated: 'on', frequency: 'immediate', locale: c.var.locale };
}
