// A back-office list as a definition: the query parameters it understands, the domain query, the
// status tabs, the filter controls, the columns (which also make the CSV/XLSX export) and the pager.
// `mountList` adds its page (GET /) and export (GET /esporta.csv|xlsx) to a section.
import type { Child } from 'hono/jsx';
import type { Hono } from 'hono';
import type { AppEnv, Ctx } from '../context.ts';
import { AdminLayout, type AdminLayoutProps } from '../layouts/AdminLayout.tsx';
import { EXPORT_FORMATS, type ExportFormat } from '../../platform/export/index.ts';
import type { Rule } from '../../platform/authz/index.ts';
import type { Paged } from '../../platform/query.ts';
import type { Result } from '../../platform/result.ts';
import { sendExport } from './export.ts';
import { errorResponse, flash, requireRule } from './guard.tsx';
import { FilterForm, pageCaption, StatusTabs } from './list-page.tsx';
import { listHref, readQuery, type ParamReader } from './list-query.ts';
import { pageParam } from './pager.tsx';
import { DataTable, exportColumns, type Column } from './table.tsx';

type QueryOf<S extends Record<string, ParamReader>> = { [K in keyof S]: ReturnType<S[K]> };

export interface ListDefinition<S extends Record<string, ParamReader>, R, D extends Paged<R>> {
  /** The list's path, e.g. `/admin/contatti`. */
  path: string;
  /** Translation keys of the heading (also the page title) and of the paragraph under it. */
  title: string;
  intro?: string | ((c: Ctx) => string);
  /** A link above the heading to the page this list belongs to: its path and the key of its text. */
  back?: { href: string; label: string };
  /** The query parameters, each read through its reader (unknown values mean no filter). */
  query: S;
  /** The domain query for one page (with the actor: the domain scopes the rows to them). */
  load: (c: Ctx, q: QueryOf<S> & { page: number }) => Promise<Result<D, { code: string }>>;
  /** Tabs over one parameter: all, then each value, with counts from the loaded data. */
  tabs?: { param: keyof S & string; values: readonly string[]; label: (c: Ctx, value: string | undefined) => string; count?: (data: D, value: string | undefined) => number | undefined; name: string };
  /** The filter controls (inside a GET form, so a filtered list is a link). */
  filters?: (c: Ctx, q: QueryOf<S>, data: D) => Child;
  filterLabel?: string;
  submit?: string;
  /** Grid classes of the column holding the button, when the filters fill whole rows (`col-12 …`). */
  submitCol?: string;
  /** Translation key of a link beside the button that clears every filter. */
  reset?: string;
  columns: (c: Ctx) => Column<R>[];
  /** Translation key of the table caption ("{count} results, page {page} of {pages}"). */
  caption: string;
  empty: string;
  /** Buttons or links beside the heading (new, import…), which may say what the loaded page counts. */
  actions?: (c: Ctx, data: D) => Child;
  /** Beside or below the table (breakdowns). */
  aside?: (c: Ctx, data: D, q: QueryOf<S>) => Child;
  /** Flash messages the list shows after a redirect (`?esito=`): the prefix and the known keys. */
  flash?: { prefix: string; known: readonly string[] };
  /** The export of the filtered list, under its own rule, with every row (not one page). */
  export?: {
    /** The file's name before the date (or a function of the request, for a translated one). */
    name: string | ((c: Ctx) => string);
    rule?: Rule;
    rows: (c: Ctx, q: QueryOf<S>, format: ExportFormat) => Promise<Result<R[], { code: string }>>;
    /** Translation keys of the two links (`common.export.csv|xlsx` by default) and of a sentence under them. */
    labels?: Record<ExportFormat, string>;
    hint?: string;
  };
  /** The area's shell: the back office's by default, PartnerLayout in the partner portal. */
  layout?: (props: AdminLayoutProps) => unknown;
}

/** The list's path; in the partner portal it is relative to the organisation (`/partner/<slug>`). */
const listPath = (c: Ctx, path: string) => (c.var.scope ? `/partner/${c.var.scope.slug}${path}` : path);

export const defineList = <S extends Record<string, ParamReader>, R, D extends Paged<R>>(def: ListDefinition<S, R, D>) => def;

function ListPage<S extends Record<string, ParamReader>, R, D extends Paged<R>>({ c, def, q, data }: { c: Ctx; def: ListDefinition<S, R, D>; q: QueryOf<S>; data: D }) {
  const { t } = c.var;
  const params = q as Record<string, string | undefined>;
  const tabs = def.tabs;
  const Shell = (def.layout ?? AdminLayout) as typeof AdminLayout;
  return (
    <Shell c={c} title={t(def.title)} flash={def.flash ? flash(c, def.flash.prefix, def.flash.known) : null}>
      {def.back ? (
        <p>
          <a href={listHref(c, listPath(c, def.back.href), {})}>{t(def.back.label)}</a>
        </p>
      ) : null}
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <h1>{t(def.title)}</h1>
        {def.actions?.(c, data)}
      </div>
      {def.intro ? <p>{t(typeof def.intro === 'function' ? def.intro(c) : def.intro)}</p> : null}
      {tabs ? (
        <StatusTabs
          c={c}
          label={t(tabs.name)}
          tabs={[undefined, ...tabs.values].map((v) => ({
            label: tabs.label(c, v),
            count: tabs.count?.(data, v),
            href: listHref(c, listPath(c, def.path), { ...params, [tabs.param]: v }),
            current: params[tabs.param] === v,
          }))}
        />
      ) : null}
      {def.filters ? (
        <FilterForm c={c} action={listPath(c, def.path)} label={def.filterLabel ? t(def.filterLabel) : undefined} hidden={tabs ? { [tabs.param]: params[tabs.param] } : {}} submit={t(def.submit ?? 'common.filter')} submitCol={def.submitCol} after={def.reset ? <a class="ms-3" href={listHref(c, listPath(c, def.path), {})}>{t(def.reset)}</a> : undefined}>
          {def.filters(c, q, data)}
        </FilterForm>
      ) : null}
      {def.export ? (
        <p>
          {EXPORT_FORMATS.map((f, i) => (
            <>
              {i ? ' · ' : null}
              <a href={listHref(c, `${listPath(c, def.path)}/esporta.${f}`, params)}>{t(def.export!.labels?.[f] ?? `common.export.${f}`)}</a>
            </>
          ))}
        </p>
      ) : null}
      {def.export?.hint ? <p class="small">{t(def.export.hint)}</p> : null}
      <DataTable c={c} caption={pageCaption(c, def.caption, data)} columns={def.columns(c)} rows={data.items} empty={t(def.empty)} paging={{ page: data.page, pages: data.pages, params }} />
      {def.aside?.(c, data, q)}
    </Shell>
  );
}

/** Adds the list's page (GET /) and, when it has one, its export (GET /esporta.csv and .xlsx). */
export function mountList<S extends Record<string, ParamReader>, R, D extends Paged<R>>(app: Hono<AppEnv>, def: ListDefinition<S, R, D>): void {
  app.get('/', async (c) => {
    const q = readQuery(c, def.query);
    const r = await def.load(c, { ...q, page: pageParam(c) });
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ListPage c={c} def={def} q={q} data={r.value} />);
  });
  const exp = def.export;
  if (!exp) return;
  for (const format of EXPORT_FORMATS) {
    app.get(`/esporta.${format}`, exp.rule ? requireRule(exp.rule) : (_c, next) => next(), async (c) => {
      const q = readQuery(c, def.query);
      const r = await exp.rows(c, q, format);
      if (!r.ok) return errorResponse(c, r.error);
      return sendExport(c, typeof exp.name === 'function' ? exp.name(c) : exp.name, format, exportColumns(def.columns(c)), r.value);
    });
  }
}

/** A short list the domain gives whole (API tokens, staff users) as the one page `mountList` renders. */
export const onePage = <R,>(items: R[]): Paged<R> => ({ items, total: items.length, page: 1, pages: 1 });
