// The parts of the call form that are more than a kit field: the profession and discipline selects
// (htmx narrows the disciplines), the specialisations proposed from the relation graph, comuni
// typed by name or code with a search, the Markdown preview and the Rome date-and-time pairs.
import { raw } from 'hono/html';
import type { Ctx } from '../../context.ts';
import { SelectField, selectOptions, TextField, type FormState, type Option, type OptionGroup } from '../../kit/form.tsx';
import { professionLabel } from '../../kit/options.ts';
import { allValues, oneValue as str } from '../../kit/post.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import type { CallFormOptions, SpecialisationCandidate, WorkplaceProblem } from '../../../domains/calls/index.ts';

const describedBy = (s: FormState, name: string, hint?: boolean) =>
  [hint ? `${name}-hint` : null, s.errors[name] ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;

function FieldError({ s, name }: { s: FormState; name: string }) {
  return s.errors[name] ? (
    <div id={`${name}-error`} class="field-error mt-1">
      {s.t(s.errors[name])}
    </div>
  ) : null;
}

export function ProfessionSelect({ c, s, opts }: { c: Ctx; s: FormState; opts: CallFormOptions }) {
  const { t, lp } = c.var;
  return (
    <SelectField
      s={s}
      name="professionCode"
      label={t('calls.fields.professionCode')}
      required
      empty={t('calls_admin.form.choose')}
      options={opts.professions.map((p) => ({ value: p.code, label: professionLabel(p, c.var.locale) }))}
      attrs={{
        'data-hx-get': lp('/admin/bandi/discipline'),
        'data-hx-trigger': 'change',
        'data-hx-target': '#disciplineCode',
        'data-hx-swap': 'innerHTML',
        // While the disciplines reload the old list cannot be used: a choice made then would be swapped away.
        'data-hx-disabled-elt': '#disciplineCode',
      }}
    />
  );
}

/** The disciplines a call may have: grouped by profession, or only one profession's (for the htmx fragment). */
function disciplineChoices(c: Ctx, opts: CallFormOptions, only?: string): { options: Option[]; groups: OptionGroup[] } {
  const groups = opts.professions
    .filter((p) => !only || p.code === only)
    .map((p) => ({
      label: professionLabel(p, c.var.locale),
      options: opts.disciplines.filter((d) => d.professionCode === p.code).map((d) => ({ value: String(d.code), label: `${d.name} (${d.code})` })),
    }))
    .filter((g) => g.options.length);
  return only ? { options: groups.flatMap((g) => g.options), groups: [] } : { options: [], groups };
}

/** The options of the discipline select: grouped by profession, or one profession's (htmx). */
export function DisciplineOptions({ c, opts, current, only }: { c: Ctx; opts: CallFormOptions; current: string; only?: string }) {
  const { options, groups } = disciplineChoices(c, opts, only);
  return selectOptions({ options, groups, empty: c.var.t('calls_admin.form.no_discipline'), selected: new Set(current ? [current] : []) });
}

export function DisciplineSelect({ c, s, opts }: { c: Ctx; s: FormState; opts: CallFormOptions }) {
  const { t } = c.var;
  const { options, groups } = disciplineChoices(c, opts);
  return (
    <SelectField
      s={s}
      name="disciplineCode"
      label={t('calls.fields.disciplineCode')}
      empty={t('calls_admin.form.no_discipline')}
      options={options}
      groups={groups}
      hint={t('calls_admin.form.discipline_hint')}
    />
  );
}

export function Specialisations({ c, s, candidates }: { c: Ctx; s: FormState; candidates: SpecialisationCandidate[] }) {
  const { t } = c.var;
  const checked = new Set(allValues(s.values, 'specialisations'));
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

export function Workplaces({ c, s, problems, results }: { c: Ctx; s: FormState; problems: WorkplaceProblem[]; results: { code: string; label: string }[] | null }) {
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

export function MarkdownPreview({ c, md, id }: { c: Ctx; md: string; id: string }) {
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

export function When({ s, c, prefix }: { s: FormState; c: Ctx; prefix: 'publish' | 'deadline' }) {
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
