// Reading the call form (/admin/bandi/nuovo, /admin/bandi/:id/modifica) into the domain's call input,
// and a stored call back into form values: dates and times in Europe/Rome, comuni resolved, the
// specialisations ticked on screen checked against what the form can offer.
import type { FormValues } from '../../../platform/forms/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import type { DomainDeps } from '../../../platform/domain-deps.ts';
import { fromRomeLocal, toRomeLocal } from '../../../platform/i18n/format.ts';
import { resolveWorkplaces, splitWorkplaces, workplacesText, type CallDetail, type CallInputRaw, type SpecialisationCandidate, type WorkplaceProblem } from '../../../domains/calls/index.ts';
import { RELATION_KINDS } from '../../../domains/reference/index.ts';
import { allValues, oneValue as str } from '../../kit/post.ts';

const SPEC_RE = new RegExp(`^([a-z0-9-]{1,120}):(${RELATION_KINDS.join('|')})$`);

/** The ticked specialisations ("code:kind"); anything else was not offered by the form. */
export function checkedSpecialisations(v: FormValues): { code: string; kind: SpecialisationCandidate['kind'] }[] {
  const out = new Map<string, SpecialisationCandidate['kind']>();
  for (const x of allValues(v, 'specialisations').slice(0, 300)) {
    const m = SPEC_RE.exec(x);
    if (m) out.set(m[1]!, m[2] as SpecialisationCandidate['kind']);
  }
  return [...out].map(([code, kind]) => ({ code, kind }));
}

const code = (s: string) => (/^\d{1,6}$/.test(s) ? Number(s) : null);

/** The discipline chosen in the form, or null (none, or not a code). */
export const disciplineOf = (v: FormValues): number | null => code(str(v, 'disciplineCode'));

/** The discipline the specialisation list on screen was proposed for (hidden field). */
export const proposedFor = (v: FormValues): number | null => code(str(v, 'spec_discipline'));

/** Domain errors name the instants; the form has a date and a time field for each. */
export const FORM_NAMES = { publishAt: 'publishDate', deadline: 'deadlineDate' };

/** A date and a time typed in Europe/Rome: both or neither; problems go to `errors` under `<prefix>Date|Time`. */
export function readRomeInstant(v: FormValues, prefix: string, errors: FieldErrors): Date | null {
  const date = str(v, `${prefix}Date`);
  const time = str(v, `${prefix}Time`);
  if (!date && !time) return null;
  if (!date) errors[`${prefix}Date`] = 'common.forms.required';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors[`${prefix}Date`] = 'common.forms.invalid_date';
  if (!time) errors[`${prefix}Time`] = 'common.forms.required';
  else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors[`${prefix}Time`] = 'common.forms.invalid_time';
  if (errors[`${prefix}Date`] || errors[`${prefix}Time`]) return null;
  const d = fromRomeLocal(date, time);
  if (!d) errors[`${prefix}Date`] = 'common.forms.invalid_date';
  return d;
}

export interface ReadForm {
  raw: CallInputRaw;
  /** Problems found while reading the form itself (the domain checks the rest). */
  errors: FieldErrors;
  workplaceProblems: WorkplaceProblem[];
  /** The discipline changed since the specialisations were proposed: they need a fresh look. */
  proposalStale: boolean;
}

/** The comuni typed in the form, resolved by name or ISTAT code. */
export const readWorkplaces = (db: DomainDeps['db'], v: FormValues) => resolveWorkplaces(db, splitWorkplaces(str(v, 'workplaces'), ','));

/** The submitted form as the domain's call input: dates in Europe/Rome, comuni resolved. */
export async function readCallForm(db: DomainDeps['db'], v: FormValues): Promise<ReadForm> {
  const errors: FieldErrors = {};
  const disciplineCode = disciplineOf(v);
  if (str(v, 'disciplineCode') && disciplineCode === null) errors.disciplineCode = 'common.forms.invalid_choice';
  const postsText = str(v, 'posts');
  let posts = NaN;
  if (!postsText) errors.posts = 'common.forms.required';
  else if (/^\d{1,6}$/.test(postsText)) posts = Number(postsText);
  else errors.posts = 'common.forms.invalid_number';
  const publishAt = readRomeInstant(v, 'publish', errors);
  const deadline = readRomeInstant(v, 'deadline', errors);
  const wp = await readWorkplaces(db, v);
  if (wp.problems.length) errors.workplaces = 'calls_admin.errors.workplaces_unresolved';

  const proposed = proposedFor(v);
  const checked = checkedSpecialisations(v);
  const proposalStale = disciplineCode !== null && proposed !== null && proposed !== disciplineCode;
  // Never proposed and nothing ticked: let the domain propose from the relation graph.
  const specialisations = proposed === null && !checked.length ? null : checked;

  const raw: CallInputRaw = {
    title: str(v, 'title'),
    slug: str(v, 'slug'),
    type: str(v, 'type') as CallInputRaw['type'],
    employerId: str(v, 'employerId'),
    professionCode: str(v, 'professionCode'),
    disciplineCode,
    posts,
    contractTerm: str(v, 'contractTerm') as CallInputRaw['contractTerm'],
    contractHours: str(v, 'contractHours') as CallInputRaw['contractHours'],
    workplaces: wp.codes,
    specialisations,
    descriptionMd: str(v, 'descriptionMd'),
    requirementsMd: str(v, 'requirementsMd'),
    publishAt,
    deadline,
    officialRef: str(v, 'officialRef'),
    applicationUrl: str(v, 'applicationUrl'),
    contactName: str(v, 'contactName'),
    contactEmail: str(v, 'contactEmail'),
    contactPhone: str(v, 'contactPhone'),
  };
  return { raw, errors, workplaceProblems: wp.problems, proposalStale };
}

/** A stored call as form values (edit). */
export function formFromCall(d: CallDetail): FormValues {
  const c = d.call;
  const when = (x: Date | null) => (x ? toRomeLocal(x) : { date: '', time: '' });
  const p = when(c.publishAt);
  const dl = when(c.deadline);
  const discipline = c.disciplineCode != null ? String(c.disciplineCode) : '';
  return {
    title: c.title,
    slug: c.slug,
    type: c.type,
    employerId: c.employerId,
    professionCode: c.professionCode,
    disciplineCode: discipline,
    posts: String(c.posts),
    contractTerm: c.contractTerm,
    contractHours: c.contractHours,
    workplaces: workplacesText(d.workplaces),
    specialisations: d.specialisations.map((s) => `${s.code}:${s.kind}`),
    spec_discipline: discipline,
    descriptionMd: c.descriptionMd,
    requirementsMd: c.requirementsMd,
    publishDate: p.date,
    publishTime: p.time,
    deadlineDate: dl.date,
    deadlineTime: dl.time,
    officialRef: c.officialRef ?? '',
    applicationUrl: c.applicationUrl ?? '',
    contactName: c.contactName ?? '',
    contactEmail: c.contactEmail ?? '',
    contactPhone: c.contactPhone ?? '',
    version: String(c.version),
  };
}
