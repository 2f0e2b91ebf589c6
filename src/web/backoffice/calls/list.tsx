// The back-office list of calls (/admin/bandi): tabs by state with how many calls are in each now,
// search and employer filters, and the buttons to create or import (for those who manage calls).
import type { Ctx } from '../../context.ts';
import { can } from '../../../platform/authz/index.ts';
import { isUuid } from '../../../platform/query.ts';
import { ok } from '../../../platform/result.ts';
import { CALL_STATES, callRules, employerOptions, listCallsForStaff, type AdminCallItem, type CallState } from '../../../domains/calls/index.ts';
import { Time } from '../../kit/details.tsx';
import { defineList } from '../../kit/list.tsx';
import { FilterSearch, FilterSelect } from '../../kit/list-page.tsx';
import { oneOf, searchText } from '../../kit/list-query.ts';
import type { Column } from '../../kit/table.tsx';
import { CALL_FLASH, StateBadge, callPath } from './calls-shared.tsx';

const columns = (c: Ctx): Column<AdminCallItem>[] => {
  const { t, lp, locale } = c.var;
  return [
    { header: t('calls.fields.title'), rowHeader: true, value: (r) => r.title, cell: (r) => <a href={lp(callPath(r.id))}>{r.title}</a> },
    { header: t('calls.fields.type'), value: (r) => t(`calls.types.${r.type}`) },
    { header: t('calls.fields.employerId'), value: (r) => r.employerName },
    { header: t('calls_admin.list.state'), value: (r) => t(`calls.states.${r.state}`), cell: (r) => <StateBadge c={c} state={r.state} /> },
    { header: t('calls.fields.deadline'), value: (r) => r.deadline, cell: (r) => (r.deadline ? <Time at={r.deadline} locale={locale} /> : '—') },
    { header: t('calls_admin.list.updated'), value: (r) => r.updatedAt, cell: (r) => <Time at={r.updatedAt} locale={locale} /> },
  ];
};

// Outside the definition, so each reader keeps its own value type.
const query = { stato: oneOf(CALL_STATES), ente: (v: string | undefined) => (isUuid(v) ? v : undefined), q: searchText };

function Actions({ c }: { c: Ctx }) {
  const { t, lp, actor } = c.var;
  if (!can(actor, callRules.create)) return <p>{t('calls_admin.list.read_only')}</p>;
  return (
    <p class="d-flex gap-2 flex-wrap">
      <a class="btn btn-primary" href={lp('/admin/bandi/nuovo')}>
        {t('calls_admin.list.new')}
      </a>
      {can(actor, callRules.import) ? (
        <a class="btn btn-outline-primary" href={lp('/admin/bandi/importa')}>
          {t('calls_admin.list.import')}
        </a>
      ) : null}
    </p>
  );
}

export const callList = defineList({
  path: '/admin/bandi',
  title: 'calls_admin.list.title',
  query,
  async load(c, q) {
    const [r, employers] = await Promise.all([
      listCallsForStaff(c.var.deps, c.var.actor, { q: q.q, state: q.stato, employerId: q.ente, page: q.page }),
      employerOptions(c.var.deps.db),
    ]);
    return r.ok ? ok({ ...r.value, employers }) : r;
  },
  tabs: {
    param: 'stato',
    values: CALL_STATES,
    name: 'calls_admin.list.tabs_label',
    label: (c, s) => c.var.t(s ? `calls.states.${s}` : 'calls_admin.list.tabs_all'),
    count: (d, s) => d.counts[(s ?? 'all') as CallState | 'all'],
  },
  submit: 'common.forms.search',
  filters: (c, q, d) => (
    <>
      <FilterSearch label={c.var.t('calls_admin.list.search')} value={q.q} hint={c.var.t('calls_admin.list.search_hint')} col="col-12 col-md-6" />
      <FilterSelect id="ente" label={c.var.t('calls.fields.employerId')} value={q.ente} all={c.var.t('calls_admin.list.all_employers')} options={d.employers.map((e) => ({ value: e.id, label: e.name }))} col="col-12 col-md-4" />
    </>
  ),
  actions: (c) => <Actions c={c} />,
  columns,
  caption: 'calls_admin.list.caption',
  empty: 'calls_admin.list.empty',
  flash: { prefix: 'calls_admin.flash', known: CALL_FLASH },
});
