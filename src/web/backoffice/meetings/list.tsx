// The meetings list (/admin/incontri: upcoming or past, by kind) and the levers agreed with the
// directors, grouped by discipline (/admin/incontri/leve).
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { listMeetings, MEETING_KINDS, type LeverSummaryRow, type MeetingListItem } from '../../../domains/meetings/index.ts';
import { Time } from '../../kit/details.tsx';
import { defineList } from '../../kit/list.tsx';
import { FilterSelect } from '../../kit/list-page.tsx';
import { oneOf } from '../../kit/list-query.ts';
import { DataTable, type Column } from '../../kit/table.tsx';

/** The flashes of the list and of a meeting's page (`?esito=`), all under `meetings_admin.flash`. */
export const MEETING_FLASH = ['created', 'updated', 'lever_added', 'lever_removed', 'attendance', 'cancelled', 'registered', 'already_registered', 'invited'] as const;

const columns = (c: Ctx): Column<MeetingListItem>[] => {
  const { t, lp, locale } = c.var;
  return [
    { header: t('meetings_admin.fields.title'), rowHeader: true, cell: (m) => <a href={lp(`/admin/incontri/${m.id}`)}>{m.title}</a> },
    { header: t('meetings_admin.fields.kind'), cell: (m) => t(`meetings_admin.kinds.${m.kind}`) },
    { header: t('meetings_admin.starts'), cell: (m) => <Time at={m.startsAt} locale={locale} /> },
    { header: t('meetings_admin.registered'), cell: (m) => (m.capacity === null ? String(m.registered) : `${m.registered} / ${m.capacity}`) },
  ];
};

// Upcoming is the list without `quando`; past is its one tab value.
const query = { quando: oneOf(['past'] as const), tipo: oneOf(MEETING_KINDS) };

export const meetingList = defineList({
  path: '/admin/incontri',
  title: 'meetings_admin.title',
  query,
  load: (c, q) => listMeetings(c.var.deps.db, c.var.actor, { when: q.quando ?? 'upcoming', kind: q.tipo, page: q.page, now: c.var.deps.now() }),
  actions: (c) => (
    <p>
      <a class="btn btn-primary me-2" href={c.var.lp('/admin/incontri/nuovo')}>
        {c.var.t('meetings_admin.new')}
      </a>
      <a class="btn btn-outline-primary" href={c.var.lp('/admin/incontri/leve')}>
        {c.var.t('meetings_admin.levers_summary')}
      </a>
    </p>
  ),
  tabs: { param: 'quando', values: ['past'], name: 'meetings_admin.when_label', label: (c, w) => c.var.t(`meetings_admin.when.${w ?? 'upcoming'}`) },
  filterLabel: 'meetings_admin.filter_label',
  submit: 'meetings_admin.filter',
  filters: (c, q) => (
    <FilterSelect
      id="tipo"
      label={c.var.t('meetings_admin.fields.kind')}
      value={q.tipo}
      all={c.var.t('meetings_admin.any_kind')}
      options={MEETING_KINDS.map((k) => ({ value: k, label: c.var.t(`meetings_admin.kinds.${k}`) }))}
      col="col-md-6"
    />
  ),
  columns,
  caption: 'meetings_admin.caption',
  empty: 'meetings_admin.none',
  flash: { prefix: 'meetings_admin.flash', known: MEETING_FLASH },
});

export function LeversPage({ c, rows }: { c: Ctx; rows: LeverSummaryRow[] }) {
  const { t, lp } = c.var;
  const groups = new Map<number, { name: string; rows: LeverSummaryRow[] }>();
  for (const r of rows) {
    const g = groups.get(r.disciplineCode) ?? { name: r.disciplineName, rows: [] };
    g.rows.push(r);
    groups.set(r.disciplineCode, g);
  }
  const cols: Column<LeverSummaryRow>[] = [
    { header: t('meetings_admin.lever.kind'), rowHeader: true, cell: (r) => t(`meetings_admin.lever_kinds.${r.kind}`) },
    { header: t('meetings_admin.lever.description'), cell: (r) => r.description },
    { header: t('meetings_admin.lever.owner'), cell: (r) => r.owner ?? '' },
    { header: t('meetings_admin.meeting'), cell: (r) => <a href={lp(`/admin/incontri/${r.meetingId}`)}>{r.meetingTitle}</a> },
  ];
  return (
    <AdminLayout c={c} title={t('meetings_admin.levers_summary')}>
      <p>
        <a href={lp('/admin/incontri')}>{t('meetings_admin.back')}</a>
      </p>
      <h1>{t('meetings_admin.levers_summary')}</h1>
      <p>{t('meetings_admin.levers_summary_intro')}</p>
      {groups.size ? (
        [...groups.entries()].map(([code, g]) => (
          <section class="mb-4" aria-labelledby={`disc-${code}`}>
            <h2 id={`disc-${code}`} class="h4">
              {g.name}
            </h2>
            <DataTable c={c} small caption={t('meetings_admin.levers_of', { discipline: g.name, count: g.rows.length })} columns={cols} rows={g.rows} empty="" />
          </section>
        ))
      ) : (
        <p>{t('meetings_admin.no_levers')}</p>
      )}
    </AdminLayout>
  );
}
