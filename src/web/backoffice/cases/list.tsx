// The lists of the cases section: the cases (/admin/casi) with stage tabs, assignee, source and text
// filters; my open tasks (/admin/casi/attivita); the likely duplicates with their merge button
// (/admin/casi/duplicati).
import type { Ctx } from '../../context.ts';
import { paged } from '../../../platform/query.ts';
import { ok } from '../../../platform/result.ts';
import { CASE_SOURCES, CASE_STAGES, findDuplicates, listCases, myTasks, type CaseListItem, type CaseStage, type DuplicatePair, type MyTask } from '../../../domains/cases/index.ts';
import { assignableStaff } from '../../../domains/leads/index.ts';
import { Time } from '../../kit/details.tsx';
import { CsrfField } from '../../kit/form.tsx';
import { defineList } from '../../kit/list.tsx';
import { AssigneeFilter, FilterSearch, FilterSelect } from '../../kit/list-page.tsx';
import { assigneeValue, oneOf, searchText } from '../../kit/list-query.ts';
import type { Column } from '../../kit/table.tsx';
import { assigneeName, CASE_FLASH, taskTitle } from './shared.ts';

const flash = { prefix: 'cases_admin.flash', known: CASE_FLASH };
const back = { href: '/admin/casi', label: 'cases_admin.back' };
/** A whole list as one page (these lists are short: a person's open tasks, the pairs to look at). */
const onePage = <T,>(items: T[]) => paged(items, items.length, 1, Math.max(1, items.length));

function SubNav({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <p class="d-flex flex-wrap gap-3">
      <a class="btn btn-primary" href={lp('/admin/casi/nuovo')}>
        {t('cases_admin.new_case')}
      </a>
      <a class="btn btn-outline-primary" href={lp('/admin/casi/attivita')}>
        {t('cases_admin.my_tasks')}
      </a>
      <a class="btn btn-outline-primary" href={lp('/admin/casi/duplicati')}>
        {t('cases_admin.duplicates')}
      </a>
    </p>
  );
}

const caseColumns = (c: Ctx): Column<CaseListItem>[] => {
  const { t, lp, locale } = c.var;
  return [
    { header: t('cases_admin.name'), rowHeader: true, value: (x) => x.name, cell: (x) => <a href={lp(`/admin/casi/${x.id}`)}>{x.name}</a> },
    { header: t('cases_admin.email'), value: (x) => x.email },
    { header: t('cases_admin.phone'), value: (x) => x.phone },
    { header: t('cases_admin.profession'), value: (x) => x.professionName },
    { header: t('cases_admin.stage'), value: (x) => t(`cases.stages.${x.stage}`) },
    { header: t('cases_admin.source'), value: (x) => t(`cases.sources.${x.source}`) },
    { header: t('cases_admin.assignee'), value: (x) => assigneeName(t, x.assigneeId, x.assigneeName) },
    { header: t('cases_admin.updated'), value: (x) => x.updatedAt, cell: (x) => <Time at={x.updatedAt} locale={locale} /> },
  ];
};

// Outside the definition, so each reader keeps its own value type.
const caseQuery = { fase: oneOf(CASE_STAGES), provenienza: oneOf(CASE_SOURCES), assegnatario: assigneeValue, q: searchText };

export const caseList = defineList({
  path: '/admin/casi',
  title: 'cases_admin.title',
  intro: 'cases_admin.intro',
  actions: (c) => <SubNav c={c} />,
  query: caseQuery,
  async load(c, q) {
    const [r, staff] = await Promise.all([
      listCases(c.var.deps.db, c.var.actor, { stage: q.fase, source: q.provenienza, assignee: q.assegnatario, q: q.q, page: q.page }),
      assignableStaff(c.var.deps.db),
    ]);
    return r.ok ? ok({ ...r.value, staff }) : r;
  },
  tabs: {
    param: 'fase',
    values: CASE_STAGES,
    name: 'cases_admin.tabs_label',
    label: (c, s) => c.var.t(s ? `cases.stages.${s}` : 'cases_admin.all'),
    count: (d, s) => d.counts[(s ?? 'all') as CaseStage | 'all'],
  },
  filterLabel: 'cases_admin.filters_label',
  submit: 'cases_admin.filter',
  filters: (c, q, d) => {
    const t = c.var.t;
    return (
      <>
        <AssigneeFilter c={c} ns="cases_admin" value={q.assegnatario} staff={d.staff} col="col-md-3" />
        <FilterSelect
          id="provenienza"
          label={t('cases_admin.source_filter')}
          value={q.provenienza}
          all={t('cases_admin.source_any')}
          options={CASE_SOURCES.map((s) => ({ value: s, label: t(`cases.sources.${s}`) }))}
          col="col-md-3"
        />
        <FilterSearch label={t('cases_admin.search')} value={q.q} col="col-md-4" />
      </>
    );
  },
  columns: caseColumns,
  caption: 'cases_admin.caption',
  empty: 'cases_admin.none',
  flash,
});

/** The "done" button of a task, back to the case's page or to my tasks. */
export function TaskDoneForm({ c, id, title, from }: { c: Ctx; id: string; title: string; from: 'case' | 'tasks' }) {
  const { t, lp } = c.var;
  return (
    <form method="post" action={lp(`/admin/casi/attivita/${id}/fatta`)}>
      <CsrfField token={c.var.csrfToken} />
      <input type="hidden" name="from" value={from} />
      <button type="submit" class="btn btn-sm btn-outline-primary" aria-label={t('cases_admin.task_done_label', { title })}>
        {t('cases_admin.task_done')}
      </button>
    </form>
  );
}

const taskColumns = (c: Ctx): Column<MyTask>[] => {
  const { t, lp, locale } = c.var;
  return [
    { header: t('cases_admin.task_title'), rowHeader: true, value: (x) => taskTitle(t, x.title, x.caseName) },
    { header: t('cases_admin.task_case'), value: (x) => x.caseName, cell: (x) => <a href={lp(`/admin/casi/${x.caseId}`)}>{x.caseName}</a> },
    { header: t('cases_admin.task_due'), value: (x) => x.dueAt, cell: (x) => (x.dueAt ? <Time at={x.dueAt} locale={locale} /> : t('cases_admin.task_no_due')) },
    { header: t('cases_admin.task_state'), cell: (x) => (x.overdue ? <strong>{t('cases_admin.task_state_overdue')}</strong> : t('cases_admin.task_state_open')) },
    { header: t('cases_admin.dup_action'), cell: (x) => <TaskDoneForm c={c} id={x.id} title={taskTitle(t, x.title, x.caseName)} from="tasks" /> },
  ];
};

export const taskList = defineList({
  path: '/admin/casi/attivita',
  title: 'cases_admin.tasks_title',
  intro: 'cases_admin.tasks_intro',
  back,
  query: {},
  async load(c) {
    const r = await myTasks(c.var.deps.db, c.var.actor, c.var.deps.now());
    return r.ok ? ok(onePage(r.value)) : r;
  },
  columns: taskColumns,
  caption: 'cases_admin.tasks_caption',
  empty: 'cases_admin.tasks_empty',
  flash,
});

const duplicateColumns = (c: Ctx): Column<DuplicatePair>[] => {
  const { t, lp } = c.var;
  const who = (x: DuplicatePair['a']) => (
    <>
      <a href={lp(`/admin/casi/${x.id}`)}>{x.name}</a>
      <br />
      <span class="small">{[x.email, x.phone].filter(Boolean).join(' · ')}</span>
    </>
  );
  return [
    { header: t('cases_admin.dup_first'), cell: (p) => who(p.a) },
    { header: t('cases_admin.dup_second'), cell: (p) => who(p.b) },
    { header: t('cases_admin.dup_reason'), value: (p) => t(`cases_admin.dup_reasons.${p.reason}`) },
    {
      header: t('cases_admin.dup_action'),
      cell: (p) => (
        <form method="post" action={lp('/admin/casi/duplicati')}>
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="keep" value={p.a.id} />
          <input type="hidden" name="drop" value={p.b.id} />
          <button type="submit" class="btn btn-sm btn-outline-primary">
            {t('cases_admin.dup_keep_first', { name: p.a.name })}
          </button>
        </form>
      ),
    },
  ];
};

export const duplicateList = defineList({
  path: '/admin/casi/duplicati',
  title: 'cases_admin.dup_title',
  intro: 'cases_admin.dup_intro',
  back,
  query: {},
  async load(c) {
    const r = await findDuplicates(c.var.deps.db, c.var.actor);
    return r.ok ? ok(onePage(r.value)) : r;
  },
  columns: duplicateColumns,
  caption: 'cases_admin.dup_caption',
  empty: 'cases_admin.dup_none',
  flash,
});
