// The figures' charts, each with the same numbers in a table beside it: overall (counts, times from
// publication, reasons for renouncing) and the comparisons between lists or between team members.
import type { Ctx } from '../../../context.ts';
import type { Durations, Figures } from '../../../../domains/rankings/index.ts';
import { ChartWithTable } from '../../../kit/chart.tsx';
import { CountsTable } from '../../../kit/list-page.tsx';
import { DataTable } from '../../../kit/table.tsx';
import { COUNTS, formatters, STAGES } from './columns.tsx';

/** "label value; label value" for a chart's description (the table beside it has the same). */
const items = (c: Ctx, rows: { label: string; display: string }[]) => rows.map((r) => c.var.t('figures.item', { label: r.label, value: r.display })).join('; ');

export function Overall({ c, o }: { c: Ctx; o: Figures }) {
  const { t } = c.var;
  const f = formatters(c);
  const counts = [
    ...COUNTS.map(([key, field]) => ({ label: t(`figures.measures.${key}`), count: f.count(o[field]) })),
    { label: t('figures.measures.acceptance_rate'), count: f.pct(o.acceptanceRate) },
    { label: t('figures.measures.renunciation_rate'), count: f.pct(o.renunciationRate) },
  ];
  const stages = STAGES.map(([key, field]) => ({ label: t(`figures.stages.${key}`), d: o[field] as Durations }));
  const times = stages.map((s) => ({ label: s.label, value: s.d.median, display: f.daysText(s.d.median) }));
  const reasons = o.reasons.filter((r) => r.count > 0 || r.reason !== 'unspecified').map((r) => ({ ...r, label: t(`figures.reasons.${r.reason}`), display: `${f.count(r.count)} (${f.pct(r.share)})` }));
  return (
    <section aria-labelledby="overall-heading" class="mb-5">
      <h2 id="overall-heading" class="h3">
        {t('figures.overall.heading')}
      </h2>
      <CountsTable c={c} caption={t('figures.overall.counts_caption')} head={t('figures.overall.measure')} countHead={t('figures.overall.value')} rows={counts} />
      <ChartWithTable
        chart={{ id: 'chart-times', title: t('figures.overall.times_chart_title'), desc: t('figures.overall.times_chart_desc', { items: items(c, times) }), data: times }}
        table={
          <DataTable
            c={c}
            id="times-table"
            small
            caption={t('figures.overall.times_caption')}
            rows={stages}
            empty=""
            columns={[
              { header: t('figures.overall.stage'), rowHeader: true, value: (s) => s.label },
              { header: t('figures.overall.count'), numeric: true, value: (s) => f.count(s.d.count) },
              { header: t('figures.overall.median'), numeric: true, value: (s) => f.days(s.d.median) },
              { header: t('figures.overall.p90'), numeric: true, value: (s) => f.days(s.d.p90) },
            ]}
          />
        }
      />
      <ChartWithTable
        chart={
          o.renounced || o.renouncedBeforeOffer
            ? { kind: 'horizontal', id: 'chart-reasons', title: t('figures.overall.reasons_chart_title'), desc: t('figures.overall.reasons_chart_desc', { items: items(c, reasons) }), data: reasons.map((r) => ({ label: r.label, value: r.count, display: r.display })) }
            : null
        }
        fallback={<p>{t('figures.overall.no_renunciations')}</p>}
        table={
          <DataTable
            c={c}
            id="reasons-table"
            small
            caption={t('figures.overall.reasons_caption')}
            rows={reasons}
            empty=""
            columns={[
              { header: t('figures.overall.reason'), rowHeader: true, value: (r) => r.label },
              { header: t('figures.overall.count'), numeric: true, value: (r) => f.count(r.count) },
              { header: t('figures.overall.share'), numeric: true, value: (r) => f.pct(r.share) },
            ]}
          />
        }
      />
    </section>
  );
}

/** Per list or per member: median days to the first contact, and the acceptance rate, each a chart with its table. */
export function ComparisonCharts({ c, scope, items: named }: { c: Ctx; scope: 'lists' | 'members'; items: { label: string; x: Figures }[] }) {
  const { t } = c.var;
  const f = formatters(c);
  const nameHead = t(scope === 'lists' ? 'figures.lists.col_list' : 'figures.members.col_member');
  const charts = [
    { id: `chart-${scope}-contact`, title: t(`figures.compare.${scope}_contact_title`), valueHead: t('figures.cols.first_contact'), rows: named.map((i) => ({ label: i.label, value: i.x.toFirstContact.median, display: f.daysText(i.x.toFirstContact.median) })) },
    {
      id: `chart-${scope}-acceptance`,
      title: t(`figures.compare.${scope}_acceptance_title`),
      valueHead: t('figures.measures.acceptance_rate'),
      rows: named.map((i) => ({ label: i.label, value: i.x.acceptanceRate === null ? null : i.x.acceptanceRate * 100, display: f.pct(i.x.acceptanceRate) })),
    },
  ];
  return (
    <>
      {charts.map((ch) => (
        <ChartWithTable
          wide
          chart={{ kind: 'horizontal', id: ch.id, title: ch.title, desc: t('figures.compare.chart_desc', { items: items(c, ch.rows) }), data: ch.rows }}
          table={<CountsTable c={c} id={`${ch.id}-table`} caption={ch.title} head={nameHead} countHead={ch.valueHead} rows={ch.rows.map((r) => ({ label: r.label, count: r.display }))} />}
        />
      ))}
    </>
  );
}
