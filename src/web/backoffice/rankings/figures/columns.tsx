// The figures' columns, each defined once: the per-list and per-member tables show some of them (with
// short headings and numbers formatted for the reader), the CSV/XLSX export writes them all (with
// full headings and raw numbers), one row overall, one per list and one per team member.
import type { Ctx } from '../../../context.ts';
import { REASON_KEYS, type Durations, type Figures, type FiguresReport } from '../../../../domains/rankings/index.ts';
import { fmt } from '../../../../platform/i18n/format.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import { Time } from '../../../kit/details.tsx';
import type { Column } from '../../../kit/table.tsx';

const numbers = {
  it: { days: new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }), pct: new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 1 }) },
  en: { days: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }), pct: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }) },
};

/** Counts, days and rates as the page shows them ("n.d." where there is nothing to count). */
export function formatters(c: Ctx) {
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

/** The three times measured from a list's publication, with the field of each. */
export const STAGES = [
  ['first_contact', 'toFirstContact'],
  ['answer', 'toAnswer'],
  ['acceptance', 'toAcceptance'],
] as const satisfies readonly (readonly [string, keyof Figures])[];

/** The counts, in the export's order: the key of their text and their field. */
export const COUNTS = [
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
] as const satisfies readonly (readonly [string, keyof Figures])[];

/** One row of figures: overall, a list or a team member. */
export interface FigureRow {
  scope: 'overall' | 'list' | 'member';
  name: string;
  publishedAt: Date | null;
  x: Figures;
}

type Col = Column<FigureRow>;

/** Every column of the figures, by name. */
function figureColumns(c: Ctx) {
  const { t, locale } = c.var;
  const f = formatters(c);
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const count: Record<string, Col> = Object.fromEntries(
    COUNTS.map(([key, field]): [string, Col] => [key, { header: t(`figures.measures.${key}`), value: (r) => r.x[field], kind: 'number', numeric: true, cell: (r) => f.count(r.x[field]) }]),
  );
  const durations = (field: (typeof STAGES)[number][1]) => (r: FigureRow) => r.x[field] as Durations;
  const stage = STAGES.map(([key, field]) => {
    const what = t(`figures.stages.${key}`);
    const d = durations(field);
    return {
      count: { header: t('figures.export.count_of', { what }), value: (r) => d(r).count, kind: 'number' } as Col,
      median: { header: t(`figures.cols.${key}`), exportHeader: t('figures.export.median_of', { what }), value: (r) => d(r).median, kind: 'number', numeric: true, cell: (r) => f.days(d(r).median) } as Col,
      p90: { header: t('figures.export.p90_of', { what }), value: (r) => d(r).p90, kind: 'number' } as Col,
    };
  });
  const rate = (key: 'acceptance_rate' | 'renunciation_rate', field: 'acceptanceRate' | 'renunciationRate'): Col => ({
    header: t(`figures.cols.${key}`),
    exportHeader: t('figures.export.rate_pct', { what: t(`figures.measures.${key}`) }),
    value: (r) => pct(r.x[field]),
    kind: 'number',
    numeric: true,
    cell: (r) => f.pct(r.x[field]),
  });
  // On the page the counts have short headings; in the export, their full ones.
  const short = (key: string): Col => ({ ...count[key]!, header: t(`figures.cols.${key}`), exportHeader: count[key]!.header });
  return {
    scope: { header: t('figures.export.scope'), value: (r) => t(`figures.export.scopes.${r.scope}`), only: 'export' } as Col,
    name: (header: string): Col => ({ header, exportHeader: t('figures.export.name'), value: (r) => r.name, rowHeader: true, width: 40 }),
    published: { header: t('figures.lists.col_published'), exportHeader: t('figures.export.published'), value: (r) => r.publishedAt, kind: 'date', cell: (r) => (r.publishedAt ? <Time at={r.publishedAt} locale={locale} format="dateShort" /> : '') } as Col,
    count: { ...count, proposed: short('proposed'), contacted: short('contacted'), offered: short('offered'), expired: short('expired') } as Record<string, Col>,
    stage,
    acceptance: rate('acceptance_rate', 'acceptanceRate'),
    renunciation: rate('renunciation_rate', 'renunciationRate'),
    reasons: REASON_KEYS.map((reason): Col => ({ header: t('figures.export.reason_of', { reason: t(`figures.reasons.${reason}`) }), value: (r) => r.x.reasons.find((x) => x.reason === reason)?.count ?? 0, kind: 'number' })),
  };
}

/** The measures the per-list and per-member tables show after the name (and the list's publication). */
function pageMeasures(cols: ReturnType<typeof figureColumns>): Col[] {
  const k = cols.count;
  return [k.proposed!, k.contacted!, k.offered!, ...cols.stage.map((s) => s.median), cols.acceptance, cols.renunciation, k.expired!];
}

export const listColumns = (c: Ctx): Col[] => {
  const cols = figureColumns(c);
  return [cols.name(c.var.t('figures.lists.col_list')), cols.published, ...pageMeasures(cols)];
};

export const memberColumns = (c: Ctx): Col[] => {
  const cols = figureColumns(c);
  return [cols.name(c.var.t('figures.members.col_member')), ...pageMeasures(cols)];
};

/** The export's columns: what the tables show and the rest, in the export's order. */
export const exportColumnsOf = (c: Ctx): Col[] => {
  const cols = figureColumns(c);
  return [
    cols.scope,
    cols.name(''),
    cols.published,
    ...COUNTS.map(([key]) => cols.count[key]!),
    cols.acceptance,
    cols.renunciation,
    ...cols.stage.flatMap((s) => [s.count, s.median, s.p90]),
    ...cols.reasons,
  ];
};

export const listRows = (report: FiguresReport): FigureRow[] => report.lists.map((l) => ({ scope: 'list', name: l.title, publishedAt: l.publishedAt, x: l }));

export const memberRows = (c: Ctx, report: FiguresReport): FigureRow[] => report.members.map((m) => ({ scope: 'member', name: m.name ?? c.var.t('figures.members.unknown'), publishedAt: null, x: m }));

/** Every row of the export: overall, then each list, then each team member. */
export const exportRows = (c: Ctx, report: FiguresReport): FigureRow[] => [
  { scope: 'overall', name: c.var.t('figures.export.scopes.overall'), publishedAt: null, x: report.overall },
  ...listRows(report),
  ...memberRows(c, report),
];
