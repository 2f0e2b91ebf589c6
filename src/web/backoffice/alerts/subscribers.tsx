// Alert subscribers (/admin/iscritti): search and filters, counts by profession, specialisation
// and province, CSV/XLSX export of the filtered list, and a read-only page per subscriber.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { sendExport } from '../../kit/export.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import type { ExportColumn, ExportFormat } from '../../../platform/export/index.ts';
import { errorResponse, requireRule } from '../../kit/guard.tsx';
import { CsrfField } from '../../kit/form.tsx';
import { caseRules } from '../../../domains/cases/index.ts';
import { pageParam } from '../../kit/pager.tsx';
import { CountsTable, FilterForm, FilterSearch, FilterSelect, pageCaption, ResultTable, type Option } from '../../kit/list-page.tsx';
import { queryString } from '../../kit/list-query.ts';
import { alertRules, openCaseForSubscriber, FREQUENCIES, SUBSCRIBER_STATUSES, ANYWHERE, countsByProfession, countsByProvince, countsBySpecialisation, exportSubscribers, getSubscriber, listSubscribers, subscriberFilterOptions, type AreaLabel, type CountRow, type ProvinceCounts, type SpecialisationHeld, type SubscriberDetail, type SubscriberExportRow, type SubscriberFilters, type SubscriberListRow } from '../../../domains/alerts/index.ts';

/** The province filter's value in URLs for "no area chosen". */
const ANYWHERE_PARAM = 'ovunque';
const CODE = /^[a-z0-9_-]{1,100}$/;

// Unknown or malformed values are ignored (the list shows everything), never an error page.
const filterQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  stato: z.enum(SUBSCRIBER_STATUSES).optional().catch(undefined),
  professione: z.string().regex(CODE).optional().catch(undefined),
  specializzazione: z.string().regex(CODE).optional().catch(undefined),
  provincia: z.union([z.string().regex(/^\d{3}$/), z.literal(ANYWHERE_PARAM)]).optional().catch(undefined),
  frequenza: z.enum(FREQUENCIES).optional().catch(undefined),
});
type FilterQuery = z.output<typeof filterQuery>;

function readFilters(c: Ctx): { query: FilterQuery; filters: SubscriberFilters } {
  const query = filterQuery.parse(c.req.query());
  if (!query.q) delete query.q;
  return {
    query,
    filters: {
      q: query.q,
      status: query.stato,
      profession: query.professione,
      specialisation: query.specializzazione,
      province: query.provincia === ANYWHERE_PARAM ? ANYWHERE : query.provincia,
      frequency: query.frequenza,
      page: pageParam(c),
    },
  };
}

const profName = (c: Ctx, r: { professionName: string | null; professionNameEn: string | null; professionCode: string }) =>
  (c.var.locale === 'en' && r.professionNameEn) || r.professionName || r.professionCode;

const specText = (c: Ctx, s: SpecialisationHeld) =>
  s.inTraining
    ? `${s.name} (${s.trainingYear ? c.var.t('alerts_admin.in_training_year', { year: s.trainingYear }) : c.var.t('alerts_admin.in_training')})`
    : s.name;

const areasText = (c: Ctx, areas: AreaLabel[]) => (areas.length ? areas.map((a) => a.label).join('; ') : c.var.t('alerts_admin.anywhere'));

const callTypesText = (c: Ctx, types: string[]) => (types.length ? types.map((x) => c.var.t(`calls.types.${x}`)).join('; ') : c.var.t('alerts_admin.all_call_types'));

function StatusText({ c, status }: { c: Ctx; status: SubscriberListRow['status'] }) {
  const cls = status === 'active' ? 'bg-success' : status === 'paused' ? 'bg-warning text-dark' : 'bg-secondary';
  return <span class={`badge ${cls}`}>{c.var.t(`alerts_admin.statuses.${status}`)}</span>;
}

interface FilterOptions {
  professions: { code: string; name: string; nameEn: string | null }[];
  specialisations: { code: string; name: string }[];
  provinces: { code: string; name: string; abbreviation: string }[];
}

function Filters({ c, q, opts }: { c: Ctx; q: FilterQuery; opts: FilterOptions }) {
  const { t, lp, locale } = c.var;
  const col = 'col-12 col-md-6 col-xl-4';
  const l = (k: string) => t(`alerts_admin.subscribers.${k}`);
  const selects: { id: Exclude<keyof FilterQuery, 'q'>; label: string; all: string; options: Option[] }[] = [
    { id: 'stato', label: l('status'), all: l('all_statuses'), options: SUBSCRIBER_STATUSES.map((s) => ({ value: s, label: t(`alerts_admin.statuses.${s}`) })) },
    { id: 'frequenza', label: l('frequency'), all: l('all_frequencies'), options: FREQUENCIES.map((s) => ({ value: s, label: t(`alerts_admin.frequencies.${s}`) })) },
    { id: 'professione', label: l('profession'), all: l('all_professions'), options: opts.professions.map((p) => ({ value: p.code, label: (locale === 'en' && p.nameEn) || p.name })) },
    { id: 'specializzazione', label: l('specialisation'), all: l('all_specialisations'), options: opts.specialisations.map((s) => ({ value: s.code, label: s.name })) },
    {
      id: 'provincia',
      label: l('province'),
      all: l('all_provinces'),
      options: [{ value: ANYWHERE_PARAM, label: l('anywhere_option') }, ...opts.provinces.map((p) => ({ value: p.code, label: `${p.name} (${p.abbreviation})` }))],
    },
  ];
  return (
    <FilterForm
      c={c}
      action="/admin/iscritti"
      label={t('alerts_admin.subscribers.title')}
      submit={t('alerts_admin.subscribers.apply')}
      submitCol="col-12 d-flex flex-wrap gap-3 align-items-center"
      after={<a href={lp('/admin/iscritti')}>{t('alerts_admin.subscribers.reset')}</a>}
    >
      <FilterSearch label={t('alerts_admin.subscribers.search')} value={q.q} hint={t('alerts_admin.subscribers.search_hint')} col={col} />
      {selects.map((x) => (
        <FilterSelect {...x} value={q[x.id]} col={col} />
      ))}
    </FilterForm>
  );
}

function CountTable({ c, caption, head, rows, param, extra }: { c: Ctx; caption: string; head: string; rows: (CountRow & { label?: string })[]; param: string; extra?: { label: string; count: number; value: string } }) {
  const { t, lp, locale } = c.var;
  const href = (v: string) => `${lp('/admin/iscritti')}?stato=active&${param}=${encodeURIComponent(v)}`;
  const items = rows.map((r) => ({ label: <a href={href(r.code)}>{r.label ?? ((locale === 'en' && r.nameEn) || r.name)}</a>, count: r.count }));
  if (extra && extra.count) items.push({ label: <a href={href(extra.value)}>{extra.label}</a>, count: extra.count });
  return <CountsTable c={c} caption={caption} head={head} countHead={t('alerts_admin.subscribers.count')} rows={items} />;
}

interface ListPageProps {
  c: Ctx;
  q: FilterQuery;
  opts: FilterOptions;
  data: { items: SubscriberListRow[]; total: number; page: number; pages: number };
  byProfession: CountRow[];
  bySpecialisation: CountRow[];
  byProvince: ProvinceCounts;
}

function ListPage({ c, q, opts, data, byProfession, bySpecialisation, byProvince }: ListPageProps) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const qs = queryString(q);
  const noCounts = !byProfession.length;
  return (
    <AdminLayout c={c} title={t('alerts_admin.subscribers.title')}>
      <h1>{t('alerts_admin.subscribers.title')}</h1>
      <p>{t('alerts_admin.subscribers.intro')}</p>
      <Filters c={c} q={q} opts={opts} />

      <h2 class="h4 mt-4">{t('alerts_admin.subscribers.results')}</h2>
      <p class="d-flex flex-wrap gap-2 mb-1">
        <a class="btn btn-outline-primary btn-sm" href={`${lp('/admin/iscritti/esporta.csv')}${qs}`} download>
          {t('alerts_admin.subscribers.export_csv')}
        </a>
        <a class="btn btn-outline-primary btn-sm" href={`${lp('/admin/iscritti/esporta.xlsx')}${qs}`} download>
          {t('alerts_admin.subscribers.export_xlsx')}
        </a>
      </p>
      <p class="small">{t('alerts_admin.subscribers.export_hint')}</p>
      <ResultTable
        c={c}
        caption={pageCaption(c, 'alerts_admin.subscribers.caption', data)}
        columns={['name', 'email', 'profession', 'specialisations', 'areas', 'frequency', 'status', 'confirmed'].map((k) => t(`alerts_admin.subscribers.col.${k}`))}
        count={data.items.length}
        empty={t('alerts_admin.subscribers.empty')}
        keepTable
        paging={{ page: data.page, pages: data.pages, params: q }}
      >
        {data.items.map((r) => (
          <tr>
            <th scope="row">
              <a href={lp(`/admin/iscritti/${encodeURIComponent(r.id)}`)}>{r.name}</a>
            </th>
            <td class="text-break">{r.email}</td>
            <td>{profName(c, r)}</td>
            <td>{r.specialisations.length ? r.specialisations.map((s) => specText(c, s)).join('; ') : t('alerts_admin.not_set')}</td>
            <td>{areasText(c, r.areas)}</td>
            <td>{t(`alerts_admin.frequencies.${r.frequency}`)}</td>
            <td>
              <StatusText c={c} status={r.status} />
            </td>
            <td>
              <time datetime={r.confirmedAt.toISOString()}>{f.dateShort.format(r.confirmedAt)}</time>
            </td>
          </tr>
        ))}
      </ResultTable>

      <h2 class="h4 mt-5">{t('alerts_admin.subscribers.counts')}</h2>
      <p class="small">{t('alerts_admin.subscribers.counts_hint')}</p>
      {noCounts ? (
        <p>{t('alerts_admin.subscribers.no_counts')}</p>
      ) : (
        <div class="row">
          <div class="col-12 col-xl-4">
            <CountTable c={c} caption={t('alerts_admin.subscribers.by_profession')} head={t('alerts_admin.subscribers.profession')} rows={byProfession} param="professione" />
          </div>
          <div class="col-12 col-xl-4">
            <CountTable c={c} caption={t('alerts_admin.subscribers.by_specialisation')} head={t('alerts_admin.subscribers.specialisation')} rows={bySpecialisation} param="specializzazione" />
          </div>
          <div class="col-12 col-xl-4">
            <CountTable
              c={c}
              caption={t('alerts_admin.subscribers.by_province')}
              head={t('alerts_admin.subscribers.province')}
              rows={byProvince.rows.map((r) => ({ ...r, label: r.abbreviation ? `${r.name} (${r.abbreviation})` : r.name }))}
              param="provincia"
              extra={{ label: t('alerts_admin.subscribers.anywhere_row'), count: byProvince.anywhere, value: ANYWHERE_PARAM }}
            />
          </div>
        </div>
      )}
    </AdminLayout>
  );
}

function DetailPage({ c, s }: { c: Ctx; s: SubscriberDetail }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const when = (d: Date | null, long = true) =>
    d ? <time datetime={d.toISOString()}>{long ? f.dateTime.format(d) : f.date.format(d)}</time> : t('alerts_admin.not_set');
  const shown = s.deliveries.length;
  return (
    <AdminLayout c={c} title={s.name}>
      <p class="mb-1">
        <a href={lp('/admin/iscritti')}>{t('alerts_admin.subscriber.back')}</a>
      </p>
      <h1>{s.name}</h1>
      <p>
        {t('alerts_admin.subscribers.col.status')}: <StatusText c={c} status={s.status} />
      </p>
      {/* The welcome team follows a subscriber as a case (found by email, created if new). */}
      <form method="post" action={lp(`/admin/iscritti/${s.id}/caso`)} class="mb-4">
        <CsrfField token={c.var.csrfToken} />
        <button type="submit" class="btn btn-outline-primary">
          {t('cases_admin.open_case')}
        </button>
      </form>

      <h2 class="h4 mt-4">{t('alerts_admin.subscriber.prefs')}</h2>
      <dl class="row">
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.email')}</dt>
        <dd class="col-sm-8 text-break">{s.email}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.profession')}</dt>
        <dd class="col-sm-8">{profName(c, s)}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.specialisations')}</dt>
        <dd class="col-sm-8">
          {s.specialisations.length ? (
            <ul class="mb-0 ps-3">
              {s.specialisations.map((x) => (
                <li>{specText(c, x)}</li>
              ))}
            </ul>
          ) : (
            t('alerts_admin.not_set')
          )}
        </dd>
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.also_related')}</dt>
        <dd class="col-sm-8">{s.alsoRelated ? t('alerts_admin.yes') : t('alerts_admin.no')}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.areas')}</dt>
        <dd class="col-sm-8">{areasText(c, s.areas)}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.call_types')}</dt>
        <dd class="col-sm-8">{callTypesText(c, s.callTypes)}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.frequency')}</dt>
        <dd class="col-sm-8">{t(`alerts_admin.frequencies.${s.frequency}`)}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.locale')}</dt>
        <dd class="col-sm-8">{t(`alerts_admin.locales.${s.locale === 'en' ? 'en' : 'it'}`)}</dd>
      </dl>

      <h2 class="h4 mt-4">{t('alerts_admin.subscriber.consent')}</h2>
      <dl class="row">
        <dt class="col-sm-4">{t('alerts_admin.subscriber.created_at')}</dt>
        <dd class="col-sm-8">{when(s.createdAt)}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscriber.confirmed_at')}</dt>
        <dd class="col-sm-8">{when(s.confirmedAt)}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.consent_at')}</dt>
        <dd class="col-sm-8">{when(s.consentAt)}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscribers.col.consent_expires')}</dt>
        <dd class="col-sm-8">{when(s.consentExpiresAt, false)}</dd>
        <dt class="col-sm-4">{t('alerts_admin.subscriber.renewal_sent_at')}</dt>
        <dd class="col-sm-8">{when(s.renewalSentAt)}</dd>
        {s.pausedAt ? (
          <>
            <dt class="col-sm-4">{t('alerts_admin.subscriber.paused_at')}</dt>
            <dd class="col-sm-8">{when(s.pausedAt)}</dd>
          </>
        ) : null}
        {s.unsubscribedAt ? (
          <>
            <dt class="col-sm-4">{t('alerts_admin.subscriber.unsubscribed_at')}</dt>
            <dd class="col-sm-8">{when(s.unsubscribedAt)}</dd>
          </>
        ) : null}
      </dl>

      <h2 class="h4 mt-4">{t('alerts_admin.subscriber.deliveries')}</h2>
      {shown ? (
        <div class="table-responsive">
          <table class="table">
            <caption>
              {shown < s.deliveriesTotal
                ? t('alerts_admin.subscriber.deliveries_caption_some', { shown, count: s.deliveriesTotal })
                : t('alerts_admin.subscriber.deliveries_caption', { count: s.deliveriesTotal })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('alerts_admin.subscriber.col_call')}</th>
                <th scope="col">{t('alerts_admin.subscriber.col_mode')}</th>
                <th scope="col">{t('alerts_admin.subscriber.col_status')}</th>
                <th scope="col">{t('alerts_admin.subscriber.col_sent')}</th>
                <th scope="col" class="text-end">
                  {t('alerts_admin.subscriber.col_clicks')}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.deliveries.map((d) => (
                <tr>
                  <th scope="row">
                    <a href={lp(`/admin/avvisi/${encodeURIComponent(d.callId)}`)}>{d.callTitle}</a>
                  </th>
                  <td>{t(`alerts_admin.modes.${d.mode}`)}</td>
                  <td>{t(`alerts_admin.delivery_statuses.${d.status}`)}</td>
                  <td>{when(d.sentAt)}</td>
                  <td class="text-end">{f.number.format(d.clicks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('alerts_admin.subscriber.no_deliveries')}</p>
      )}
    </AdminLayout>
  );
}

function exportColumns(c: Ctx): ExportColumn<SubscriberExportRow>[] {
  const { t } = c.var;
  const h = (k: string) => t(`alerts_admin.subscribers.col.${k}`);
  return [
    { header: h('email'), value: (r) => r.email, width: 32 },
    { header: h('name'), value: (r) => r.name, width: 28 },
    { header: h('profession'), value: (r) => profName(c, r), width: 28 },
    { header: h('specialisations'), value: (r) => r.specialisations.map((s) => specText(c, s)).join('; '), width: 40 },
    { header: h('areas'), value: (r) => areasText(c, r.areas), width: 30 },
    { header: h('call_types'), value: (r) => callTypesText(c, r.callTypes), width: 30 },
    { header: h('frequency'), value: (r) => t(`alerts_admin.frequencies.${r.frequency}`) },
    { header: h('locale'), value: (r) => t(`alerts_admin.locales.${r.locale === 'en' ? 'en' : 'it'}`) },
    { header: h('status'), value: (r) => t(`alerts_admin.statuses.${r.status}`) },
    { header: h('consent_at'), value: (r) => r.consentAt, kind: 'datetime', width: 18 },
    { header: h('consent_expires'), value: (r) => r.consentExpiresAt, kind: 'date', width: 18 },
  ];
}

export function subscriberRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(alertRules.readSubscribers));

  app.get('/', async (c) => {
    const { deps, actor } = c.var;
    const { query, filters } = readFilters(c);
    const [data, opts, byProfession, bySpecialisation, byProvince] = await Promise.all([
      listSubscribers(deps, actor, filters),
      subscriberFilterOptions(deps, actor),
      countsByProfession(deps, actor),
      countsBySpecialisation(deps, actor),
      countsByProvince(deps, actor),
    ]);
    if (!data.ok) return errorResponse(c, data.error);
    if (!opts.ok) return errorResponse(c, opts.error);
    if (!byProfession.ok) return errorResponse(c, byProfession.error);
    if (!bySpecialisation.ok) return errorResponse(c, bySpecialisation.error);
    if (!byProvince.ok) return errorResponse(c, byProvince.error);
    return c.html(
      <ListPage c={c} q={query} opts={opts.value} data={data.value} byProfession={byProfession.value} bySpecialisation={bySpecialisation.value} byProvince={byProvince.value} />,
    );
  });

  const exportAs = (format: ExportFormat) =>
    app.get(`/esporta.${format}`, requireRule(alertRules.exportSubscribers), async (c) => {
      const { filters } = readFilters(c);
      const r = await exportSubscribers(c.var.deps, c.var.actor, { ...filters, page: undefined }, format);
      if (!r.ok) return errorResponse(c, r.error);
      return sendExport(c, c.var.t('alerts_admin.subscribers.file_name'), format, exportColumns(c), r.value);
    });
  exportAs('csv');
  exportAs('xlsx');

  app.get('/:id', async (c) => {
    const r = await getSubscriber(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<DetailPage c={c} s={r.value} />);
  });

  app.post('/:id/caso', requireRule(caseRules.update), async (c) => {
    const r = await openCaseForSubscriber(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.redirect(`${c.var.lp(`/admin/casi/${r.value.id}`)}?esito=opened`, 303);
  });

  return app;
}
