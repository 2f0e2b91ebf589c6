// The ranked lists' figures (/admin/graduatorie-cifre): times from publication, outcomes and
// reasons, overall, per list and per team member, with a GET filter form, server-drawn SVG charts
// each beside a table of the same numbers, and CSV/XLSX exports of what is shown.
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { sendExport } from '../../kit/export.ts';
import { CountsTable } from '../../kit/list-page.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { ExportColumn, ExportFormat } from '../../../platform/export/index.ts';
import { barChart, horizontalBarChart } from '../../../platform/charts/svg.ts';
import type { FieldErrors, Result } from '../../../platform/result.ts';
import { ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { errorResponse, requireRule } from '../../kit/guard.tsx';
import { rankingRules, parseFigureQuery, rankingFigures, type Durations, type FigureFilter, type Figures, type FiguresReport } from '../../../domains/rankings/index.ts';

const BASE = '/admin/graduatorie-cifre';

const numbers = {
  it: { days: new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }), pct: new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 1 }) },
  en: { days: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }), pct: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }) },
};

interface Query {
  lista?: string;
  membro?: string;
  dal?: string;
  al?: string;
}

/** The query as typed (bounded), and the domain's filter or the errors at each field. */
function readQuery(c: Ctx): { q: Query; parsed: Result<FigureFilter> } {
  const q: Query = {};
  for (const k of ['lista', 'membro', 'dal', 'al'] as const) {
    const v = c.req.query(k)?.slice(0, 200);
    if (v) q[k] = v;
  }
  return { q, parsed: parseFigureQuery(q) };
}

function queryString(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function formatters(c: Ctx) {
  const { t, locale } = c.var;
  const n = numbers[locale as Locale];
  const none = t('figures.no_data');
  return {
    count: (x: number) => fmt(locale).number.format(x),
    days: (x: number | null) => (x === null ? none : n.days.format(x)),
    daysText: (x: number | null) => (x === null ? none : x === 1 ? t('figures.day') : t('figures.days', { n: n.days.format(x) })),
    pct: (x: number | null) => (x === null ? none : n.pct.format(x)),
  };
}

const STAGES = [
  ['first_contact', 'toFirstContact'],
  ['answer', 'toAnswer'],
  ['acceptance', 'toAcceptance'],
] as const satisfies readonly (readonly [string, keyof Figures])[];

function filterLabels(c: Ctx) {
  const { t } = c.var;
  return { lista: t('figures.filters.list'), membro: t('figures.filters.member'), dal: t('figures.filters.from'), al: t('figures.filters.to') };
}

function FilterForm({ c, choices, q, errors }: { c: Ctx; choices: FiguresReport['choices']; q: Query; errors: FieldErrors }) {
  const { t, lp } = c.var;
  const s: FormState = { values: { ...q }, errors, t };
  const labels = filterLabels(c);
  return (
    <form method="get" action={lp(BASE)} role="search" aria-label={t('figures.filters.label')} novalidate class="mb-4">
      <ErrorSummary s={s} labels={labels} />
      <div class="row g-3 align-items-end">
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
        <div class="col-md-4 col-xl-2 d-flex flex-wrap gap-2 align-items-center mb-4">
          <button type="submit" class="btn btn-primary">
            {t('figures.filters.submit')}
          </button>
          {queryString(q) ? <a href={lp(BASE)}>{t('figures.filters.reset')}</a> : null}
        </div>
      </div>
    </form>
  );
}

/** One chart comparing lists or team members, with the same numbers in a table beside it. */
function ComparisonChart({ c, id, title, caption, nameHead, valueHead, rows }: { c: Ctx; id: string; title: string; caption: string; nameHead: string; valueHead: string; rows: { label: string; value: number | null; display: string }[] }) {
  const { t } = c.var;
  const svg = horizontalBarChart({
    id,
    title,
    desc: t('figures.compare.chart_desc', { items: rows.map((r) => t('figures.item', { label: r.label, value: r.display })).join('; ') }),
    data: rows,
  });
  return (
    <div class="row mt-4">
      <div class="col-12 col-xl-7">{raw(svg)}</div>
      <CountsTable c={c} class="col-12 col-xl-5 table-responsive" id={`${id}-table`} caption={caption} head={nameHead} countHead={valueHead} rows={rows.map((r) => ({ label: r.label, count: r.display }))} />
    </div>
  );
}

/** Per list or per member: median days to the first contact, and the acceptance rate. */
function ComparisonCharts({ c, scope, items }: { c: Ctx; scope: 'lists' | 'members'; items: { label: string; x: Figures }[] }) {
  const { t } = c.var;
  const f = formatters(c);
  const nameHead = t(scope === 'lists' ? 'figures.lists.col_list' : 'figures.members.col_member');
  return (
    <>
      <ComparisonChart
        c={c}
        id={`chart-${scope}-contact`}
        title={t(`figures.compare.${scope}_contact_title`)}
        caption={t(`figures.compare.${scope}_contact_title`)}
        nameHead={nameHead}
        valueHead={t('figures.cols.first_contact')}
        rows={items.map((i) => ({ label: i.label, value: i.x.toFirstContact.median, display: f.daysText(i.x.toFirstContact.median) }))}
      />
      <ComparisonChart
        c={c}
        id={`chart-${scope}-acceptance`}
        title={t(`figures.compare.${scope}_acceptance_title`)}
        caption={t(`figures.compare.${scope}_acceptance_title`)}
        nameHead={nameHead}
        valueHead={t('figures.measures.acceptance_rate')}
        rows={items.map((i) => ({ label: i.label, value: i.x.acceptanceRate === null ? null : i.x.acceptanceRate * 100, display: f.pct(i.x.acceptanceRate) }))}
      />
    </>
  );
}

function Overall({ c, o }: { c: Ctx; o: Figures }) {
  const { t } = c.var;
  const f = formatters(c);
  const counts: [string, string][] = [
    ...(['proposed', 'contacted', 'offered', 'offers', 'answered', 'accepted', 'renounced', 'renounced_before_offer', 'expired', 'not_eligible', 'open'] as const).map(
      (k) => [t(`figures.measures.${k}`), f.count(o[k === 'not_eligible' ? 'notEligible' : k === 'renounced_before_offer' ? 'renouncedBeforeOffer' : k])] as [string, string],
    ),
    [t('figures.measures.acceptance_rate'), f.pct(o.acceptanceRate)],
    [t('figures.measures.renunciation_rate'), f.pct(o.renunciationRate)],
  ];
  const stageRows = STAGES.map(([key, field]) => ({ label: t(`figures.stages.${key}`), d: o[field] as Durations }));
  const timesSvg = barChart({
    id: 'chart-times',
    title: t('figures.overall.times_chart_title'),
    desc: t('figures.overall.times_chart_desc', { items: stageRows.map((s) => t('figures.item', { label: s.label, value: f.daysText(s.d.median) })).join('; ') }),
    data: stageRows.map((s) => ({ label: s.label, value: s.d.median, display: f.daysText(s.d.median) })),
  });
  const reasonRows = o.reasons.filter((r) => r.count > 0 || r.reason !== 'unspecified').map((r) => ({ ...r, label: t(`figures.reasons.${r.reason}`) }));
  const reasonsSvg = horizontalBarChart({
    id: 'chart-reasons',
    title: t('figures.overall.reasons_chart_title'),
    desc: t('figures.overall.reasons_chart_desc', { items: reasonRows.map((r) => t('figures.item', { label: r.label, value: `${f.count(r.count)} (${f.pct(r.share)})` })).join('; ') }),
    data: reasonRows.map((r) => ({ label: r.label, value: r.count, display: `${f.count(r.count)} (${f.pct(r.share)})` })),
  });
  return (
    <section aria-labelledby="overall-heading" class="mb-5">
      <h2 id="overall-heading" class="h3">
        {t('figures.overall.heading')}
      </h2>
      <div class="table-responsive">
        <table class="table table-sm">
          <caption>{t('figures.overall.counts_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('figures.overall.measure')}</th>
              <th scope="col" class="text-end">
                {t('figures.overall.value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map(([label, v]) => (
              <tr>
                <th scope="row" class="fw-normal">
                  {label}
                </th>
                <td class="text-end">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div class="row mt-4">
        <div class="col-12 col-xl-6">{raw(timesSvg)}</div>
        <div class="col-12 col-xl-6 table-responsive">
          <table class="table table-sm" id="times-table">
            <caption>{t('figures.overall.times_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('figures.overall.stage')}</th>
                <th scope="col" class="text-end">
                  {t('figures.overall.count')}
                </th>
                <th scope="col" class="text-end">
                  {t('figures.overall.median')}
                </th>
                <th scope="col" class="text-end">
                  {t('figures.overall.p90')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stageRows.map((s) => (
                <tr>
                  <th scope="row" class="fw-normal">
                    {s.label}
                  </th>
                  <td class="text-end">{f.count(s.d.count)}</td>
                  <td class="text-end">{f.days(s.d.median)}</td>
                  <td class="text-end">{f.days(s.d.p90)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div class="row mt-4">
        <div class="col-12 col-xl-6">{o.renounced || o.renouncedBeforeOffer ? raw(reasonsSvg) : <p>{t('figures.overall.no_renunciations')}</p>}</div>
        <div class="col-12 col-xl-6 table-responsive">
          <table class="table table-sm" id="reasons-table">
            <caption>{t('figures.overall.reasons_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('figures.overall.reason')}</th>
                <th scope="col" class="text-end">
                  {t('figures.overall.count')}
                </th>
                <th scope="col" class="text-end">
                  {t('figures.overall.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {reasonRows.map((r) => (
                <tr>
                  <th scope="row" class="fw-normal">
                    {r.label}
                  </th>
                  <td class="text-end">{f.count(r.count)}</td>
                  <td class="text-end">{f.pct(r.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

/** The per-list and per-member tables share their columns. */
function FigureCells({ c, x }: { c: Ctx; x: Figures }) {
  const f = formatters(c);
  return (
    <>
      <td class="text-end">{f.count(x.proposed)}</td>
      <td class="text-end">{f.count(x.contacted)}</td>
      <td class="text-end">{f.count(x.offered)}</td>
      <td class="text-end">{f.days(x.toFirstContact.median)}</td>
      <td class="text-end">{f.days(x.toAnswer.median)}</td>
      <td class="text-end">{f.days(x.toAcceptance.median)}</td>
      <td class="text-end">{f.pct(x.acceptanceRate)}</td>
      <td class="text-end">{f.pct(x.renunciationRate)}</td>
      <td class="text-end">{f.count(x.expired)}</td>
    </>
  );
}

function FigureHeads({ c }: { c: Ctx }) {
  const { t } = c.var;
  return (
    <>
      {(['proposed', 'contacted', 'offered', 'first_contact', 'answer', 'acceptance', 'acceptance_rate', 'renunciation_rate', 'expired'] as const).map((k) => (
        <th scope="col" class="text-end">
          {t(`figures.cols.${k}`)}
        </th>
      ))}
    </>
  );
}

/** The filter form alone, with what was typed and the errors at the fields (a 422 answer). */
function InvalidPage({ c, choices, q, errors }: { c: Ctx; choices: FiguresReport['choices']; q: Query; errors: FieldErrors }) {
  const { t } = c.var;
  return (
    <AdminLayout c={c} title={t('figures.title_invalid')}>
      <h1>{t('figures.title')}</h1>
      <p>{t('figures.intro')}</p>
      <FilterForm c={c} choices={choices} q={q} errors={errors} />
    </AdminLayout>
  );
}

function Page({ c, report, q }: { c: Ctx; report: FiguresReport; q: Query }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const qs = queryString(q);
  return (
    <AdminLayout c={c} title={t('figures.title')}>
      <h1>{t('figures.title')}</h1>
      <p>{t('figures.intro')}</p>
      <p class="small">{t('figures.method')}</p>
      <FilterForm c={c} choices={report.choices} q={q} errors={{}} />
      <p class="d-flex flex-wrap gap-2">
        <a class="btn btn-outline-primary btn-sm" href={`${lp(`${BASE}/esporta.csv`)}${qs}`} download>
          {t('figures.export.csv')}
        </a>
        <a class="btn btn-outline-primary btn-sm" href={`${lp(`${BASE}/esporta.xlsx`)}${qs}`} download>
          {t('figures.export.xlsx')}
        </a>
      </p>

      <Overall c={c} o={report.overall} />

      <section aria-labelledby="lists-heading" class="mb-5">
        <h2 id="lists-heading" class="h3">
          {t('figures.lists.heading')}
        </h2>
        {report.lists.length ? (
          <div class="table-responsive">
            <table class="table table-sm" id="lists-table">
              <caption>{t('figures.lists.caption', { count: f.number.format(report.lists.length) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('figures.lists.col_list')}</th>
                  <th scope="col">{t('figures.lists.col_published')}</th>
                  <FigureHeads c={c} />
                </tr>
              </thead>
              <tbody>
                {report.lists.map((l) => (
                  <tr>
                    <th scope="row">{l.title}</th>
                    <td>
                      <time datetime={l.publishedAt.toISOString()}>{f.dateShort.format(l.publishedAt)}</time>
                    </td>
                    <FigureCells c={c} x={l} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('figures.lists.none')}</p>
        )}
        {report.lists.length ? <ComparisonCharts c={c} scope="lists" items={report.lists.map((l) => ({ label: l.title, x: l }))} /> : null}
      </section>

      <section aria-labelledby="members-heading" class="mb-5">
        <h2 id="members-heading" class="h3">
          {t('figures.members.heading')}
        </h2>
        {report.members.length ? (
          <div class="table-responsive">
            <table class="table table-sm" id="members-table">
              <caption>{t('figures.members.caption', { count: f.number.format(report.members.length) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('figures.members.col_member')}</th>
                  <FigureHeads c={c} />
                </tr>
              </thead>
              <tbody>
                {report.members.map((m) => (
                  <tr>
                    <th scope="row">{m.name ?? t('figures.members.unknown')}</th>
                    <FigureCells c={c} x={m} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('figures.members.none')}</p>
        )}
        {report.members.length ? <ComparisonCharts c={c} scope="members" items={report.members.map((m) => ({ label: m.name ?? t('figures.members.unknown'), x: m }))} /> : null}
      </section>
    </AdminLayout>
  );
}

type ExportRow = { scope: 'overall' | 'list' | 'member'; name: string; publishedAt: Date | null; x: Figures };

function exportColumns(c: Ctx): ExportColumn<ExportRow>[] {
  const { t } = c.var;
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const cols: ExportColumn<ExportRow>[] = [
    { header: t('figures.export.scope'), value: (r) => t(`figures.export.scopes.${r.scope}`) },
    { header: t('figures.export.name'), value: (r) => r.name, width: 40 },
    { header: t('figures.export.published'), value: (r) => r.publishedAt, kind: 'date' },
  ];
  const counts = [
    ['proposed', 'proposed'],
    ['contacted', 'contacted'],
    ['offered', 'offered'],
    ['offers', 'offers'],
    ['answered', 'answered'],
    ['accepted', 'accepted'],
    ['renounced', 'renounced'],
    ['renounced_before_offer', 'renouncedBeforeOffer'],
    ['expired', 'expired'],
    ['not_eligible', 'notEligible'],
    ['open', 'open'],
  ] as const;
  for (const [key, field] of counts) cols.push({ header: t(`figures.measures.${key}`), value: (r) => r.x[field], kind: 'number' });
  cols.push({ header: t('figures.export.rate_pct', { what: t('figures.measures.acceptance_rate') }), value: (r) => pct(r.x.acceptanceRate), kind: 'number' });
  cols.push({ header: t('figures.export.rate_pct', { what: t('figures.measures.renunciation_rate') }), value: (r) => pct(r.x.renunciationRate), kind: 'number' });
  for (const [key, field] of STAGES) {
    const what = t(`figures.stages.${key}`);
    cols.push({ header: t('figures.export.count_of', { what }), value: (r) => (r.x[field] as Durations).count, kind: 'number' });
    cols.push({ header: t('figures.export.median_of', { what }), value: (r) => (r.x[field] as Durations).median, kind: 'number' });
    cols.push({ header: t('figures.export.p90_of', { what }), value: (r) => (r.x[field] as Durations).p90, kind: 'number' });
  }
  for (const reason of ['housing', 'distance_family', 'pay', 'other_offer', 'working_conditions', 'personal', 'no_answer', 'unspecified'] as const) {
    cols.push({ header: t('figures.export.reason_of', { reason: t(`figures.reasons.${reason}`) }), value: (r) => r.x.reasons.find((x) => x.reason === reason)?.count ?? 0, kind: 'number' });
  }
  return cols;
}

function exportRows(c: Ctx, report: FiguresReport): ExportRow[] {
  return [
    { scope: 'overall', name: c.var.t('figures.export.scopes.overall'), publishedAt: null, x: report.overall },
    ...report.lists.map((l) => ({ scope: 'list' as const, name: l.title, publishedAt: l.publishedAt, x: l })),
    ...report.members.map((m) => ({ scope: 'member' as const, name: m.name ?? c.var.t('figures.members.unknown'), publishedAt: null, x: m })),
  ];
}

export function rankingFiguresRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(rankingRules.read));

  /** The report for the query, or the 422 page with the messages at the fields. */
  const run = async (c: Ctx): Promise<{ report: FiguresReport; q: Query } | Response> => {
    const { q, parsed } = readQuery(c);
    const r = parsed.ok ? await rankingFigures(c.var.deps, c.var.actor, parsed.value) : parsed;
    if (r.ok) return { report: r.value, q };
    if (r.error.code !== 'invalid') return errorResponse(c, r.error);
    const whole = await rankingFigures(c.var.deps, c.var.actor, {});
    if (!whole.ok) return errorResponse(c, whole.error);
    return c.html(<InvalidPage c={c} choices={whole.value.choices} q={q} errors={r.error.fields} />, 422);
  };

  app.get('/', async (c) => {
    const r = await run(c);
    if (r instanceof Response) return r;
    return c.html(<Page c={c} report={r.report} q={r.q} />);
  });

  const exportAs = (format: ExportFormat) =>
    app.get(`/esporta.${format}`, async (c) => {
      const r = await run(c);
      if (r instanceof Response) return r;
      return sendExport(c, c.var.t('figures.export.file_name'), format, exportColumns(c), exportRows(c, r.report));
    });
  exportAs('csv');
  exportAs('xlsx');

  return app;
}
