// The pages of one edge of the relation: adding one (/admin/riferimenti/relazioni/nuova), and an
// edge's page with its facts, its correction and its deactivation (/admin/riferimenti/relazioni/:id).
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { DetailList } from '../../kit/details.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { formState } from '../../kit/post.ts';
import type { DisciplineGroup, Edge, Specialisation } from '../../../domains/reference/index.ts';
import { DisciplineSelect, EdgeSourceFields, edgeLabels, SourceText, specialisationOptions } from './parts.tsx';
import { overviewHref } from './overview.tsx';

export function NewEdgePage({ c, s, groups, specialisations }: { c: Ctx; s: FormState; groups: DisciplineGroup[]; specialisations: Specialisation[] }) {
  const { t, lp } = c.var;
  const labels = edgeLabels(c);
  return (
    <AdminLayout c={c} title={t('reference.edge.new_title')}>
      <h1>{t('reference.edge.new_title')}</h1>
      <div class="alert alert-warning" role="note">
        <p class="mb-0">{t('reference.graph.explain')}</p>
      </div>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp('/admin/riferimenti/relazioni')} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <DisciplineSelect c={c} s={s} name="disciplineCode" label={labels.disciplineCode} groups={groups} required />
        <SelectField
          s={s}
          name="specialisationCode"
          label={labels.specialisationCode}
          options={specialisationOptions(specialisations)}
          empty={t('reference.graph.choose')}
          hint={t('reference.edge.specialisation_hint')}
        />
        <TextField s={s} name="newSpecialisation" label={labels.newSpecialisation} maxLength={200} hint={t('reference.edge.new_specialisation_hint')} />
        <EdgeSourceFields c={c} s={s} />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('reference.edge.save')}
          </button>
          <a class="btn btn-outline-primary" href={lp('/admin/riferimenti#relazioni')}>
            {t('reference.edge.cancel')}
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

export type EdgeView = Edge & { disciplineName: string; specialisationName: string };

/** The edge's forms with what was typed and their errors, when one of them is shown again. */
export interface EdgeForms {
  correct?: FormState;
  deactivate?: FormState;
}

export function EdgePage({ c, edge, forms = {} }: { c: Ctx; edge: EdgeView; forms?: EdgeForms }) {
  const { t, lp } = c.var;
  const labels = edgeLabels(c);
  const title = t('reference.edge.edit_title', { specialisation: edge.specialisationName, discipline: edge.disciplineName });
  const cs = forms.correct ?? formState(c, { kind: edge.kind, source: edge.source, sourceUrl: edge.sourceUrl ?? '', note: edge.note ?? '' });
  const ds = forms.deactivate ?? formState(c);
  const base = `/admin/riferimenti/relazioni/${edge.id}`;
  return (
    <AdminLayout c={c} title={title}>
      <h1>{title}</h1>
      <h2 class="h4 mt-4">{t('reference.edge.current_heading')}</h2>
      <DetailList
        rows={[
          { label: t('reference.graph.col_discipline'), value: edge.disciplineName },
          { label: t('reference.graph.col_specialisation'), value: edge.specialisationName },
          { label: t('reference.graph.col_kind'), value: t(`reference.kinds.${edge.kind}`) },
          { label: t('reference.graph.col_source'), value: <SourceText source={edge.source} url={edge.sourceUrl} /> },
          { label: t('reference.graph.col_origin'), value: t(`reference.origins.${edge.origin}`) },
          { label: t('reference.graph.col_status'), value: t(`reference.status.${edge.active ? 'active' : 'inactive'}`) },
        ]}
      />
      {edge.active ? null : (
        <div class="alert alert-info" role="note">
          {t('reference.edge.inactive_notice')}
        </div>
      )}

      <h2 class="h4 mt-5">{t('reference.edge.correct_heading')}</h2>
      <p>{t('reference.edge.correct_hint')}</p>
      <ErrorSummary s={cs} labels={labels} />
      <form method="post" action={lp(base)} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <EdgeSourceFields c={c} s={cs} />
        <button type="submit" class="btn btn-primary">
          {t('reference.edge.correct_save')}
        </button>
      </form>

      {edge.active ? (
        <>
          <h2 class="h4 mt-5">{t('reference.edge.deactivate_heading')}</h2>
          <p>{t('reference.edge.deactivate_hint')}</p>
          <ErrorSummary s={ds} labels={labels} />
          <form method="post" action={lp(`${base}/disattiva`)} novalidate>
            <CsrfField token={c.var.csrfToken} />
            <EdgeSourceFields c={c} s={ds} deactivate />
            <button type="submit" class="btn btn-outline-danger">
              {t('reference.edge.deactivate_save')}
            </button>
          </form>
        </>
      ) : null}
      <p class="mt-5">
        <a href={overviewHref(c, 'per-disciplina', String(edge.disciplineCode))}>{t('reference.edge.back', { discipline: edge.disciplineName })}</a>
      </p>
    </AdminLayout>
  );
}
