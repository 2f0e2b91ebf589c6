// The alert subscribers (/admin/iscritti): search and filters, the active subscribers counted by
// profession, specialisation and province, and the CSV/XLSX export of the filtered list from the
// same columns as the table.
import type { Ctx } from '../../context.ts';
import { ok } from '../../../platform/result.ts';
import { Time } from '../../kit/details.tsx';
import { defineList } from '../../kit/list.tsx';
import { CountsTable, FilterSearch, FilterSelect, type Option } from '../../kit/list-page.tsx';
import { oneOf, searchText, type ParamReader } from '../../kit/list-query.ts';
import type { Column } from '../../kit/table.tsx';
import {
  alertRules,
  ANYWHERE,
  countsByProfession,
  countsByProvince,
  countsBySpecialisation,
  exportSubscribers,
  FREQUENCIES,
  listSubscribers,
  subscriberFilterOptions,
  SUBSCRIBER_STATUSES,
  type CountRow,
  type SubscriberFilters,
  type SubscriberListRow,
} from '../../../domains/alerts/index.ts';
import { areasText, callTypesText, localeText, profName, specsText, StatusText } from './subscriber-text.tsx';

/** The province filter's value in URLs for "no area chosen". */
const ANYWHERE_PARAM = 'ovunque';
const matching =
  (re: RegExp): ParamReader =>
  (v) =>
    v && re.test(v) ? v : undefined;
const code = matching(/^[a-z0-9_-]{1,100}$/);

// Outside the definition, so each reader keeps its own value type.
const query = {
  q: searchText,
  stato: oneOf(SUBSCRIBER_STATUSES),
  professione: code,
  specializzazione: code,
  provincia: matching(new RegExp(`^(\\d{3}|${ANYWHERE_PARAM})$`)),
  frequenza: oneOf(FREQUENCIES),
};
type Query = { [K in keyof typeof query]: ReturnType<(typeof query)[K]> };

const filtersOf = (q: Query): SubscriberFilters => ({
  q: q.q,
  status: q.stato,
  profession: q.professione,
  specialisation: q.specializzazione,
  province: q.provincia === ANYWHERE_PARAM ? ANYWHERE : q.provincia,
  frequency: q.frequenza,
});

const columns = (c: Ctx): Column<SubscriberListRow>[] => {
  const { t, lp, locale } = c.var;
  const h = (k: string) => t(`alerts_admin.subscribers.col.${k}`);
  return [
    // The export leads with the address, the page with the name that links to the subscriber.
    { header: h('email'), value: (r) => r.email, width: 32, only: 'export' },
    { header: h('name'), rowHeader: true, value: (r) => r.name, cell: (r) => <a href={lp(`/admin/iscritti/${encodeURIComponent(r.id)}`)}>{r.name}</a>, width: 28 },
    { header: h('email'), value: (r) => r.email, only: 'page' },
    { header: h('profession'), value: (r) => profName(c, r), width: 28 },
    { header: h('specialisations'), value: (r) => specsText(c, r.specialisations), cell: (r) => specsText(c, r.specialisations) || t('alerts_admin.not_set'), width: 40 },
    { header: h('areas'), value: (r) => areasText(c, r.areas), width: 30 },
    { header: h('call_types'), value: (r) => callTypesText(c, r.callTypes), width: 30, only: 'export' },
    { header: h('frequency'), value: (r) => t(`alerts_admin.frequencies.${r.frequency}`) },
    { header: h('locale'), value: (r) => localeText(c, r.locale), only: 'export' },
    { header: h('status'), value: (r) => t(`alerts_admin.statuses.${r.status}`), cell: (r) => <StatusText c={c} status={r.status} /> },
    { header: h('consent_at'), value: (r) => r.consentAt, kind: 'datetime', width: 18, only: 'export' },
    { header: h('consent_expires'), value: (r) => r.consentExpiresAt, kind: 'date', width: 18, only: 'export' },
    { header: h('confirmed'), cell: (r) => <Time at={r.confirmedAt} locale={locale} format="dateShort" />, only: 'page' },
  ];
};

/** A breakdown whose rows link to the active subscribers with that value. */
function CountTable({ c, caption, head, rows, param, extra }: { c: Ctx; caption: string; head: string; rows: (CountRow & { label?: string })[]; param: string; extra?: { label: string; count: number; value: string } }) {
  const { t, lp, locale } = c.var;
  const href = (v: string) => `${lp('/admin/iscritti')}?stato=active&${param}=${encodeURIComponent(v)}`;
  const items = rows.map((r) => ({ label: <a href={href(r.code)}>{r.label ?? ((locale === 'en' && r.nameEn) || r.name)}</a>, count: r.count }));
  if (extra && extra.count) items.push({ label: <a href={href(extra.value)}>{extra.label}</a>, count: extra.count });
  return <CountsTable c={c} caption={caption} head={head} countHead={t('alerts_admin.subscribers.count')} rows={items} />;
}

export const subscriberList = defineList({
  path: '/admin/iscritti',
  title: 'alerts_admin.subscribers.title',
  intro: 'alerts_admin.subscribers.intro',
  query,
  async load(c, q) {
    const { deps, actor } = c.var;
    const [data, opts, byProfession, bySpecialisation, byProvince] = await Promise.all([
      listSubscribers(deps, actor, { ...filtersOf(q), page: q.page }),
      subscriberFilterOptions(deps, actor),
      countsByProfession(deps, actor),
      countsBySpecialisation(deps, actor),
      countsByProvince(deps, actor),
    ]);
    if (!data.ok) return data;
    if (!opts.ok) return opts;
    if (!byProfession.ok) return byProfession;
    if (!bySpecialisation.ok) return bySpecialisation;
    if (!byProvince.ok) return byProvince;
    return ok({ ...data.value, opts: opts.value, byProfession: byProfession.value, bySpecialisation: bySpecialisation.value, byProvince: byProvince.value });
  },
  filterLabel: 'alerts_admin.subscribers.title',
  submit: 'alerts_admin.subscribers.apply',
  submitCol: 'col-12',
  reset: 'alerts_admin.subscribers.reset',
  filters: (c, q, d) => {
    const { t, locale } = c.var;
    const col = 'col-12 col-md-6 col-xl-4';
    const l = (k: string) => t(`alerts_admin.subscribers.${k}`);
    const selects: { id: Exclude<keyof Query, 'q'>; label: string; all: string; options: Option[] }[] = [
      { id: 'stato', label: l('status'), all: l('all_statuses'), options: SUBSCRIBER_STATUSES.map((s) => ({ value: s, label: t(`alerts_admin.statuses.${s}`) })) },
      { id: 'frequenza', label: l('frequency'), all: l('all_frequencies'), options: FREQUENCIES.map((s) => ({ value: s, label: t(`alerts_admin.frequencies.${s}`) })) },
      { id: 'professione', label: l('profession'), all: l('all_professions'), options: d.opts.professions.map((p) => ({ value: p.code, label: (locale === 'en' && p.nameEn) || p.name })) },
      { id: 'specializzazione', label: l('specialisation'), all: l('all_specialisations'), options: d.opts.specialisations.map((s) => ({ value: s.code, label: s.name })) },
      { id: 'provincia', label: l('province'), all: l('all_provinces'), options: [{ value: ANYWHERE_PARAM, label: l('anywhere_option') }, ...d.opts.provinces.map((p) => ({ value: p.code, label: `${p.name} (${p.abbreviation})` }))] },
    ];
    return (
      <>
        <FilterSearch label={l('search')} value={q.q} hint={l('search_hint')} col={col} />
        {selects.map((x) => (
          <FilterSelect {...x} value={q[x.id]} col={col} />
        ))}
      </>
    );
  },
  columns,
  caption: 'alerts_admin.subscribers.caption',
  empty: 'alerts_admin.subscribers.empty',
  aside: (c, d) => {
    const { t } = c.var;
    const l = (k: string) => t(`alerts_admin.subscribers.${k}`);
    return (
      <>
        <h2 class="h4 mt-5">{l('counts')}</h2>
        <p class="small">{l('counts_hint')}</p>
        {d.byProfession.length ? (
          <div class="row">
            <div class="col-12 col-xl-4">
              <CountTable c={c} caption={l('by_profession')} head={l('profession')} rows={d.byProfession} param="professione" />
            </div>
            <div class="col-12 col-xl-4">
              <CountTable c={c} caption={l('by_specialisation')} head={l('specialisation')} rows={d.bySpecialisation} param="specializzazione" />
            </div>
            <div class="col-12 col-xl-4">
              <CountTable
                c={c}
                caption={l('by_province')}
                head={l('province')}
                rows={d.byProvince.rows.map((r) => ({ ...r, label: r.abbreviation ? `${r.name} (${r.abbreviation})` : r.name }))}
                param="provincia"
                extra={{ label: l('anywhere_row'), count: d.byProvince.anywhere, value: ANYWHERE_PARAM }}
              />
            </div>
          </div>
        ) : (
          <p>{l('no_counts')}</p>
        )}
      </>
    );
  },
  export: {
    name: (c) => c.var.t('alerts_admin.subscribers.file_name'),
    rule: alertRules.exportSubscribers,
    rows: (c, q, format) => exportSubscribers(c.var.deps, c.var.actor, filtersOf(q), format),
    labels: { csv: 'alerts_admin.subscribers.export_csv', xlsx: 'alerts_admin.subscribers.export_xlsx' },
    hint: 'alerts_admin.subscribers.export_hint',
  },
});
