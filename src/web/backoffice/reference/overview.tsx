// The reference overview (/admin/riferimenti): the loaded datasets with their sources, and the
// discipline → specialisation relation read from either end (a discipline's admitted titles, a
// specialisation's disciplines), each as the same kind of section with its table.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { SelectField, type FormState } from '../../kit/form.tsx';
import { formState } from '../../kit/post.ts';
import { DataTable, type Column } from '../../kit/table.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import type { ReferenceOverview } from '../../../domains/reference/index.ts';
import { DisciplineSelect, SourceCell, specialisationOptions } from './parts.tsx';

export const REFERENCE_FLASH = ['added', 'corrected', 'deactivated'] as const;

type Source = ReferenceOverview['sources'][number];
type Admitted = ReferenceOverview['admitted'][number];
type Admitting = ReferenceOverview['admitting'][number];

/** The overview at one end of the relation, with the flash of the change just made there. */
export const overviewHref = (c: Ctx, anchor: 'per-disciplina' | 'per-specializzazione', param: string, esito?: string) =>
  `${c.var.lp('/admin/riferimenti')}?${anchor === 'per-disciplina' ? 'disciplina' : 'specializzazione'}=${encodeURIComponent(param)}${esito ? `&esito=${esito}` : ''}#${anchor}`;

const sourceColumns = (c: Ctx): Column<Source>[] => {
  const { t, locale } = c.var;
  const f = fmt(locale);
  return [
    { header: t('reference.sources.dataset'), rowHeader: true, value: (s) => t(`reference.datasets.${s.dataset}`) },
    { header: t('reference.sources.source'), value: (s) => s.source },
    { header: t('reference.sources.licence'), value: (s) => s.licence ?? '' },
    { header: t('reference.sources.file'), value: (s) => s.file, cell: (s) => <span class="small">{s.file}</span> },
    { header: t('reference.sources.rows'), numeric: true, value: (s) => s.rows, cell: (s) => f.number.format(s.rows) },
    { header: t('reference.sources.loaded_at'), value: (s) => s.loadedAt, cell: (s) => f.dateTime.format(s.loadedAt) },
  ];
};

/** Kind, source and origin, which both ends show; the status only to those who may change it. */
function edgeColumns<R extends Admitted | Admitting>(c: Ctx, canEdit: boolean): Column<R>[] {
  const { t } = c.var;
  const cols: Column<R>[] = [
    { header: t('reference.graph.col_kind'), value: (e) => t(`reference.kinds.${e.kind}`) },
    { header: t('reference.graph.col_source'), value: (e) => e.source, cell: (e) => <SourceCell c={c} e={e} /> },
    { header: t('reference.graph.col_origin'), value: (e) => t(`reference.origins.${e.origin}`) },
  ];
  if (canEdit) cols.push({ header: t('reference.graph.col_status'), value: (e) => t(`reference.status.${e.active ? 'active' : 'inactive'}`) });
  return cols;
}

const admittedColumns = (c: Ctx, o: ReferenceOverview): Column<Admitted>[] => {
  const { t, lp } = c.var;
  const d = o.discipline!;
  return [
    {
      header: t('reference.graph.col_specialisation'),
      rowHeader: true,
      value: (e) => e.specialisationName,
      cell: (e) => <a href={overviewHref(c, 'per-specializzazione', e.specialisationCode)}>{e.specialisationName}</a>,
    },
    ...edgeColumns<Admitted>(c, o.canEdit),
    ...(o.canEdit
      ? [
          {
            header: t('reference.graph.col_actions'),
            cell: (e: Admitted) => (
              <a href={lp(`/admin/riferimenti/relazioni/${e.id}`)} aria-label={t('reference.graph.edit_label', { specialisation: e.specialisationName, discipline: d.name })}>
                {t('reference.graph.edit')}
              </a>
            ),
          },
        ]
      : []),
  ];
};

const admittingColumns = (c: Ctx, o: ReferenceOverview): Column<Admitting>[] => {
  const { t } = c.var;
  const sp = o.specialisation!;
  return [
    { header: t('reference.graph.col_discipline'), rowHeader: true, value: (e) => e.disciplineName, cell: (e) => <a href={overviewHref(c, 'per-disciplina', String(e.disciplineCode))}>{e.disciplineName}</a> },
    { header: t('reference.graph.col_direction'), value: (e) => t('reference.graph.direction', { specialisation: sp.name, discipline: e.disciplineName }) },
    ...edgeColumns<Admitting>(c, o.canEdit),
  ];
};

/** The heading, caption and empty message of one end, named after the discipline or specialisation shown. */
const relationTexts = (c: Ctx, end: 'discipline' | 'specialisation', name: string) => ({
  heading: c.var.t(`reference.graph.by_${end}_heading`, { [end]: name }),
  caption: c.var.t(`reference.graph.by_${end}_caption`, { [end]: name }),
  empty: c.var.t(`reference.graph.none_for_${end}`),
});

/** One end of the relation: its heading, what it means, and its edges as a table. */
function RelationSection<R>({ c, id, heading, explain, caption, columns, rows, empty }: { c: Ctx; id: string; heading: string; explain?: string; caption: string; columns: Column<R>[]; rows: R[]; empty: string }) {
  return (
    <section aria-labelledby={id}>
      <h3 class="h4 mt-4" id={id}>
        {heading}
      </h3>
      {explain ? <p>{explain}</p> : null}
      <DataTable c={c} caption={caption} columns={columns} rows={rows} empty={empty} />
    </section>
  );
}

/** A GET form that picks one end of the relation (a bookmarkable address). */
function PickForm({ c, anchor, label, children }: { c: Ctx; anchor: string; label: string; children?: Child }) {
  return (
    <div class="col-12 col-md-6">
      <form method="get" action={`${c.var.lp('/admin/riferimenti')}#${anchor}`} aria-label={label}>
        {children}
        <button type="submit" class="btn btn-outline-primary mb-4">
          {c.var.t('reference.graph.show')}
        </button>
      </form>
    </div>
  );
}

export function OverviewPage({ c, o, notice }: { c: Ctx; o: ReferenceOverview; notice: string | null }) {
  const { t, lp } = c.var;
  const pick: FormState = formState(c, { disciplina: o.discipline ? String(o.discipline.code) : '', specializzazione: o.specialisation?.code ?? '' });
  return (
    <AdminLayout c={c} title={t('reference.title')} flash={notice}>
      <h1>{t('reference.title')}</h1>
      <p>{t('reference.intro')}</p>

      <h2 class="h3 mt-4">{t('reference.sources.heading')}</h2>
      <DataTable c={c} caption={t('reference.sources.caption')} columns={sourceColumns(c)} rows={o.sources} empty={t('reference.sources.none')} />

      <h2 class="h3 mt-5" id="relazioni">
        {t('reference.graph.heading')}
      </h2>
      <p>{t('reference.graph.explain')}</p>
      <div class="alert alert-warning" role="note">
        <p class="fw-semibold mb-1">{t('reference.graph.incomplete_title')}</p>
        <p class="mb-0">{t('reference.graph.incomplete')}</p>
      </div>
      {o.canEdit ? (
        <p>
          <a class="btn btn-primary" href={lp(`/admin/riferimenti/relazioni/nuova${o.discipline ? `?disciplina=${o.discipline.code}` : ''}`)}>
            {t('reference.graph.add')}
          </a>
        </p>
      ) : null}

      <div class="row">
        <PickForm c={c} anchor="per-disciplina" label={t('reference.graph.by_discipline_form')}>
          <DisciplineSelect c={c} s={pick} name="disciplina" label={t('reference.graph.pick_discipline')} groups={o.groups} />
        </PickForm>
        <PickForm c={c} anchor="per-specializzazione" label={t('reference.graph.by_specialisation_form')}>
          <SelectField s={pick} name="specializzazione" label={t('reference.graph.pick_specialisation')} options={specialisationOptions(o.specialisations)} empty={t('reference.graph.choose')} />
        </PickForm>
      </div>

      {o.discipline ? <RelationSection c={c} id="per-disciplina" columns={admittedColumns(c, o)} rows={o.admitted} {...relationTexts(c, 'discipline', o.discipline.name)} /> : null}
      {o.specialisation ? (
        <RelationSection c={c} id="per-specializzazione" columns={admittingColumns(c, o)} rows={o.admitting} {...relationTexts(c, 'specialisation', o.specialisation.name)} explain={c.var.t('reference.graph.by_specialisation_explain', { specialisation: o.specialisation.name })} />
      ) : null}
    </AdminLayout>
  );
}
