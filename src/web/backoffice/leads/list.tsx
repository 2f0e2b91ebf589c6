// The welcome team's inbox (/admin/contatti): leads by status with counts, filtered by assignee and
// by text on name and email.
import type { Ctx } from '../../context.ts';
import { hasKey } from '../../../platform/i18n/index.ts';
import { ok } from '../../../platform/result.ts';
import { assignableStaff, LEAD_STATUSES, listLeads, type LeadListItem, type LeadStatus } from '../../../domains/leads/index.ts';
import { Time } from '../../kit/details.tsx';
import { defineList } from '../../kit/list.tsx';
import { AssigneeFilter, FilterSearch } from '../../kit/list-page.tsx';
import { assigneeValue, oneOf, searchText } from '../../kit/list-query.ts';
import type { Column } from '../../kit/table.tsx';

/** The flashes of the inbox and of a lead's page (`?esito=`). */
export const LEAD_FLASH = ['updated', 'noted', 'erased'] as const;

/** A known source by its name; another capability's code (or an old one) as it is. */
export const sourceLabel = (c: Ctx, source: string) => (hasKey(c.var.locale, `leads_admin.sources.${source}`) ? c.var.t(`leads_admin.sources.${source}`) : source);

const columns = (c: Ctx): Column<LeadListItem>[] => {
  const { t, lp, locale } = c.var;
  return [
    { header: t('leads.fields.name'), rowHeader: true, value: (l) => l.name, cell: (l) => <a href={lp(`/admin/contatti/${l.id}`)}>{l.name}</a> },
    { header: t('leads.fields.email'), value: (l) => l.email },
    { header: t('leads.fields.professionCode'), value: (l) => l.professionName ?? l.professionCode },
    { header: t('leads_admin.status'), value: (l) => t(`leads.statuses.${l.status}`) },
    { header: t('leads_admin.assignee'), value: (l) => (l.assigneeId ? (l.assigneeName ?? t('leads_admin.unknown_person')) : t('leads_admin.nobody')) },
    { header: t('leads_admin.received'), value: (l) => l.createdAt, cell: (l) => <Time at={l.createdAt} locale={locale} /> },
    { header: t('leads_admin.source'), value: (l) => (l.source ? sourceLabel(c, l.source) : '') },
  ];
};

// Outside the definition, so each reader keeps its own value type.
const query = { stato: oneOf(LEAD_STATUSES), assegnatario: assigneeValue, q: searchText };

export const leadList = defineList({
  path: '/admin/contatti',
  title: 'leads_admin.title',
  intro: 'leads_admin.intro',
  query,
  async load(c, q) {
    const [r, staff] = await Promise.all([
      listLeads(c.var.deps.db, c.var.actor, { status: q.stato, assignee: q.assegnatario, q: q.q, page: q.page }),
      assignableStaff(c.var.deps.db),
    ]);
    return r.ok ? ok({ ...r.value, staff }) : r;
  },
  tabs: {
    param: 'stato',
    values: LEAD_STATUSES,
    name: 'leads_admin.tabs_label',
    label: (c, s) => c.var.t(s ? `leads_admin.tabs.${s}` : 'leads_admin.tabs.all'),
    count: (d, s) => d.counts[(s ?? 'all') as LeadStatus | 'all'],
  },
  filterLabel: 'leads_admin.filters_label',
  submit: 'leads_admin.filter',
  filters: (c, q, d) => (
    <>
      <AssigneeFilter c={c} ns="leads_admin" value={q.assegnatario} staff={d.staff} col="col-md-5" />
      <FilterSearch label={c.var.t('leads_admin.search')} value={q.q} col="col-md-5" />
    </>
  ),
  columns,
  caption: 'leads_admin.caption',
  empty: 'leads_admin.none',
  flash: { prefix: 'leads_admin.flash', known: LEAD_FLASH },
});
