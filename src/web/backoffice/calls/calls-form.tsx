// The call form (/admin/bandi/nuovo, /admin/bandi/:id/modifica): every field of a call, the
// specialisations proposed from the relation graph, comuni typed by name or code, Markdown preview.
// Every helper is a submit button (name="action"), so the form works without JavaScript; htmx only
// narrows the disciplines and searches comuni in place.
import { raw } from 'hono/html';
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import type { FormValues } from '../../../platform/forms/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { fromRomeLocal, toRomeLocal } from '../../../platform/i18n/format.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import { CALL_TYPES, CONTRACT_HOURS, CONTRACT_TERMS, type CallDetail, type CallInputRaw, resolveWorkplaces, splitWorkplaces, workplacesText, type CallFormOptions, type SpecialisationCandidate, type WorkplaceProblem } from '../../../domains/calls/index.ts';
import { RELATION_KINDS } from '../../../domains/reference/index.ts';
import { callPath } from './calls-shared.tsx';
import type { DomainDeps } from '../../../platform/domain-deps.ts';

export const HTMX = '/assets/app/htmx.min.js';
// htmx would inject an inline <style> for its indicators, which the CSP refuses: we use none.
const HTMX_CONFIG = <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />;

// ---------- reading the submitted form ----------

export const str = (v: FormValues, k: string): string => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};
const list = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return Array.isArray(x) ? x : x ? [x] : [];
};

const SPEC_RE = new RegExp(`^([a-z0-9-]{1,120}):(${RELATION_KINDS.join('|')})$`);

/** The ticked specialisations ("code:kind"); anything else was not offered by the form. */
export function checkedSpecialisations(v: FormValues): { code: string; kind: SpecialisationCandidate['kind'] }[] {
  const out = new Map<string, SpecialisationCandidate['kind']>();
  for (const x of list(v, 'specialisations').slice(0, 300)) {
    const m = SPEC_RE.exec(x);
    if (m) out.set(m[1]!, m[2] as SpecialisationCandidate['kind']);
  }
  return [...out].map(([code, kind]) => ({ code, kind }));
}

/** The discipline chosen in the form, or null (none, or not a code). */
export function disciplineOf(v: FormValues): number | null {
  const s = str(v, 'disciplineCode');
  return /^\d{1,6}$/.test(s) ? Number(s) : null;
}

/** The discipline the specialisation list on screen was proposed for (hidden field). */
export function proposedFor(v: FormValues): number | null {
  const s = str(v, 'spec_discipline');
  return /^\d{1,6}$/.test(s) ? Number(s) : null;
}

/** Domain errors name the instants; the form has a date and a time field for each. */
export function formErrors(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(fields)) out[k === 'publishAt' ? 'publishDate' : k === 'deadline' ? 'deadlineDate' : k] = v;
  return out;
}

function readWhen(v: FormValues, prefix: 'publish' | 'deadline', errors: FieldErrors): Date | null {
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

/** The submitted form as the domain's call input: dates in Europe/Rome, comuni resolved. */
export async function readCallForm(db: DomainDeps['db'], v: FormValues): Promise<ReadForm> {
  const errors: FieldErrors = {};
  const dText = str(v, 'disciplineCode');
  const disciplineCode = disciplineOf(v);
  if (dText && disciplineCode === null) errors.disciplineCode = 'common.forms.invalid_choice';
  const postsText = str(v, 'posts');
  let posts = NaN;
  if (!postsText) errors.posts = 'common.forms.required';
  else if (/^\d{1,6}$/.test(postsText)) posts = Number(postsText);
  else errors.posts = 'common.forms.invalid_number';
  const publishAt = readWhen(v, 'publish', errors);
  const deadline = readWhen(v, 'deadline', errors);
  const wp = await resolveWorkplaces(db, splitWorkplaces(str(v, 'workplaces'), ','));
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
  return {
    title: c.title,
    slug: c.slug,
    type: c.type,
    employerId: c.employerId,
    professionCode: c.professionCode,
    disciplineCode: c.disciplineCode != null ? String(c.disciplineCode) : '',
    posts: String(c.posts),
    contractTerm: c.contractTerm,
    contractHours: c.contractHours,
    workplaces: workplacesText(d.workplaces),
    specialisations: d.specialisations.map((s) => `${s.code}:${s.kind}`),
    spec_discipline: c.disciplineCode != null ? String(c.disciplineCode) : '',
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

// ---------- rendering ----------

export interface CallFormProps {
  c: Ctx;
  mode: 'new' | 'edit';
  callId?: string;
  callTitle?: string;
  s: FormState;
  opts: CallFormOptions;
  candidates: SpecialisationCandidate[];
  workplaceProblems?: WorkplaceProblem[];
  comuniResults?: { code: string; label: string }[] | null;
  preview?: boolean;
  conflict?: boolean;
  problem?: string | null;
}

const describedBy = (s: FormState, name: string, hint?: boolean) =>
  [hint ? `${name}-hint` : null, s.errors[name] ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;

function FieldError({ s, name }: { s: FormState; name: string }) {
  return s.errors[name] ? (
    <div id={`${name}-error`} class="field-error mt-1">
      {s.t(s.errors[name])}
    </div>
  ) : null;
}

export function professionLabel(c: Ctx, p: { name: string; nameEn: string | null }) {
  return c.var.locale === 'en' && p.nameEn ? p.nameEn : p.name;
}

function ProfessionSelect({ c, s, opts }: { c: Ctx; s: FormState; opts: CallFormOptions }) {
  const { t, lp } = c.var;
  const current = str(s.values, 'professionCode');
  const invalid = !!s.errors.professionCode;
  return (
    <div class="select-wrapper mb-4">
      <label for="professionCode">{t('calls.fields.professionCode')} *</label>
      <select
        id="professionCode"
        name="professionCode"
        class={invalid ? 'is-invalid' : undefined}
        required
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(s, 'professionCode')}
        data-hx-get={lp('/admin/bandi/discipline')}
        data-hx-trigger="change"
        data-hx-target="#disciplineCode"
        data-hx-swap="innerHTML"
        // While the disciplines reload the old list cannot be used: a choice made then would be swapped away.
        data-hx-disabled-elt="#disciplineCode"
      >
        <option value="">{t('calls_admin.form.choose')}</option>
        {opts.professions.map((p) => (
          <option value={p.code} selected={current === p.code}>
            {professionLabel(c, p)}
          </option>
        ))}
      </select>
      <FieldError s={s} name="professionCode" />
    </div>
  );
}

/** The options of the discipline select: grouped by profession, or one profession's (htmx). */
export function DisciplineOptions({ c, opts, current, only }: { c: Ctx; opts: CallFormOptions; current: string; only?: string }) {
  const { t } = c.var;
  const groups = opts.professions
    .filter((p) => !only || p.code === only)
    .map((p) => ({ p, ds: opts.disciplines.filter((d) => d.professionCode === p.code) }))
    .filter((g) => g.ds.length);
  return (
    <>
      <option value="">{t('calls_admin.form.no_discipline')}</option>
      {only
        ? groups.flatMap((g) =>
            g.ds.map((d) => (
              <option value={String(d.code)} selected={current === String(d.code)}>
                {`${d.name} (${d.code})`}
              </option>
            )),
          )
        : groups.map((g) => (
            <optgroup label={professionLabel(c, g.p)}>
              {g.ds.map((d) => (
                <option value={String(d.code)} selected={current === String(d.code)}>
                  {`${d.name} (${d.code})`}
                </option>
              ))}
            </optgroup>
          ))}
    </>
  );
}

function DisciplineSelect({ c, s, opts }: { c: Ctx; s: FormState; opts: CallFormOptions }) {
  const { t } = c.var;
  const invalid = !!s.errors.disciplineCode;
  return (
    <div class="select-wrapper mb-4">
      <label for="disciplineCode">{t('calls.fields.disciplineCode')}</label>
      <select
        id="disciplineCode"
        name="disciplineCode"
        class={invalid ? 'is-invalid' : undefined}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(s, 'disciplineCode', true)}
      >
        <DisciplineOptions c={c} opts={opts} current={str(s.values, 'disciplineCode')} />
      </select>
      <small id="disciplineCode-hint" class="form-text">
        {t('calls_admin.form.discipline_hint')}
      </small>
      <FieldError s={s} name="disciplineCode" />
    </div>
  );
}

function Specialisations({ c, s, candidates }: { c: Ctx; s: FormState; candidates: SpecialisationCandidate[] }) {
  const { t } = c.var;
  const checked = new Set(list(s.values, 'specialisations'));
  return (
    <fieldset id="specialisations" class="mb-4" aria-describedby={describedBy(s, 'specialisations', true)} tabindex={-1}>
      <legend class="h6">{t('calls.fields.specialisations')}</legend>
      <p id="specialisations-hint" class="form-text">
        {t('calls_admin.form.specialisations_hint')}
      </p>
      <input type="hidden" name="spec_discipline" value={str(s.values, 'spec_discipline')} />
      {candidates.length ? (
        candidates.map((cand, i) => {
          const value = `${cand.code}:${cand.kind}`;
          return (
            <div class="form-check">
              {/* An identity title is admitted by law: shown ticked and disabled, carried by a hidden field. */}
              {cand.fixed ? (
                <>
                  <input type="checkbox" id={`spec-${i}`} value={value} checked disabled aria-describedby={`spec-${i}-fixed`} />
                  <input type="hidden" name="specialisations" value={value} />
                </>
              ) : (
                <input type="checkbox" id={`spec-${i}`} name="specialisations" value={value} checked={checked.has(value)} />
              )}
              <label for={`spec-${i}`}>
                {cand.name}
                {' — '}
                <strong>{t(`calls.relation_kinds.${cand.kind}`)}</strong>
                {cand.fixed ? (
                  <small id={`spec-${i}-fixed`} class="d-block">
                    {t('calls_admin.form.identity_fixed')}
                  </small>
                ) : null}
                {cand.source ? (
                  <small class="d-block text-muted">{t('calls_admin.form.legal_source', { source: cand.source })}</small>
                ) : (
                  <small class="d-block text-muted">{t('calls_admin.form.chosen_for_call')}</small>
                )}
              </label>
            </div>
          );
        })
      ) : (
        <p>{t('calls_admin.form.no_specialisations')}</p>
      )}
      <FieldError s={s} name="specialisations" />
      <button type="submit" name="action" value="propose" class="btn btn-outline-primary btn-sm mt-2">
        {t('calls_admin.form.propose')}
      </button>
    </fieldset>
  );
}

function Workplaces({ c, s, problems, results }: { c: Ctx; s: FormState; problems: WorkplaceProblem[]; results: { code: string; label: string }[] | null }) {
  const { t, lp } = c.var;
  return (
    <>
      <TextField
        s={s}
        name="workplaces"
        label={t('calls.fields.workplaces')}
        hint={t('calls_admin.form.workplaces_hint')}
        maxLength={4000}
        autocomplete="off"
        spacing="mb-3"
        errorDetail={
          problems.length ? (
            <ul class="mb-0">
              {problems.map((p) => (
                <li>
                  {p.problem === 'ambiguous'
                    ? t('calls.import_errors.comune_ambiguous', { value: p.text, options: p.candidates.join(', ') })
                    : t('calls.import_errors.comune_not_found', { value: p.text })}
                </li>
              ))}
            </ul>
          ) : null
        }
      />
      <div class="form-group mb-2">
        <label for="comune_q" class="active">
          {t('calls_admin.form.comune_search')}
        </label>
        <input type="search" id="comune_q" name="comune_q" class="form-control" value={str(s.values, 'comune_q')} maxlength={100} autocomplete="off" aria-describedby="comune_q-hint" />
        <small id="comune_q-hint" class="form-text">
          {t('calls_admin.form.comune_search_hint')}
        </small>
      </div>
      <button
        type="submit"
        name="action"
        value="find_comuni"
        class="btn btn-outline-primary btn-sm mb-2"
        data-hx-get={lp('/admin/bandi/comuni')}
        data-hx-include="#comune_q"
        data-hx-target="#comuni-results"
        data-hx-swap="innerHTML"
      >
        {t('calls_admin.form.comune_search_button')}
      </button>
      <div id="comuni-results" class="mb-4" aria-live="polite">
        {results ? <ComuniResults c={c} results={results} /> : null}
      </div>
    </>
  );
}

export function ComuniResults({ c, results }: { c: Ctx; results: { code: string; label: string }[] }) {
  const { t } = c.var;
  if (!results.length) return <p>{t('calls_admin.form.comune_none')}</p>;
  return (
    <>
      <p class="mb-1">{t('calls_admin.form.comune_found', { count: results.length })}</p>
      <ul>
        {results.map((r) => (
          <li>
            {r.label} — <code>{r.code}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

function MarkdownPreview({ c, md, id }: { c: Ctx; md: string; id: string }) {
  const { t } = c.var;
  const html = renderMarkdown(md);
  return (
    <section class="card card-bg p-3 mb-4" aria-labelledby={`${id}-preview`}>
      <h3 id={`${id}-preview`} class="h6">
        {t('calls_admin.form.preview_of', { field: t(`calls.fields.${id}`) })}
      </h3>
      {html ? <div class="markdown">{raw(html)}</div> : <p>{t('calls_admin.form.preview_empty')}</p>}
    </section>
  );
}

function When({ s, c, prefix }: { s: FormState; c: Ctx; prefix: 'publish' | 'deadline' }) {
  const { t } = c.var;
  const field = prefix === 'publish' ? 'publishAt' : 'deadline';
  return (
    <fieldset class="mb-3">
      <legend class="h6">{t(`calls.fields.${field}`)}</legend>
      <p class="form-text">{t(`calls_admin.form.${prefix}_hint`)}</p>
      <div class="row">
        <div class="col-12 col-md-6">
          <TextField s={s} name={`${prefix}Date`} type="date" label={t(`calls.fields.${prefix}Date`)} />
        </div>
        <div class="col-12 col-md-6">
          <TextField s={s} name={`${prefix}Time`} type="time" label={t(`calls.fields.${prefix}Time`)} />
        </div>
      </div>
    </fieldset>
  );
}

const FIELD_NAMES = [
  'title',
  'slug',
  'type',
  'employerId',
  'professionCode',
  'disciplineCode',
  'specialisations',
  'posts',
  'contractTerm',
  'contractHours',
  'workplaces',
  'descriptionMd',
  'requirementsMd',
  'publishDate',
  'publishTime',
  'deadlineDate',
  'deadlineTime',
  'officialRef',
  'applicationUrl',
  'contactName',
  'contactEmail',
  'contactPhone',
];

export function CallFormPage(p: CallFormProps) {
  const { c, s, opts, mode } = p;
  const { t, lp } = c.var;
  const title = mode === 'new' ? t('calls_admin.form.new_title') : t('calls_admin.form.edit_title', { title: p.callTitle ?? '' });
  const action = mode === 'new' ? lp('/admin/bandi/nuovo') : lp(callPath(p.callId!, '/modifica'));
  const labels = Object.fromEntries(FIELD_NAMES.map((k) => [k, t(`calls.fields.${k}`)]));
  return (
    <AdminLayout c={c} title={title} scripts={[HTMX]} head={HTMX_CONFIG}>
      <h1>{title}</h1>
      {p.conflict ? (
        <div class="alert alert-danger" role="alert" id="conflict">
          <p class="fw-semibold mb-1">{t('calls.errors.edited_meanwhile')}</p>
          <p class="mb-0">
            {t('calls_admin.form.conflict_help')}{' '}
            <a href={lp(callPath(p.callId!, '/modifica'))}>{t('calls_admin.form.conflict_reload')}</a>
          </p>
        </div>
      ) : null}
      {p.problem ? (
        <div class="alert alert-danger" role="alert">
          {p.problem}
        </div>
      ) : null}
      <ErrorSummary s={s} labels={labels} />
      <p>{t('calls_admin.form.required_note')}</p>
      <form method="post" action={action} novalidate>
        {/* The first submit button is the one Enter presses: make it "save", not a helper. */}
        <button type="submit" name="action" value="save" class="visually-hidden" tabindex={-1} aria-hidden="true">
          {t('calls_admin.form.save')}
        </button>
        <CsrfField token={c.var.csrfToken} />
        {mode === 'edit' ? <input type="hidden" name="version" value={str(s.values, 'version')} /> : null}

        <h2 class="h4 mt-4">{t('calls_admin.form.section_call')}</h2>
        <TextField s={s} name="title" label={t('calls.fields.title')} required maxLength={300} />
        <TextField s={s} name="slug" label={t('calls.fields.slug')} maxLength={120} hint={t('calls_admin.form.slug_hint')} autocomplete="off" />
        <SelectField
          s={s}
          name="type"
          label={t('calls.fields.type')}
          required
          empty={t('calls_admin.form.choose')}
          options={CALL_TYPES.map((v) => ({ value: v, label: t(`calls.types.${v}`) }))}
        />
        <SelectField
          s={s}
          name="employerId"
          label={t('calls.fields.employerId')}
          required
          empty={t('calls_admin.form.choose')}
          options={opts.employers.map((e) => ({ value: e.id, label: e.name }))}
        />

        <h2 class="h4 mt-4">{t('calls_admin.form.section_profile')}</h2>
        <ProfessionSelect c={c} s={s} opts={opts} />
        <DisciplineSelect c={c} s={s} opts={opts} />
        <Specialisations c={c} s={s} candidates={p.candidates} />
        <TextField s={s} name="posts" type="number" label={t('calls.fields.posts')} required />
        <SelectField
          s={s}
          name="contractTerm"
          label={t('calls.fields.contractTerm')}
          required
          empty={t('calls_admin.form.choose')}
          options={CONTRACT_TERMS.map((v) => ({ value: v, label: t(`calls.contract_terms.${v}`) }))}
        />
        <SelectField
          s={s}
          name="contractHours"
          label={t('calls.fields.contractHours')}
          options={CONTRACT_HOURS.map((v) => ({ value: v, label: t(`calls.contract_hours.${v}`) }))}
        />

        <h2 class="h4 mt-4">{t('calls_admin.form.section_places')}</h2>
        <Workplaces c={c} s={s} problems={p.workplaceProblems ?? []} results={p.comuniResults ?? null} />

        <h2 class="h4 mt-4">{t('calls_admin.form.section_texts')}</h2>
        <TextArea s={s} name="descriptionMd" label={t('calls.fields.descriptionMd')} hint={t('calls_admin.form.markdown_hint')} rows={10} maxLength={20000} />
        {p.preview ? <MarkdownPreview c={c} md={str(s.values, 'descriptionMd')} id="descriptionMd" /> : null}
        <TextArea s={s} name="requirementsMd" label={t('calls.fields.requirementsMd')} hint={t('calls_admin.form.markdown_hint')} rows={8} maxLength={20000} />
        {p.preview ? <MarkdownPreview c={c} md={str(s.values, 'requirementsMd')} id="requirementsMd" /> : null}
        <button type="submit" name="action" value="preview" class="btn btn-outline-primary btn-sm mb-4">
          {t('calls_admin.form.preview')}
        </button>

        <h2 class="h4 mt-4">{t('calls_admin.form.section_dates')}</h2>
        <When c={c} s={s} prefix="publish" />
        <When c={c} s={s} prefix="deadline" />

        <h2 class="h4 mt-4">{t('calls_admin.form.section_refs')}</h2>
        <TextField s={s} name="officialRef" label={t('calls.fields.officialRef')} maxLength={300} hint={t('calls_admin.form.official_ref_hint')} />
        <TextField s={s} name="applicationUrl" type="url" label={t('calls.fields.applicationUrl')} maxLength={2000} hint={t('calls_admin.form.application_url_hint')} />
        <TextField s={s} name="contactName" label={t('calls.fields.contactName')} maxLength={200} />
        <TextField s={s} name="contactEmail" type="email" label={t('calls.fields.contactEmail')} maxLength={254} />
        <TextField s={s} name="contactPhone" type="tel" label={t('calls.fields.contactPhone')} maxLength={40} />

        <FormActions>
          <button type="submit" name="action" value="save" class="btn btn-primary">
            {mode === 'new' ? t('calls_admin.form.create') : t('calls_admin.form.save')}
          </button>
          <a class="btn btn-outline-primary" href={mode === 'new' ? lp('/admin/bandi') : lp(callPath(p.callId!))}>
            {t('common.forms.cancel')}
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}
