// The welcome team's cases (/admin/casi): the list with stage tabs and filters, a new case typed in,
// a case's page (data, stage, timeline, notes and logged calls/mails, tasks), my tasks, and the
// likely duplicates with their merge.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { formValues, type FormValues } from '../../../platform/forms/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { hasKey, type Locale, type Translator } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { addEntry, addTask, CASE_SOURCES, CASE_STAGES, changeStage, completeTask, createCase, findDuplicates, getCase, listCases, mergeCases, myTasks, NOTE_MAX, RETENTION_TASK_TITLE, type CaseDetail, type CaseEvent, type CaseFilter, type CaseList, type CaseStage, type DuplicatePair, type MyTask, caseRules } from '../../../domains/cases/index.ts';
import { assignableStaff } from '../../../domains/leads/index.ts';
import { listProfessions } from '../../../domains/reference/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';
import { caseEraseRoutes, EraseSection, ERASE_FLASH } from './cases-erase.tsx';
import { pageParam } from '../../kit/pager.tsx';
import { AssigneeFilter, FilterForm, FilterSearch, FilterSelect, pageCaption, ResultTable, StatusTabs } from '../../kit/list-page.tsx';
import { assigneeValue, listHref, oneOf, readQuery, searchText } from '../../kit/list-query.ts';

const FLASH = ['created', 'updated', 'entry', 'task_added', 'task_done', 'merged', 'opened'] as const;
type Staff = { id: string; name: string; email: string };
type Prof = { code: string; name: string };

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });
const isStage = (v: string | undefined): v is CaseStage => !!v && (CASE_STAGES as readonly string[]).includes(v);

/** A timeline line: known summaries translated, others (free text from other capabilities) as they are. */
function summaryText(t: Translator, locale: Locale, e: CaseEvent): string {
  if (e.kind === 'created' && e.summary.startsWith('source:')) {
    const src = e.summary.slice(7);
    return t('cases_admin.summaries.created', { source: hasKey(locale, `cases.sources.${src}`) ? t(`cases.sources.${src}`) : src });
  }
  if (e.kind === 'stage') {
    const [from, to] = e.summary.split('>');
    if (isStage(from) && isStage(to)) return t('cases_admin.summaries.stage', { from: t(`cases.stages.${from}`), to: t(`cases.stages.${to}`) });
  }
  const key = `cases_admin.summaries.${e.summary.replace(/[:.]/g, '_')}`;
  if (/^[a-z_:]+$/.test(e.summary) && hasKey(locale, key)) return t(key);
  if (hasKey(locale, e.summary)) return t(e.summary);
  return e.summary;
}

const taskTitle = (t: Translator, title: string, caseName: string) => (title === RETENTION_TASK_TITLE ? t(RETENTION_TASK_TITLE, { name: caseName }) : title);

function staffOptions(c: Ctx, staff: Staff[]) {
  return staff.map((u) => ({ value: u.id, label: u.id === c.var.user?.id ? c.var.t('cases_admin.me', { name: u.name }) : u.name }));
}

function listFilter(c: Ctx): CaseFilter & { raw: Record<string, string | undefined> } {
  const raw = readQuery(c, { fase: oneOf(CASE_STAGES), provenienza: oneOf(CASE_SOURCES), assegnatario: assigneeValue, q: searchText });
  return { stage: raw.fase, source: raw.provenienza, assignee: raw.assegnatario, q: raw.q, page: pageParam(c), raw };
}

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

function ListPage({ c, data, filter, staff, notice }: { c: Ctx; data: CaseList; filter: ReturnType<typeof listFilter>; staff: Staff[]; notice: string | null }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const tabs: (CaseStage | undefined)[] = [undefined, ...CASE_STAGES];
  return (
    <AdminLayout c={c} title={t('cases_admin.title')} flash={notice}>
      <h1>{t('cases_admin.title')}</h1>
      <p>{t('cases_admin.intro')}</p>
      <SubNav c={c} />
      <StatusTabs
        c={c}
        label={t('cases_admin.tabs_label')}
        tabs={tabs.map((s) => ({
          label: s ? t(`cases.stages.${s}`) : t('cases_admin.all'),
          count: data.counts[s ?? 'all'],
          href: listHref(c, '/admin/casi', { ...filter.raw, fase: s }),
          current: filter.stage === s,
        }))}
      />
      <FilterForm c={c} action="/admin/casi" label={t('cases_admin.filters_label')} hidden={{ fase: filter.stage }} submit={t('cases_admin.filter')}>
        <AssigneeFilter c={c} ns="cases_admin" value={filter.assignee} staff={staff} col="col-md-3" />
        <FilterSelect
          id="provenienza"
          label={t('cases_admin.source_filter')}
          value={filter.source}
          all={t('cases_admin.source_any')}
          options={CASE_SOURCES.map((s) => ({ value: s, label: t(`cases.sources.${s}`) }))}
          col="col-md-3"
        />
        <FilterSearch label={t('cases_admin.search')} value={filter.q} col="col-md-4" />
      </FilterForm>
      <ResultTable
        c={c}
        caption={pageCaption(c, 'cases_admin.caption', data)}
        columns={[
          t('cases_admin.name'),
          t('cases_admin.email'),
          t('cases_admin.phone'),
          t('cases_admin.profession'),
          t('cases_admin.stage'),
          t('cases_admin.source'),
          t('cases_admin.assignee'),
          t('cases_admin.updated'),
        ]}
        count={data.items.length}
        empty={t('cases_admin.none')}
        paging={{ page: data.page, pages: data.pages, params: filter.raw }}
      >
        {data.items.map((x) => (
          <tr>
            <th scope="row">
              <a href={lp(`/admin/casi/${x.id}`)}>{x.name}</a>
            </th>
            <td>{x.email ?? ''}</td>
            <td>{x.phone ?? ''}</td>
            <td>{x.professionName ?? ''}</td>
            <td>{t(`cases.stages.${x.stage}`)}</td>
            <td>{t(`cases.sources.${x.source}`)}</td>
            <td>{x.assigneeId ? (x.assigneeName ?? t('cases_admin.unknown_person')) : t('cases_admin.nobody')}</td>
            <td>
              <time datetime={x.updatedAt.toISOString()}>{f.dateTime.format(x.updatedAt)}</time>
            </td>
          </tr>
        ))}
      </ResultTable>
    </AdminLayout>
  );
}

function NewPage({ c, s, staff, profs }: { c: Ctx; s: FormState; staff: Staff[]; profs: Prof[] }) {
  const { t, lp } = c.var;
  const labels = { name: t('cases_admin.name'), email: t('cases_admin.email'), phone: t('cases_admin.phone'), professionCode: t('cases_admin.profession'), locale: t('cases_admin.language'), assigneeId: t('cases_admin.assignee') };
  return (
    <AdminLayout c={c} title={t('cases_admin.new_title')}>
      <p>
        <a href={lp('/admin/casi')}>{t('cases_admin.back')}</a>
      </p>
      <h1>{t('cases_admin.new_title')}</h1>
      <p>{t('cases_admin.new_intro')}</p>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp('/admin/casi/nuovo')} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField s={s} name="name" label={labels.name} required maxLength={200} autocomplete="off" />
        <TextField s={s} name="email" type="email" label={labels.email} maxLength={254} autocomplete="off" />
        <TextField s={s} name="phone" type="tel" label={labels.phone} maxLength={40} autocomplete="off" />
        <SelectField s={s} name="professionCode" label={labels.professionCode} empty={t('cases_admin.not_given')} options={profs.map((p) => ({ value: p.code, label: p.name }))} />
        <SelectField s={s} name="locale" label={labels.locale} options={(['it', 'en'] as const).map((l) => ({ value: l, label: t(`cases_admin.languages.${l}`) }))} />
        <SelectField s={s} name="assigneeId" label={labels.assigneeId} empty={t('cases_admin.nobody')} options={staffOptions(c, staff)} />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('cases_admin.create')}
          </button>
          <a class="btn btn-outline-primary" href={lp('/admin/casi')}>
            {t('cases_admin.cancel')}
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

interface DetailForms {
  stage?: FormState;
  entry?: FormState;
  task?: FormState;
}

function Row({ label, children }: { label: string; children?: unknown }) {
  return (
    <>
      <dt class="col-sm-4">{label}</dt>
      <dd class="col-sm-8">{children as never}</dd>
    </>
  );
}

function DetailPage({ c, d, staff, forms = {}, notice }: { c: Ctx; d: CaseDetail; staff: Staff[]; forms?: DetailForms; notice?: string | null }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const k = d.case;
  const base = `/admin/casi/${k.id}`;
  const none = <em>{t('cases_admin.not_given')}</em>;
  const people = k.assigneeId && !staff.some((u) => u.id === k.assigneeId) ? [...staff, { id: k.assigneeId, name: d.assigneeName ?? t('cases_admin.unknown_person'), email: '' }] : staff;
  const stage = forms.stage ?? state(c, { stage: k.stage, assigneeId: k.assigneeId ?? '', lostReason: k.lostReason ?? '' });
  const entry = forms.entry ?? state(c, { kind: 'note' });
  const task = forms.task ?? state(c, { taskAssigneeId: c.var.user?.id ?? '' });
  const stageLabels = { stage: t('cases_admin.stage'), lostReason: t('cases_admin.lost_reason'), assigneeId: t('cases_admin.assignee') };
  const entryLabels = { kind: t('cases_admin.entry_kind'), body: t('cases_admin.entry_body') };
  const taskLabels = { title: t('cases_admin.task_title'), dueDate: t('cases_admin.task_due_date'), dueTime: t('cases_admin.task_due_time'), taskAssigneeId: t('cases_admin.task_assignee') };
  return (
    <AdminLayout c={c} title={k.name} flash={notice}>
      <p>
        <a href={lp('/admin/casi')}>{t('cases_admin.back')}</a>
      </p>
      <h1>{k.name}</h1>
      <p class="lead">{`${t('cases_admin.stage')}: ${t(`cases.stages.${k.stage}`)} · ${t('cases_admin.source')}: ${t(`cases.sources.${k.source}`)}`}</p>

      <section class="mb-5" aria-labelledby="person">
        <h2 id="person">{t('cases_admin.person')}</h2>
        <dl class="row">
          <Row label={t('cases_admin.email')}>{k.email ? <a href={`mailto:${k.email}`}>{k.email}</a> : none}</Row>
          <Row label={t('cases_admin.phone')}>{k.phone ? <a href={`tel:${k.phone.replace(/[^\d+]/g, '')}`}>{k.phone}</a> : none}</Row>
          <Row label={t('cases_admin.profession')}>{d.professionName ?? none}</Row>
          <Row label={t('cases_admin.language')}>{t(`cases_admin.languages.${k.locale}`)}</Row>
          <Row label={t('cases_admin.assignee')}>{k.assigneeId ? (d.assigneeName ?? t('cases_admin.unknown_person')) : t('cases_admin.nobody')}</Row>
          <Row label={t('cases_admin.arrived_at')}>{k.arrivedAt ? <time datetime={k.arrivedAt.toISOString()}>{f.date.format(k.arrivedAt)}</time> : none}</Row>
          {k.stage === 'lost' ? <Row label={t('cases_admin.lost_reason')}>{k.lostReason ?? none}</Row> : null}
        </dl>
      </section>

      <section class="mb-5" aria-labelledby="work">
        <h2 id="work">{t('cases_admin.work')}</h2>
        <ErrorSummary s={stage} labels={stageLabels} />
        <form method="post" action={lp(`${base}/fase`)} novalidate>
          <CsrfField token={c.var.csrfToken} />
          <div class="row">
            <div class="col-md-6">
              <SelectField s={stage} name="stage" label={stageLabels.stage} options={CASE_STAGES.map((s) => ({ value: s, label: t(`cases.stages.${s}`) }))} />
            </div>
            <div class="col-md-6">
              <SelectField s={stage} name="assigneeId" label={stageLabels.assigneeId} empty={t('cases_admin.nobody')} options={staffOptions(c, people)} />
            </div>
          </div>
          <TextField s={stage} name="lostReason" label={stageLabels.lostReason} hint={t('cases_admin.lost_reason_hint')} maxLength={500} />
          <FormActions>
            <button type="submit" class="btn btn-primary">
              {t('cases_admin.save')}
            </button>
          </FormActions>
        </form>
      </section>

      <section class="mb-5" aria-labelledby="tasks">
        <h2 id="tasks">{t('cases_admin.tasks')}</h2>
        {d.tasks.length ? (
          <ul class="list-unstyled">
            {d.tasks.map((x) => (
              <li class="border-bottom py-3">
                <p class="mb-1">
                  <strong>{taskTitle(t, x.title, k.name)}</strong>
                </p>
                <p class="small mb-1">
                  {x.doneAt
                    ? t('cases_admin.task_state_done', { date: f.dateTime.format(x.doneAt) })
                    : `${t('cases_admin.task_state_open')} · ${t('cases_admin.task_due')}: ${x.dueAt ? f.dateTime.format(x.dueAt) : t('cases_admin.task_no_due')} · ${x.assigneeId ? (x.assigneeName ?? t('cases_admin.unknown_person')) : t('cases_admin.nobody')}`}
                </p>
                {x.doneAt ? null : (
                  <form method="post" action={lp(`/admin/casi/attivita/${x.id}/fatta`)}>
                    <CsrfField token={c.var.csrfToken} />
                    <input type="hidden" name="from" value="case" />
                    <button type="submit" class="btn btn-sm btn-outline-primary" aria-label={t('cases_admin.task_done_label', { title: taskTitle(t, x.title, k.name) })}>
                      {t('cases_admin.task_done')}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('cases_admin.tasks_none')}</p>
        )}
        <h3 class="h5 mt-4">{t('cases_admin.task_add')}</h3>
        <ErrorSummary s={task} labels={taskLabels} />
        <form method="post" action={lp(`${base}/attivita`)} novalidate>
          <CsrfField token={c.var.csrfToken} />
          <TextField s={task} name="title" label={taskLabels.title} required maxLength={300} />
          <div class="row">
            <div class="col-md-4">
              <TextField s={task} name="dueDate" type="date" label={taskLabels.dueDate} hint={t('cases_admin.task_due_hint')} />
            </div>
            <div class="col-md-4">
              <TextField s={task} name="dueTime" type="time" label={taskLabels.dueTime} />
            </div>
            <div class="col-md-4">
              <SelectField s={task} name="taskAssigneeId" label={taskLabels.taskAssigneeId} empty={t('cases_admin.nobody')} options={staffOptions(c, staff)} />
            </div>
          </div>
          <button type="submit" class="btn btn-primary">
            {t('cases_admin.task_add')}
          </button>
        </form>
      </section>

      <section class="mb-5" aria-labelledby="timeline">
        <h2 id="timeline">{t('cases_admin.timeline')}</h2>
        <h3 class="h5">{t('cases_admin.entry')}</h3>
        <ErrorSummary s={entry} labels={entryLabels} />
        <form method="post" action={lp(`${base}/voce`)} novalidate>
          <CsrfField token={c.var.csrfToken} />
          <SelectField s={entry} name="kind" label={entryLabels.kind} options={(['note', 'call', 'mail'] as const).map((x) => ({ value: x, label: t(`cases.kinds.${x}`) }))} />
          <TextArea s={entry} name="body" label={entryLabels.body} required maxLength={NOTE_MAX} rows={3} hint={t('cases_admin.entry_hint')} />
          <button type="submit" class="btn btn-primary">
            {t('cases_admin.entry_add')}
          </button>
        </form>
        {d.events.length ? (
          <ol class="list-unstyled mt-4 case-timeline">
            {d.events.map((e) => (
              <li class="border-bottom py-3">
                <p class="small mb-1">
                  <span class="badge bg-secondary me-2">{hasKey(locale, `cases.kinds.${e.kind}`) ? t(`cases.kinds.${e.kind}`) : e.kind}</span>
                  <time datetime={e.at.toISOString()}>{f.dateTime.format(e.at)}</time>
                  {' · '}
                  {e.actorLabel}
                </p>
                <p class="mb-1">{summaryText(t, locale, e)}</p>
                {e.body ? <p class="mb-0 lead-message">{e.body}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p class="mt-4">{t('cases_admin.timeline_none')}</p>
        )}
      </section>
      <EraseSection c={c} id={k.id} />
    </AdminLayout>
  );
}

function TasksPage({ c, tasks, notice }: { c: Ctx; tasks: MyTask[]; notice: string | null }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  return (
    <AdminLayout c={c} title={t('cases_admin.tasks_title')} flash={notice}>
      <p>
        <a href={lp('/admin/casi')}>{t('cases_admin.back')}</a>
      </p>
      <h1>{t('cases_admin.tasks_title')}</h1>
      <p>{t('cases_admin.tasks_intro')}</p>
      <ResultTable
        c={c}
        caption={t('cases_admin.tasks_caption', { count: f.number.format(tasks.length) })}
        columns={[t('cases_admin.task_title'), t('cases_admin.task_case'), t('cases_admin.task_due'), t('cases_admin.task_state'), t('cases_admin.dup_action')]}
        count={tasks.length}
        empty={t('cases_admin.tasks_empty')}
      >
        {tasks.map((x) => (
          <tr>
            <th scope="row">{taskTitle(t, x.title, x.caseName)}</th>
            <td>
              <a href={lp(`/admin/casi/${x.caseId}`)}>{x.caseName}</a>
            </td>
            <td>{x.dueAt ? <time datetime={x.dueAt.toISOString()}>{f.dateTime.format(x.dueAt)}</time> : t('cases_admin.task_no_due')}</td>
            <td>{x.overdue ? <strong>{t('cases_admin.task_state_overdue')}</strong> : t('cases_admin.task_state_open')}</td>
            <td>
              <form method="post" action={lp(`/admin/casi/attivita/${x.id}/fatta`)}>
                <CsrfField token={c.var.csrfToken} />
                <input type="hidden" name="from" value="tasks" />
                <button type="submit" class="btn btn-sm btn-outline-primary" aria-label={t('cases_admin.task_done_label', { title: taskTitle(t, x.title, x.caseName) })}>
                  {t('cases_admin.task_done')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </ResultTable>
    </AdminLayout>
  );
}

function DuplicatesPage({ c, pairs, notice }: { c: Ctx; pairs: DuplicatePair[]; notice: string | null }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const who = (x: DuplicatePair['a']) => (
    <>
      <a href={lp(`/admin/casi/${x.id}`)}>{x.name}</a>
      <br />
      <span class="small">{[x.email, x.phone].filter(Boolean).join(' · ')}</span>
    </>
  );
  return (
    <AdminLayout c={c} title={t('cases_admin.dup_title')} flash={notice}>
      <p>
        <a href={lp('/admin/casi')}>{t('cases_admin.back')}</a>
      </p>
      <h1>{t('cases_admin.dup_title')}</h1>
      <p>{t('cases_admin.dup_intro')}</p>
      <ResultTable
        c={c}
        caption={t('cases_admin.dup_caption', { count: f.number.format(pairs.length) })}
        columns={[t('cases_admin.dup_first'), t('cases_admin.dup_second'), t('cases_admin.dup_reason'), t('cases_admin.dup_action')]}
        count={pairs.length}
        empty={t('cases_admin.dup_none')}
      >
        {pairs.map((p) => (
          <tr>
            <td>{who(p.a)}</td>
            <td>{who(p.b)}</td>
            <td>{t(`cases_admin.dup_reasons.${p.reason}`)}</td>
            <td>
              <form method="post" action={lp('/admin/casi/duplicati')}>
                <CsrfField token={c.var.csrfToken} />
                <input type="hidden" name="keep" value={p.a.id} />
                <input type="hidden" name="drop" value={p.b.id} />
                <button type="submit" class="btn btn-sm btn-outline-primary">
                  {t('cases_admin.dup_keep_first', { name: p.a.name })}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </ResultTable>
    </AdminLayout>
  );
}

export function caseAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(caseRules.read));

  const profs = async (c: Ctx): Promise<Prof[]> => (await listProfessions(c.var.deps.db)).map((p) => ({ code: p.code, name: c.var.locale === 'en' && p.nameEn ? p.nameEn : p.name }));

  const detail = async (c: Ctx, id: string, forms: DetailForms, status: 200 | 422, notice?: string | null) => {
    const [r, staff] = await Promise.all([getCase(c.var.deps.db, c.var.actor, id), assignableStaff(c.var.deps.db)]);
    if (!r.ok) return errorResponse(c, r.error);
    // A merged case lives on in the one kept: old links lead there.
    if ('mergedInto' in r.value) return c.redirect(c.var.lp(`/admin/casi/${r.value.mergedInto}`), 303);
    return c.html(<DetailPage c={c} d={r.value} staff={staff} forms={forms} notice={notice} />, status);
  };

  app.get('/', async (c) => {
    const filter = listFilter(c);
    const [r, staff] = await Promise.all([listCases(c.var.deps.db, c.var.actor, filter), assignableStaff(c.var.deps.db)]);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ListPage c={c} data={r.value} filter={filter} staff={staff} notice={flash(c, 'cases_admin.flash', FLASH) ?? flash(c, 'cases_erase.flash', ERASE_FLASH)} />);
  });

  app.get('/nuovo', requireRule(caseRules.update), async (c) => {
    const [staff, p] = await Promise.all([assignableStaff(c.var.deps.db), profs(c)]);
    return c.html(<NewPage c={c} s={state(c, { locale: c.var.locale, assigneeId: c.var.user?.id ?? '' })} staff={staff} profs={p} />);
  });

  app.post('/nuovo', requireRule(caseRules.update), async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await createCase(c.var.deps, c.var.actor, values);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/casi/${r.value.id}`)}?esito=created`, 303);
    if (r.error.code !== 'invalid') return errorResponse(c, r.error);
    const [staff, p] = await Promise.all([assignableStaff(c.var.deps.db), profs(c)]);
    return c.html(<NewPage c={c} s={state(c, values, r.error.fields)} staff={staff} profs={p} />, 422);
  });

  app.get('/attivita', async (c) => {
    const r = await myTasks(c.var.deps.db, c.var.actor, c.var.deps.now());
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<TasksPage c={c} tasks={r.value} notice={flash(c, 'cases_admin.flash', FLASH)} />);
  });

  app.post('/attivita/:taskId/fatta', requireRule(caseRules.update), async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await completeTask(c.var.deps, c.var.actor, c.req.param('taskId'));
    if (!r.ok) return errorResponse(c, r.error);
    const to = values.from === 'case' ? `/admin/casi/${r.value.caseId}` : '/admin/casi/attivita';
    return c.redirect(`${c.var.lp(to)}?esito=task_done`, 303);
  });

  app.get('/duplicati', requireRule(caseRules.merge), async (c) => {
    const r = await findDuplicates(c.var.deps.db, c.var.actor);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<DuplicatesPage c={c} pairs={r.value} notice={flash(c, 'cases_admin.flash', FLASH)} />);
  });

  app.post('/duplicati', requireRule(caseRules.merge), async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await mergeCases(c.var.deps, c.var.actor, values);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/casi/${r.value.id}`)}?esito=merged`, 303);
    if (r.error.code === 'invalid') return errorResponse(c, { code: 'not_found' });
    return errorResponse(c, r.error);
  });

  app.route('/', caseEraseRoutes());

  app.get('/:id', (c) => detail(c, c.req.param('id'), {}, 200, flash(c, 'cases_admin.flash', FLASH)));

  // The case page's forms: each posts to one domain operation and comes back with its own messages.
  const caseForms = [
    { path: 'fase', form: 'stage', done: 'updated', run: changeStage },
    { path: 'voce', form: 'entry', done: 'entry', run: addEntry },
    { path: 'attivita', form: 'task', done: 'task_added', run: addTask },
  ] as const;
  for (const { path, form, done, run } of caseForms) {
    app.post(`/:id/${path}`, requireRule(caseRules.update), async (c) => {
      const id = c.req.param('id');
      const values = formValues(await c.req.parseBody({ all: true }));
      const r = await run(c.var.deps, c.var.actor, id, values);
      if (r.ok) return c.redirect(`${c.var.lp(`/admin/casi/${id}`)}?esito=${done}`, 303);
      if (r.error.code === 'invalid') return detail(c, id, { [form]: state(c, values, r.error.fields) }, 422);
      return errorResponse(c, r.error);
    });
  }

  return app;
}
