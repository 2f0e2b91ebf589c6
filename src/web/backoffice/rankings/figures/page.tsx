// The figures page: the GET filter form (its mistakes said at the fields), the exports, the overall
// figures, then per list and per team member a table and two charts comparing them.
import type { Ctx } from '../../../context.ts';
import { AdminLayout } from '../../../layouts/AdminLayout.tsx';
import type { FiguresReport } from '../../../../domains/rankings/index.ts';
import { fmt } from '../../../../platform/i18n/format.ts';
import type { FieldErrors } from '../../../../platform/result.ts';
import { ErrorSummary, SelectField, TextField, type FormState } from '../../../kit/form.tsx';
import { FilterForm } from '../../../kit/list-page.tsx';
import { listHref, queryString } from '../../../kit/list-query.ts';
import { DataTable } from '../../../kit/table.tsx';
import { ComparisonCharts, Overall } from './charts.tsx';
import { listColumns, listRows, memberColumns, memberRows } from './columns.tsx';

export const FIGURES_BASE = '/admin/graduatorie-cifre';

/** The filters as typed (each trimmed and bounded), named as in the page's URL. */
export interface FigureParams {
  lista?: string;
  membro?: string;
  dal?: string;
  al?: string;
}

function Filters({ c, choices, q, errors }: { c: Ctx; choices: FiguresReport['choices']; q: FigureParams; errors: FieldErrors }) {
  const { t, lp } = c.var;
  const s: FormState = { values: Object.fromEntries(Object.entries(q).filter(([, v]) => v)) as Record<string, string>, errors, t };
  const labels = { lista: t('figures.filters.list'), membro: t('figures.filters.member'), dal: t('figures.filters.from'), al: t('figures.filters.to') };
  return (
    <FilterForm
      c={c}
      action={FIGURES_BASE}
      label={t('figures.filters.label')}
      submit={t('figures.filters.submit')}
      submitCol="col-md-4 col-xl-2 d-flex flex-wrap gap-2 align-items-center mb-4"
      after={queryString({ ...q }) ? <a href={lp(FIGURES_BASE)}>{t('figures.filters.reset')}</a> : null}
    >
      <div class="col-12">
        <ErrorSummary s={s} labels={labels} />
      </div>
      <div class="col-md-6 col-xl-3">
        <SelectField s={s} name="lista" label={labels.lista} empty={t('figures.filters.list_any')} options={choices.lists.map((l) => ({ value: l.id, label: l.title }))} />
      </div>
      <div class="col-md-6 col-xl-3">
        <SelectField s={s} name="membro" label={labels.membro} empty={t('figures.filters.member_any')} options={choices.members.map((m) => ({ value: m.id, label: m.name ?? t('figures.members.unknown') }))} />
      </div>
      <div class="col-md-4 col-xl-2">
        <TextField s={s} name="dal" type="date" label={labels.dal} />
      </div>
      <div class="col-md-4 col-xl-2">
        <TextField s={s} name="al" type="date" label={labels.al} />
      </div>
    </FilterForm>
  );
}

/** The filter form alone, with what was typed and the errors at the fields (a 422 answer). */
export function InvalidFiguresPage({ c, choices, q, errors }: { c: Ctx; choices: FiguresReport['choices']; q: FigureParams; errors: FieldErrors }) {
  const { t } = c.var;
  return (
    <AdminLayout c={c} title={t('figures.title_invalid')}>
      <h1>{t('figures.title')}</h1>
      <p>{t('figures.intro')}</p>
      <Filters c={c} choices={choices} q={q} errors={errors} />
    </AdminLayout>
  );
}

export function FiguresPage({ c, report, q }: { c: Ctx; report: FiguresReport; q: FigureParams }) {
  const { t, locale } = c.var;
  const n = (v: number) => fmt(locale).number.format(v);
  const params = { ...q };
  const members = memberRows(c, report);
  return (
    <AdminLayout c={c} title={t('figures.title')}>
      <h1>{t('figures.title')}</h1>
      <p>{t('figures.intro')}</p>
      <p class="small">{t('figures.method')}</p>
      <Filters c={c} choices={report.choices} q={q} errors={{}} />
      <p class="d-flex flex-wrap gap-2">
        {(['csv', 'xlsx'] as const).map((format) => (
          <a class="btn btn-outline-primary btn-sm" href={listHref(c, `${FIGURES_BASE}/esporta.${format}`, params)} download>
            {t(`figures.export.${format}`)}
          </a>
        ))}
      </p>

      <Overall c={c} o={report.overall} />

      <section aria-labelledby="lists-heading" class="mb-5">
        <h2 id="lists-heading" class="h3">
          {t('figures.lists.heading')}
        </h2>
        <DataTable c={c} id="lists-table" small caption={t('figures.lists.caption', { count: n(report.lists.length) })} columns={listColumns(c)} rows={listRows(report)} empty={t('figures.lists.none')} />
        {report.lists.length ? <ComparisonCharts c={c} scope="lists" items={report.lists.map((l) => ({ label: l.title, x: l }))} /> : null}
      </section>

      <section aria-labelledby="members-heading" class="mb-5">
        <h2 id="members-heading" class="h3">
          {t('figures.members.heading')}
        </h2>
        <DataTable c={c} id="members-table" small caption={t('figures.members.caption', { count: n(members.length) })} columns={memberColumns(c)} rows={members} empty={t('figures.members.none')} />
        {members.length ? <ComparisonCharts c={c} scope="members" items={members.map((m) => ({ label: m.name, x: m.x }))} /> : null}
      </section>
    </AdminLayout>
  );
}
