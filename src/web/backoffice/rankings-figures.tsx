// The ranked lists' figures (/admin/graduatorie-cifre): times from publication, outcomes and
// reasons, overall, per list and per team member, with a GET filter form, server-drawn SVG charts
// each beside a table of the same numbers, and CSV/XLSX exports of what is shown.
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv, Ctx } from '../context.ts';
import { AdminLayout } from '../layouts/AdminLayout.tsx';
import { sendExport } from '../components/export.ts';
import { fmt, fromRomeLocal } from '../../platform/i18n/format.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { ExportColumn, ExportFormat } from '../../platform/export/index.ts';
import { barChart, horizontalBarChart } from '../../platform/charts/svg.ts';
import { figureFilter, rankingFigures, type Durations, type Figures, type FiguresReport } from '../../domains/rankings/figures.ts';
import { errorResponse, requireAction } from './guard.tsx';

const BASE = '/admin/graduatorie-cifre';
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

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

/** The query as given, kept only where well-formed; the domain filter derived from it. */
function readQuery(c: Ctx) {
  const dal = c.req.query('dal') ?? '';
  const al = c.req.query('al') ?? '';
  const from = DAY_RE.test(dal) ? fromRomeLocal(dal) : null;
  const toDay = DAY_RE.test(al) ? fromRomeLocal(al) : null;
  // "Until" a day includes that whole day: the range ends at the next midnight in Rome.
  let to: Date | null = null;
  if (toDay) {
    const [y, m, d] = al.split('-').map(Number);
    const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    to = fromRomeLocal(next);
  }
  const filter = figureFilter({ list: c.req.query('lista'), member: c.req.query('membro'), from, to });
  const q: Query = { lista: filter.listId, membro: filter.memberId, dal: from ? dal : undefined, al: to ? al : undefined };
  return { filter, q };
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

function FilterForm({ c, report, q }: { c: Ctx; report: FiguresReport; q: Query }) {
  const { t, lp } = c.var;
  return (
    <form method="get" action={lp(BASE)} role="search" aria-label={t('figures.filters.label')} class="row g-3 align-items-end mb-4">
      <div class="col-md-6 col-xl-3">
        <div class="select-wrapper">
          <label for="lista">{t('figures.filters.list')}</label>
          <select id="lista" name="lista">
            <option value="">{t('figures.filters.list_any')}</option>
            {report.choices.lists.map((l) => (
              <option value={l.id} selected={q.lista === l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="col-md-6 col-xl-3">
        <div class="select-wrapper">
          <label for="membro">{t('figures.filters.member')}</label>
          <select id="membro" name="membro">
            <option value="">{t('figures.filters.member_any')}</option>
            {report.choices.members.map((m) => (
              <option value={m.id} selected={q.membro === m.id}>
                {m.name ?? t('figures.members.unknown')}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="col-md-4 col-xl-2">
        <div class="form-group mb-0">
          <label for="dal" class="active">
            {t('figures.filters.from')}
          </label>
          <input type="date" id="dal" name="dal" class="form-control" value={q.dal ?? ''} />
        </div>
      </div>
      <div class="col-md-4 col-xl-2">
        <div class="form-group mb-0">
          <label for="al" class="active">
            {t('figures.filters.to')}
          </label>
          <input type="date" id="al" name="al" class="form-control" value={q.al ?? ''} />
        </div>
      </div>
      <div class="col-md-4 col-xl-2 d-flex flex-wrap gap-2 align-items-center">
        <button type="submit" class="btn btn-primary">
          {t('figures.filters.submit')}
        </button>
        {queryString(q) ? <a href={lp(BASE)}>{t('figures.filters.reset')}</a> : null}
      </div>
    </form>
  );
}

function Overall({ c, o }: { c: Ctx; o: Figures }) {
  const { t } = c.var;
  const f = formatters(c);
  const counts: [string, string][] = [
    ...(['proposed', 'contacted', 'offered', 'offers', 'answered', 'accepted', 'renounced', 'expired', 'not_eligible', 'open'] as const).map(
      (k) => [t(`figures.measures.${k}`), f.count(o[k === 'not_eligible' ? 'notEligible' : k])] as [string, string],
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
        <div class="col-12 col-xl-6">{o.renounced ? raw(reasonsSvg) : <p>{t('figures.overall.no_renunciations')}</p>}</div>
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

function Page({ c, report, q }: { c: Ctx; report: FiguresReport; q: Query }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const qs = queryString(q);
  return (
    <AdminLayout c={c} title={t('figures.title')}>
      <h1>{t('figures.title')}</h1>
      <p>{t('figures.intro')}</p>
      <p class="small">{t('figures.method')}</p>
      <FilterForm c={c} report={report} q={q} />
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
  app.use('*', requireAction('rankings.read'));

  app.get('/', async (c) => {
    const { filter, q } = readQuery(c);
    const r = await rankingFigures(c.var.deps, c.var.actor, filter);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<Page c={c} report={r.value} q={q} />);
  });

  const exportAs = (format: ExportFormat) =>
    app.get(`/esporta.${format}`, async (c) => {
      const { filter } = readQuery(c);
      const r = await rankingFigures(c.var.deps, c.var.actor, filter);
      if (!r.ok) return errorResponse(c, r.error);
      return sendExport(c, c.var.t('figures.export.file_name'), format, exportColumns(c), exportRows(c, r.value));
    });
  exportAs('csv');
  exportAs('xlsx');

  return app;
}
