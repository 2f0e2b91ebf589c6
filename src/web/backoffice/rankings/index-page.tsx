// The index of every ranked list (/admin/graduatorie: state tabs with counts, search by call title,
// validity in words, open posts and how the offers went) and the closed calls still without a list
// (/admin/graduatorie/senza-graduatoria), each a list definition the kit renders.
import type { Ctx } from '../../context.ts';
import { closedCallsWithoutList, LIST_INDEX_STATES, listRankedLists, type CallWithoutList, type ListIndexItem } from '../../../domains/rankings/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { Time } from '../../kit/details.tsx';
import { defineList } from '../../kit/list.tsx';
import { FilterSearch } from '../../kit/list-page.tsx';
import { oneOf, searchText } from '../../kit/list-query.ts';
import type { Column } from '../../kit/table.tsx';
import { BASE, Countdown } from './shared.tsx';

const indexColumns = (c: Ctx): Column<ListIndexItem>[] => {
  const { t, lp, locale } = c.var;
  const n = (v: number) => fmt(locale).number.format(v);
  return [
    { header: t('rankings_admin.index.col_call'), rowHeader: true, value: (l) => l.callTitle, cell: (l) => <a href={lp(`${BASE}/${l.id}`)}>{l.callTitle}</a> },
    { header: t('rankings_admin.fields.kind'), value: (l) => t(`rankings.kinds.${l.kind}`) },
    { header: t('rankings_admin.fields.published'), value: (l) => l.publishedAt, kind: 'date', cell: (l) => (l.publishedAt ? <Time at={l.publishedAt} locale={locale} format="date" /> : t('rankings_admin.list.not_published')) },
    { header: t('rankings.validity.label'), value: (l) => l.validUntil, kind: 'date', cell: (l) => (l.validUntil ? <Countdown c={c} until={l.validUntil} /> : t('rankings_admin.index.no_validity')) },
    { header: t('rankings_admin.list.open_posts'), value: (l) => l.openPosts, cell: (l) => n(l.openPosts) },
    { header: t('rankings_admin.index.col_offered'), value: (l) => l.offered, cell: (l) => n(l.offered) },
    { header: t('rankings_admin.index.col_accepted'), value: (l) => l.accepted, cell: (l) => n(l.accepted) },
    { header: t('rankings_admin.index.col_renounced'), value: (l) => l.renounced, cell: (l) => n(l.renounced) },
  ];
};

// Outside the definition, so each reader keeps its own value type; `stato` first, as in the links.
const indexQuery = { stato: oneOf(LIST_INDEX_STATES), q: searchText };

export const rankedListsIndex = defineList({
  path: BASE,
  title: 'rankings_admin.index.title',
  intro: 'rankings_admin.index.intro',
  query: indexQuery,
  load: (c, q) => listRankedLists(c.var.deps, c.var.actor, { state: q.stato, q: q.q, page: q.page }),
  actions: (c, data) => (
    <p class="d-flex flex-wrap gap-3">
      <a href={c.var.lp(`${BASE}/senza-graduatoria`)} id="calls-without-list">
        {c.var.t('rankings_admin.index.without_list', { count: fmt(c.var.locale).number.format(data.callsWithoutList) })}
      </a>
      <a href={c.var.lp('/admin/graduatorie-cifre')}>{c.var.t('rankings_admin.index.figures')}</a>
    </p>
  ),
  tabs: {
    param: 'stato',
    values: LIST_INDEX_STATES,
    name: 'rankings_admin.index.tabs_label',
    label: (c, s) => c.var.t(`rankings_admin.index.states.${s ?? 'all'}`),
    count: (d, s) => d.counts[(s ?? 'all') as keyof typeof d.counts],
  },
  filterLabel: 'rankings_admin.index.search_label',
  submit: 'rankings_admin.index.search_submit',
  filters: (c, q) => <FilterSearch label={c.var.t('rankings_admin.index.search')} value={q.q} col="col-md-6" />,
  columns: indexColumns,
  caption: 'rankings_admin.index.caption',
  empty: 'rankings_admin.index.none',
});

const withoutColumns = (c: Ctx): Column<CallWithoutList>[] => {
  const { t, lp, locale } = c.var;
  return [
    { header: t('rankings_admin.index.col_call'), rowHeader: true, value: (x) => x.title, cell: (x) => <a href={lp(`${BASE}/bando/${x.id}`)}>{t('rankings_admin.without.create', { call: x.title })}</a> },
    { header: t('rankings_admin.without.closed_on'), value: (x) => x.closedOn, kind: 'date', cell: (x) => (x.closedOn ? <Time at={x.closedOn} locale={locale} format="date" /> : '—') },
  ];
};

export const callsWithoutList = defineList({
  path: `${BASE}/senza-graduatoria`,
  title: 'rankings_admin.without.title',
  intro: 'rankings_admin.without.intro',
  back: { href: BASE, label: 'rankings_admin.without.back' },
  query: {},
  load: (c, q) => closedCallsWithoutList(c.var.deps, c.var.actor, { page: q.page }),
  columns: withoutColumns,
  caption: 'rankings_admin.without.caption',
  empty: 'rankings_admin.without.none',
});
