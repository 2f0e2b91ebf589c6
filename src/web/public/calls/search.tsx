// The public list of calls (/bandi): search words and filters in a GET form (a filtered list is a
// link), the results as cards with a pager, and what to try when nothing matches.
import type { Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CALL_TYPES, searchPublicCalls, type CallListItem } from '../../../domains/calls/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { FilterSearch, FilterSelect } from '../../kit/list-page.tsx';
import { filterOptions, professionLabel, type FilterOptions } from '../../kit/options.ts';
import { Pagination } from '../../kit/pager.tsx';
import { SeoHead, localePath } from '../../kit/SeoHead.tsx';
import { LeadBlock } from '../leads/block.tsx';
import { CallCard } from './CallCard.tsx';
import { SORTS, callQueryString, callsHref, defaultSort, parseCallQuery, type CallQuery } from './calls-query.ts';

/** Drops filter values that name nothing in the reference data. */
function knownOnly(s: CallQuery, o: FilterOptions): CallQuery {
  const out = { ...s };
  if (out.profession && !o.professionByCode.has(out.profession)) delete out.profession;
  if (out.discipline !== undefined && !o.disciplineByCode.has(out.discipline)) delete out.discipline;
  if (out.province && !o.provinceByAbbr.has(out.province)) delete out.province;
  return out;
}

interface ListData {
  s: CallQuery;
  options: FilterOptions;
  items: CallListItem[];
  total: number;
  page: number;
  pages: number;
  now: Date;
}

function Filters({ c, d }: { c: Ctx; d: ListData }) {
  const { t, lp, locale } = c.var;
  const { s, options } = d;
  const sort = s.sort ?? defaultSort(s);
  const state = s.state ?? 'open';
  return (
    <form action={lp('/bandi')} method="get" role="search" aria-label={t('public.search.label')} class="filters">
      <FilterSearch label={t('public.search.field')} value={s.q} hint={t('public.search.hint')} col="mt-5 mb-4" />
      <FilterSelect id="profession" label={t('public.filters.profession')} value={s.profession} all={t('public.filters.any_profession')} options={options.professions.map((p) => ({ value: p.code, label: professionLabel(p, locale) }))} col="mb-4" />
      <div class="select-wrapper mb-4">
        <label for="discipline">{t('public.filters.discipline')}</label>
        <select id="discipline" name="discipline">
          <option value="">{t('public.filters.any_discipline')}</option>
          {options.disciplineGroups.map((g) => {
            const p = options.professionByCode.get(g.professionCode);
            return (
              <optgroup label={p ? professionLabel(p, locale) : g.professionCode}>
                {g.disciplines.map((x) => (
                  <option value={String(x.code)} selected={s.discipline === x.code}>
                    {x.name}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </div>
      <FilterSelect id="province" label={t('public.filters.province')} value={s.province} all={t('public.filters.any_province')} options={options.provinces.map((p) => ({ value: p.abbreviation, label: `${p.name} (${p.abbreviation})` }))} col="mb-4" />
      <FilterSelect id="type" label={t('public.filters.type')} value={s.type} all={t('public.filters.any_type')} options={CALL_TYPES.map((ty) => ({ value: ty, label: t(`calls.types.${ty}`) }))} col="mb-4" />
      <fieldset class="mb-4">
        <legend class="h6">{t('public.filters.state')}</legend>
        {(['open', 'closed'] as const).map((v) => (
          <div class="form-check">
            <input type="radio" id={`state-${v}`} name="state" value={v} checked={state === v} />
            <label for={`state-${v}`}>{t(`public.filters.state_${v}`)}</label>
          </div>
        ))}
      </fieldset>
      <div class="select-wrapper mb-4">
        <label for="sort">{t('public.filters.sort')}</label>
        <select id="sort" name="sort" aria-describedby="sort-hint">
          {SORTS.map((v) => (
            <option value={v} selected={sort === v}>
              {t(`public.filters.sort_${v}`)}
            </option>
          ))}
        </select>
        <small id="sort-hint" class="form-text">
          {t('public.filters.sort_hint')}
        </small>
      </div>
      <div class="d-flex flex-wrap gap-2">
        <button type="submit" class="btn btn-primary">
          {t('public.filters.apply')}
        </button>
        <a class="btn btn-outline-primary" href={lp('/bandi')}>
          {t('public.filters.reset')}
        </a>
      </div>
    </form>
  );
}

/** Nothing matches: fewer filters, other words, the closed calls, all open ones, an alert. */
function NoResults({ c, s }: { c: Ctx; s: CallQuery }) {
  const { t, lp } = c.var;
  return (
    <div class="callout">
      <p>{t('public.list.empty_intro')}</p>
      <ul>
        <li>{t('public.list.empty_fewer_filters')}</li>
        <li>{t('public.list.empty_other_words')}</li>
        {s.state === 'closed' ? null : (
          <li>
            <a href={callsHref(lp, s, { state: 'closed', page: undefined })}>{t('public.list.empty_see_closed')}</a>
          </li>
        )}
      </ul>
      <p>
        <a href={lp('/bandi')}>{t('public.list.empty_all_open')}</a>
      </p>
      <p class="mb-0">
        <a href={lp('/avvisi?da=bandi-empty')}>{t('public.list.empty_alerts')}</a>
      </p>
    </div>
  );
}

function ListPage({ c, d }: { c: Ctx; d: ListData }) {
  const { t, lp, locale } = c.var;
  const n = fmt(locale).number;
  const qs = callQueryString(d.s);
  const title = t(d.s.state === 'closed' ? 'public.list.title_closed' : 'public.list.title');
  const pageTitle = d.page > 1 ? t('public.list.title_page', { title, page: d.page }) : title;
  const other = locale === 'it' ? 'en' : 'it';
  return (
    <Layout
      c={c}
      title={pageTitle}
      description={t('public.list.meta_description')}
      switchHref={localePath(other, '/bandi') + (qs ? `?${qs}` : '')}
      head={<SeoHead c={c} title={pageTitle} description={t('public.list.meta_description')} path="/bandi" query={qs} />}
    >
      <div class="container my-4">
        <h1>{title}</h1>
        <div class="row">
          <div class="col-lg-4 mb-4">
            <h2 class="h4">{t('public.filters.title')}</h2>
            <Filters c={c} d={d} />
          </div>
          <div class="col-lg-8">
            <h2 class="h4" id="results">
              {d.total === 0 ? t('public.list.found_none') : t(d.total === 1 ? 'public.list.found_one' : 'public.list.found_other', { n: n.format(d.total) })}
              {d.pages > 1 ? <span class="fw-normal">{` — ${t('public.list.page_of', { page: d.page, pages: d.pages })}`}</span> : null}
            </h2>
            {d.items.length ? (
              <ul class="list-unstyled" aria-labelledby="results">
                {d.items.map((call) => (
                  <li>
                    <CallCard t={t} lp={lp} locale={locale} call={call} now={d.now} />
                  </li>
                ))}
              </ul>
            ) : (
              <NoResults c={c} s={d.s} />
            )}
            {d.total === 0 ? <LeadBlock c={c} source="bandi-empty" headingLevel={3} /> : null}
            <Pagination t={t} page={d.page} pages={d.pages} href={(p) => callsHref(lp, d.s, { page: p })} />
          </div>
        </div>
      </div>
    </Layout>
  );
}

/** GET /bandi: the query read and checked against the reference data, one page of results. */
export async function searchPage(c: Ctx) {
  const { db, now: clock } = c.var.deps;
  const now = clock();
  const options = await filterOptions(db);
  const s = knownOnly(parseCallQuery(new URL(c.req.url).searchParams), options);
  const search = {
    q: s.q,
    profession: s.profession,
    discipline: s.discipline,
    province: s.province ? options.provinceByAbbr.get(s.province)?.code : undefined,
    type: s.type,
    state: s.state,
    sort: s.sort,
  };
  let r = await searchPublicCalls(db, { ...search, page: s.page }, now);
  // Past the last page (an old link): show the last page rather than an empty one.
  if (r.total > 0 && r.page > r.pages) r = await searchPublicCalls(db, { ...search, page: r.pages }, now);
  const shown = { ...s, page: r.page > 1 ? r.page : undefined };
  return c.html(<ListPage c={c} d={{ s: shown, options, items: r.items, total: r.total, page: r.page, pages: r.pages, now }} />);
}
