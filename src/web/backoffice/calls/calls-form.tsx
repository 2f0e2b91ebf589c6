// The call form (/admin/bandi/nuovo, /admin/bandi/:id/modifica) and its POST. Every helper is a
// submit button (name="action": propose specialisations, preview the Markdown, find comuni), so the
// form works without JavaScript; htmx only narrows the disciplines and searches comuni in place.
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { formPost, formState, oneValue as str, renameFields, withFlash } from '../../kit/post.ts';
import type { FormValues } from '../../../platform/forms/index.ts';
import { invalid, ok } from '../../../platform/result.ts';
import {
  CALL_TYPES,
  CONTRACT_HOURS,
  CONTRACT_TERMS,
  callFormOptions,
  createCall,
  findComuni,
  specialisationCandidates,
  updateCall,
  validateCall,
  type CallFormOptions,
  type SpecialisationCandidate,
  type WorkplaceProblem,
} from '../../../domains/calls/index.ts';
import { callPath } from './calls-shared.tsx';
import { checkedSpecialisations, disciplineOf, FORM_NAMES, proposedFor, readCallForm, readWorkplaces } from './form-read.ts';
import { DisciplineSelect, MarkdownPreview, ProfessionSelect, Specialisations, When, Workplaces } from './form-fields.tsx';

export const HTMX = '/assets/app/htmx.min.js';
// htmx would inject an inline <style> for its indicators, which the CSP refuses: we use none.
const HTMX_CONFIG = <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />;

export type FormMode = 'new' | 'edit';

export interface CallFormProps {
  c: Ctx;
  mode: FormMode;
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

type FormExtras = Omit<CallFormProps, 'c' | 'mode' | 's' | 'opts' | 'candidates'>;

/** The form page with what was typed: the choices, and the specialisations to offer for the discipline on screen. */
export async function callFormPage(c: Ctx, mode: FormMode, s: FormState, extras: FormExtras = {}, status: 200 | 409 = 200) {
  const db = c.var.deps.db;
  const [opts, candidates] = await Promise.all([callFormOptions(db), specialisationCandidates(db, proposedFor(s.values), checkedSpecialisations(s.values))]);
  return c.html(<CallFormPage c={c} mode={mode} s={s} opts={opts} candidates={candidates} {...extras} />, status);
}

/** The specialisations the relation graph proposes for the chosen discipline, put in the form's values. */
async function propose(c: Ctx, values: FormValues) {
  const d = disciplineOf(values);
  const proposal = await specialisationCandidates(c.var.deps.db, d);
  values.specialisations = proposal.map((p) => `${p.code}:${p.kind}`);
  values.spec_discipline = d === null ? '' : String(d);
}

/** A helper button answers with the form itself; saving answers with the call it saved. */
type Outcome = { page: Response } | { id: string };

/** The form's POST: a helper button (propose, preview, find comuni), or save — create or update. */
export function callFormPost(mode: FormMode) {
  const base = (c: Ctx, values: FormValues): FormExtras => ({ callId: c.req.param('id'), callTitle: str(values, 'title') });
  const again = (c: Ctx, values: FormValues, extras: FormExtras = {}) => callFormPage(c, mode, formState(c, values), { ...base(c, values), ...extras });
  return formPost<Outcome>({
    async run(c, values) {
      const { deps, actor } = c.var;
      const action = str(values, 'action') || 'save';
      delete values.action;
      if (action === 'propose') {
        await propose(c, values);
        return ok({ page: await again(c, values) });
      }
      if (action === 'preview') return ok({ page: await again(c, values, { preview: true }) });
      if (action === 'find_comuni') return ok({ page: await again(c, values, { comuniResults: await findComuni(deps.db, str(values, 'comune_q')) }) });

      const read = await readCallForm(deps.db, values);
      if (read.proposalStale) {
        // The discipline changed after the proposal: the page shows the new proposal (the values it
        // is drawn from are these) and a person confirms it.
        await propose(c, values);
        return invalid({ ...read.errors, specialisations: 'calls_admin.errors.specialisations_review' });
      }
      if (Object.keys(read.errors).length) {
        // Show every problem at once: what the form found, then what the domain finds in the rest.
        const v = renameFields(await validateCall(deps.db, read.raw), FORM_NAMES);
        return invalid({ ...(!v.ok && v.error.code === 'invalid' ? v.error.fields : {}), ...read.errors });
      }
      const version = str(values, 'version');
      const r = mode === 'new' ? await createCall(deps, actor, read.raw) : await updateCall(deps, actor, c.req.param('id') ?? '', read.raw, /^\d{1,9}$/.test(version) ? Number(version) : -1);
      return renameFields(r.ok ? ok<Outcome>({ id: r.value.id }) : r, FORM_NAMES);
    },
    done: (c, o) => ('page' in o ? o.page : withFlash(c, callPath(o.id), mode === 'new' ? 'created' : 'saved')),
    invalid: async (c, form) => callFormPage(c, mode, form, { ...base(c, form.values), workplaceProblems: (await readWorkplaces(c.var.deps.db, form.values)).problems }),
    other: (c, e, values) =>
      e.code === 'conflict' ? callFormPage(c, mode, formState(c, values), { ...base(c, values), conflict: true }, 409)
      : e.code === 'invalid_state' ? callFormPage(c, mode, formState(c, values), { ...base(c, values), problem: c.var.t(e.message ?? 'calls.errors.edited_meanwhile') }, 409)
      : null,
  });
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
  const named = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  // A required choice starts on "choose…"; one with a usual value (the hours) starts on it.
  const choice = (name: string, options: { value: string; label: string }[], required = true) => (
    <SelectField s={s} name={name} label={t(`calls.fields.${name}`)} required={required} empty={required ? t('calls_admin.form.choose') : undefined} options={options} />
  );
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
        {choice('type', named(CALL_TYPES, 'calls.types'))}
        {choice('employerId', opts.employers.map((e) => ({ value: e.id, label: e.name })))}

        <h2 class="h4 mt-4">{t('calls_admin.form.section_profile')}</h2>
        <ProfessionSelect c={c} s={s} opts={opts} />
        <DisciplineSelect c={c} s={s} opts={opts} />
        <Specialisations c={c} s={s} candidates={p.candidates} />
        <TextField s={s} name="posts" type="number" label={t('calls.fields.posts')} required />
        {choice('contractTerm', named(CONTRACT_TERMS, 'calls.contract_terms'))}
        {choice('contractHours', named(CONTRACT_HOURS, 'calls.contract_hours'), false)}

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
