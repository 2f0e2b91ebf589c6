// The parts every back-office list page is made of: tabs with counts, the GET filter form and its
// controls, and the result table with its caption, empty message and pager.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../context.ts';
import { fmt } from '../../platform/i18n/format.ts';
import { Pager } from './pager.tsx';

export interface Tab {
  label: string;
  href: string;
  current: boolean;
  /** Shown after the label, in brackets, formatted for the visitor's language. */
  count?: number;
}

/** Tabs that are links (each keeps the other filters); the current one says so to screen readers. `label` names the nav. Example: src/web/kit/catalogue.tsx (`status-tabs`). */
export function StatusTabs({ c, label, tabs }: { c: Ctx; label: string; tabs: Tab[] }) {
  const f = fmt(c.var.locale);
  return (
    <nav aria-label={label}>
      <ul class="nav nav-tabs mb-4">
        {tabs.map((tab) => (
          <li class="nav-item">
            <a class={tab.current ? 'nav-link active' : 'nav-link'} href={tab.href} aria-current={tab.current ? 'page' : undefined}>
              {tab.count === undefined ? tab.label : `${tab.label} (${f.number.format(tab.count)})`}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

interface FilterFormProps {
  c: Ctx;
  /** The list's path (made local to the visitor's language here). */
  action: string;
  /** The search landmark's name. */
  label?: string;
  /** Filters set elsewhere on the page (the current tab) that the form keeps. */
  hidden?: Record<string, string | undefined>;
  submit: string;
  /** Grid classes of the column holding the button. */
  submitCol?: string;
  /** Shown after the button (a reset link). */
  after?: Child;
  children?: Child;
}

/** A GET form: filtering is a link anyone can bookmark or share. */
export function FilterForm({ c, action, label, hidden = {}, submit, submitCol = 'col-md-2', after, children }: FilterFormProps) {
  return (
    <form method="get" action={c.var.lp(action)} role="search" aria-label={label} class="row g-3 align-items-end mb-4">
      {Object.entries(hidden).map(([name, value]) => (value ? <input type="hidden" name={name} value={value} /> : null))}
      {children}
      <div class={submitCol}>
        <button type="submit" class="btn btn-primary">
          {submit}
        </button>
        {after}
      </div>
    </form>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface FilterSelectProps {
  /** The control's id and query parameter. */
  id: string;
  label: string;
  value?: string;
  /** The first choice, meaning no filter. */
  all: string;
  options: Option[];
  col: string;
}

export function FilterSelect({ id, label, value, all, options, col }: FilterSelectProps) {
  return (
    <div class={col}>
      <div class="select-wrapper">
        <label for={id}>{label}</label>
        <select id={id} name={id}>
          <option value="">{all}</option>
          {options.map((o) => (
            <option value={o.value} selected={value === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function FilterSearch({ id = 'q', label, value, hint, col }: { id?: string; label: string; value?: string; hint?: string; col: string }) {
  return (
    <div class={col}>
      <div class="form-group mb-0">
        <label for={id} class="active">
          {label}
        </label>
        <input type="search" id={id} name={id} class="form-control" value={value ?? ''} maxlength={200} aria-describedby={hint ? `${id}-hint` : undefined} />
        {hint ? (
          <small id={`${id}-hint`} class="form-text">
            {hint}
          </small>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Who a record is assigned to (`assegnatario`): anyone, me, nobody, or one of the staff. The
 * labels are `<ns>.assignee_filter`, `_any`, `_mine` and `_unassigned`.
 */
export function AssigneeFilter({ c, ns, value, staff, col }: { c: Ctx; ns: string; value?: string; staff: { id: string; name: string }[]; col: string }) {
  const t = c.var.t;
  return (
    <FilterSelect
      id="assegnatario"
      label={t(`${ns}.assignee_filter`)}
      value={value}
      all={t(`${ns}.assignee_any`)}
      options={[{ value: 'mine', label: t(`${ns}.assignee_mine`) }, { value: 'unassigned', label: t(`${ns}.assignee_unassigned`) }, ...staff.map((u) => ({ value: u.id, label: u.name }))]}
      col={col}
    />
  );
}

/** "N results, page x of y" from the translation `key`, the count formatted for the visitor. */
export function pageCaption(c: Ctx, key: string, data: { total: number; page: number; pages: number }): string {
  return c.var.t(key, { count: fmt(c.var.locale).number.format(data.total), page: data.page, pages: data.pages });
}

interface ResultTableProps {
  c: Ctx;
  caption: string;
  columns: string[];
  /** Rows on this page; with none, `empty` is said instead of (or, with `keepTable`, after) the table. */
  count: number;
  empty: string;
  keepTable?: boolean;
  small?: boolean;
  /** The pager below the table, keeping the filters in `params`. */
  paging?: { page: number; pages: number; params?: Record<string, string | undefined> };
  /** The rows (`<tr>`s). */
  children?: Child;
}

export function ResultTable({ c, caption, columns, count, empty, keepTable, small, paging, children }: ResultTableProps) {
  const table = (
    <div class="table-responsive">
      <table class={small ? 'table table-sm' : 'table'}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((col) => (
              <th scope="col">{col}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
  return (
    <>
      {count || keepTable ? table : null}
      {count ? null : <p>{empty}</p>}
      {paging ? <Pager c={c} page={paging.page} pages={paging.pages} params={paging.params} /> : null}
    </>
  );
}

/**
 * A small two-column table (label → value, right-aligned), as the breakdowns beside a list or the data
 * beside a chart; numbers are formatted for the locale, text (an already formatted value) is shown as is.
 */
export function CountsTable({ c, caption, head, countHead, rows, id, class: cls = 'table-responsive' }: { c: Ctx; caption: string; head: string; countHead: string; rows: { label: Child; count: number | string }[]; id?: string; class?: string }) {
  const f = fmt(c.var.locale);
  return (
    <div class={cls}>
      <table class="table table-sm" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" class="text-end">
              {countHead}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row" class="fw-normal">
                {r.label}
              </th>
              <td class="text-end">{typeof r.count === 'number' ? f.number.format(r.count) : r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
