// Calls in the back office (/admin/bandi): list, create, edit, preview, schedule, publish, close,
// archive, attachments, import. Recruiters and admins manage; editors read.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import type { FormState } from '../../kit/form.tsx';
import { can, type Rule } from '../../../platform/authz/index.ts';
import { formValues, type FormValues } from '../../../platform/forms/index.ts';
import { fmt, fromRomeLocal } from '../../../platform/i18n/format.ts';
import type { DomainError, FieldErrors, Result } from '../../../platform/result.ts';
import { CALL_STATES, addAttachment, archiveCall, closeCall, createCall, getAttachment, getCallDetail, listAdminCalls, outboundClicks, publishCall, removeAttachment, unpublishCall, updateCall, validateCall, callRules, IMPORT_COLUMNS, MAX_IMPORT_BYTES, confirmImport, getImport, importTemplateExample, previewImport, templateCsv, templateXlsx, adminStateCounts, callFormOptions, callHistory, disciplineOptions, employerOptions, findComuni, specialisationCandidates, type WorkplaceProblem } from '../../../domains/calls/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';
import { pageParam } from '../../kit/pager.tsx';
import { FilterForm, FilterSearch, FilterSelect, pageCaption, ResultTable } from '../../kit/list-page.tsx';
import { oneOf, readQuery, searchText } from '../../kit/list-query.ts';
import { StateBadge, callPath } from './calls-shared.tsx';
import { isUuid } from '../../../platform/query.ts';
import {
  CallFormPage,
  ComuniResults,
  DisciplineOptions,
  checkedSpecialisations,
  disciplineOf,
  formErrors,
  formFromCall,
  proposedFor,
  readCallForm,
  str,
  type CallFormProps,
} from './calls-form.tsx';
import { CallPage, type CallPageProps } from './calls-page.tsx';
import { ImportConfirmPage, ImportErrorsPage, ImportPage } from './calls-import.tsx';

const FLASH = ['created', 'saved', 'published', 'scheduled', 'unpublished', 'closed', 'archived', 'attachment_added', 'attachment_removed', 'imported'] as const;

const formState = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

// ---------- list ----------

async function listPage(c: Ctx) {
  const { t, lp, locale, deps, actor } = c.var;
  const f = fmt(locale);
  const filters = readQuery(c, { q: searchText, stato: oneOf(CALL_STATES), ente: (v) => (isUuid(v) ? v : undefined) });
  const now = deps.now();
  const [data, counts, employers] = await Promise.all([
    listAdminCalls(deps.db, { q: filters.q, state: filters.stato, employerId: filters.ente, page: pageParam(c) }, now),
    adminStateCounts(deps.db, now),
    employerOptions(deps.db),
  ]);
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const manage = can(actor, callRules.create);
  return c.html(
    <AdminLayout c={c} title={t('calls_admin.list.title')} flash={flash(c, 'calls_admin.flash', FLASH)}>
      <h1>{t('calls_admin.list.title')}</h1>
      {manage ? (
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
      ) : (
        <p>{t('calls_admin.list.read_only')}</p>
      )}
      <FilterForm c={c} action="/admin/bandi" submit={t('common.forms.search')} submitCol="col-12 col-md-2">
        <FilterSearch label={t('calls_admin.list.search')} value={filters.q} hint={t('calls_admin.list.search_hint')} col="col-12 col-md-4" />
        <FilterSelect
          id="stato"
          label={t('calls_admin.list.state')}
          value={filters.stato}
          all={t('calls_admin.list.all_states', { count: all })}
          options={CALL_STATES.map((s) => ({ value: s, label: t('calls_admin.list.state_count', { state: t(`calls.states.${s}`), count: counts[s] }) }))}
          col="col-12 col-md-3"
        />
        <FilterSelect id="ente" label={t('calls.fields.employerId')} value={filters.ente} all={t('calls_admin.list.all_employers')} options={employers.map((e) => ({ value: e.id, label: e.name }))} col="col-12 col-md-3" />
      </FilterForm>
      <ResultTable
        c={c}
        caption={pageCaption(c, 'calls_admin.list.caption', data)}
        columns={[t('calls.fields.title'), t('calls.fields.type'), t('calls.fields.employerId'), t('calls_admin.list.state'), t('calls.fields.deadline'), t('calls_admin.list.updated')]}
        count={data.items.length}
        empty={t('calls_admin.list.empty')}
        keepTable
        paging={{ page: data.page, pages: data.pages, params: filters }}
      >
        {data.items.map((r) => (
          <tr>
            <th scope="row">
              <a href={lp(callPath(r.id))}>{r.title}</a>
            </th>
            <td>{t(`calls.types.${r.type}`)}</td>
            <td>{r.employerName}</td>
            <td>
              <StateBadge c={c} state={r.state} />
            </td>
            <td>{r.deadline ? <time datetime={r.deadline.toISOString()}>{f.dateTime.format(r.deadline)}</time> : '—'}</td>
            <td>
              <time datetime={r.updatedAt.toISOString()}>{f.dateTime.format(r.updatedAt)}</time>
            </td>
          </tr>
        ))}
      </ResultTable>
    </AdminLayout>,
  );
}

// ---------- form ----------

type FormExtras = Omit<CallFormProps, 'c' | 'mode' | 's' | 'opts' | 'candidates'> & { errors?: FieldErrors };

async function renderForm(c: Ctx, mode: 'new' | 'edit', values: FormValues, status: 200 | 409 | 422, extras: FormExtras = {}) {
  const db = c.var.deps.db;
  const [opts, candidates] = await Promise.all([
    callFormOptions(db),
    specialisationCandidates(db, proposedFor(values), checkedSpecialisations(values)),
  ]);
  const { errors, ...rest } = extras;
  return c.html(<CallFormPage c={c} mode={mode} s={formState(c, values, errors)} opts={opts} candidates={candidates} {...rest} />, status);
}

/** The form's helper buttons (propose, preview, find comuni) and its save, for new and edit. */
async function submitForm(c: Ctx, mode: 'new' | 'edit', id?: string) {
  const { deps, actor } = c.var;
  const values = formValues(await c.req.parseBody({ all: true }));
  const action = str(values, 'action') || 'save';
  delete values.action;
  const base = { callId: id, callTitle: str(values, 'title') };

  if (action === 'propose') {
    const d = disciplineOf(values);
    const proposal = await specialisationCandidates(deps.db, d);
    values.specialisations = proposal.map((p) => `${p.code}:${p.kind}`);
    values.spec_discipline = d === null ? '' : String(d);
    return renderForm(c, mode, values, 200, base);
  }
  if (action === 'preview') return renderForm(c, mode, values, 200, { ...base, preview: true });
  if (action === 'find_comuni') return renderForm(c, mode, values, 200, { ...base, comuniResults: await findComuni(deps.db, str(values, 'comune_q')) });

  const read = await readCallForm(deps.db, values);
  if (read.proposalStale) {
    // The discipline changed after the proposal: show the new proposal and let a person confirm it.
    const d = disciplineOf(values);
    const proposal = await specialisationCandidates(deps.db, d);
    values.specialisations = proposal.map((p) => `${p.code}:${p.kind}`);
    values.spec_discipline = String(d);
    return renderForm(c, mode, values, 422, {
      ...base,
      errors: { ...read.errors, specialisations: 'calls_admin.errors.specialisations_review' },
      workplaceProblems: read.workplaceProblems,
    });
  }
  const invalidForm = (fields: FieldErrors, problems: WorkplaceProblem[] = read.workplaceProblems) =>
    renderForm(c, mode, values, 422, { ...base, errors: fields, workplaceProblems: problems });
  if (Object.keys(read.errors).length) {
    // Show every problem at once: what the form found, then what the domain finds in the rest.
    const v = await validateCall(deps.db, read.raw);
    const domain = !v.ok && v.error.code === 'invalid' ? formErrors(v.error.fields) : {};
    return invalidForm({ ...domain, ...read.errors });
  }
  const versionText = str(values, 'version');
  const r =
    mode === 'new'
      ? await createCall(deps, actor, read.raw)
      : await updateCall(deps, actor, id!, read.raw, /^\d{1,9}$/.test(versionText) ? Number(versionText) : -1);
  if (r.ok) return c.redirect(`${c.var.lp(callPath(r.value.id))}?esito=${mode === 'new' ? 'created' : 'saved'}`, 303);
  const e = r.error;
  if (e.code === 'invalid') return invalidForm(formErrors(e.fields));
  if (e.code === 'conflict') return renderForm(c, mode, values, 409, { ...base, conflict: true });
  if (e.code === 'invalid_state') return renderForm(c, mode, values, 409, { ...base, problem: c.var.t(e.message) });
  return errorResponse(c, e);
}

// ---------- a call's page ----------

async function callPage(c: Ctx, id: string, status: 200 | 409 | 422 = 200, extras: Partial<CallPageProps> = {}) {
  const { deps, actor } = c.var;
  if (!isUuid(id)) return errorResponse(c, { code: 'not_found' });
  const d = await getCallDetail(deps.db, id, deps.now());
  if (!d) return errorResponse(c, { code: 'not_found' });
  const [clicks, history] = await Promise.all([outboundClicks(deps.db, id), callHistory(deps.db, actor, id)]);
  if (!history.ok) return errorResponse(c, history.error);
  const notice = status === 200 ? flash(c, 'calls_admin.flash', FLASH) : null;
  return c.html(<CallPage c={c} d={d} clicks={clicks} history={history.value} notice={notice} {...extras} />, status);
}

/** After a lifecycle move: back to the page with a flash, or the page again with what stopped it. */
async function afterMove(c: Ctx, id: string, r: Result<unknown, DomainError>, done: (typeof FLASH)[number], extras: Partial<CallPageProps> = {}) {
  if (r.ok) return c.redirect(`${c.var.lp(callPath(id))}?esito=${done}`, 303);
  const e = r.error;
  if (e.code === 'invalid') {
    const fields = Object.fromEntries(Object.entries(e.fields).filter(([k]) => k !== 'file' && k !== 'title'));
    if (Object.keys(fields).length)
      return callPage(c, id, 422, { problem: c.var.t('calls_admin.page.refused'), problemFields: e.fields, ...extras });
    return callPage(c, id, 422, extras);
  }
  if (e.code === 'invalid_state' || e.code === 'conflict') return callPage(c, id, 409, { problem: c.var.t(e.message ?? 'calls.errors.edited_meanwhile'), ...extras });
  return errorResponse(c, e);
}

// ---------- routes ----------

export function callAdminRoutes() {
  const app = new Hono<AppEnv>();
  const read = requireRule(callRules.readAdmin);

  app.get('/', read, listPage);

  // Fragments for htmx (progressive enhancement of the form).
  app.get('/discipline', requireRule(callRules.create), async (c) => {
    const db = c.var.deps.db;
    const prof = (c.req.query('professionCode') ?? '').slice(0, 100);
    const [opts, ds] = await Promise.all([callFormOptions(db), disciplineOptions(db, prof)]);
    return c.html(<DisciplineOptions c={c} opts={{ ...opts, disciplines: ds }} current="" only={prof || undefined} />);
  });
  app.get('/comuni', requireRule(callRules.create), async (c) => {
    const results = await findComuni(c.var.deps.db, (c.req.query('comune_q') ?? '').slice(0, 100));
    return c.html(<ComuniResults c={c} results={results} />);
  });

  // New call.
  app.get('/nuovo', requireRule(callRules.create), async (c) => {
    const employers = await employerOptions(c.var.deps.db);
    const values: FormValues = { contractHours: 'full_time', posts: '1', employerId: employers.length === 1 ? employers[0]!.id : '' };
    return renderForm(c, 'new', values, 200);
  });
  app.post('/nuovo', requireRule(callRules.create), (c) => submitForm(c, 'new'));

  // Import (before /:id, which would match "importa").
  app.get('/importa', requireRule(callRules.import), (c) => c.html(<ImportPage c={c} />));
  app.get('/importa/modello.csv', requireRule(callRules.import), async (c) => {
    const csv = templateCsv(await importTemplateExample(c.var.deps));
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="modello-bandi.csv"' });
  });
  app.get('/importa/modello.xlsx', requireRule(callRules.import), async (c) => {
    const { t } = c.var;
    const notes = Object.fromEntries(IMPORT_COLUMNS.map((col) => [col, t(`calls_admin.import.col.${col}`)])) as Record<(typeof IMPORT_COLUMNS)[number], string>;
    const buf = await templateXlsx(await importTemplateExample(c.var.deps), notes, [t('calls_admin.import.column'), t('calls_admin.import.content')]);
    return c.body(new Uint8Array(buf), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': 'attachment; filename="modello-bandi.xlsx"',
    });
  });
  app.post('/importa', requireRule(callRules.import), async (c) => {
    const body = await c.req.parseBody({ all: true });
    const file = body.file;
    if (!(file instanceof File) || !file.size) return c.html(<ImportPage c={c} error={c.var.t('calls_admin.import.choose_file')} />, 422);
    if (file.size > MAX_IMPORT_BYTES) return c.html(<ImportPage c={c} error={c.var.t('calls.import_errors.too_big', { mb: MAX_IMPORT_BYTES / 1024 / 1024 })} />, 422);
    const r = await previewImport(c.var.deps, c.var.actor, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!r.ok) return errorResponse(c, r.error);
    if (r.value.id) return c.redirect(c.var.lp(`/admin/bandi/importa/${r.value.id}`), 303);
    return c.html(<ImportErrorsPage c={c} preview={r.value} />, 422);
  });
  app.get('/importa/:importId', requireRule(callRules.import), async (c) => {
    const r = await getImport(c.var.deps, c.var.actor, c.req.param('importId'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ImportConfirmPage c={c} imp={r.value} />);
  });
  app.post('/importa/:importId/conferma', requireRule(callRules.import), async (c) => {
    const importId = c.req.param('importId');
    const r = await confirmImport(c.var.deps, c.var.actor, importId);
    if (r.ok) return c.redirect(`${c.var.lp('/admin/bandi')}?stato=draft&esito=imported`, 303);
    const imp = await getImport(c.var.deps, c.var.actor, importId);
    if (!imp.ok) return errorResponse(c, imp.error);
    const e = r.error;
    if (e.code === 'row_failed') return c.html(<ImportConfirmPage c={c} imp={imp.value} failed={{ line: e.line, fields: e.fields }} />, 409);
    if (e.code === 'invalid_state') return c.html(<ImportConfirmPage c={c} imp={imp.value} problem={c.var.t(e.message)} />, 409);
    return errorResponse(c, e);
  });

  // A call.
  app.get('/:id', read, (c) => callPage(c, c.req.param('id')));

  app.get('/:id/modifica', requireRule(callRules.update), async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return errorResponse(c, { code: 'not_found' });
    const d = await getCallDetail(c.var.deps.db, id, c.var.deps.now());
    if (!d) return errorResponse(c, { code: 'not_found' });
    if (d.state === 'archived') return callPage(c, id, 409, { problem: c.var.t('calls.errors.archived_readonly') });
    return renderForm(c, 'edit', formFromCall(d), 200, { callId: id, callTitle: d.call.title });
  });
  app.post('/:id/modifica', requireRule(callRules.update), (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return errorResponse(c, { code: 'not_found' });
    return submitForm(c, 'edit', id);
  });

  const move = (path: string, rule: Rule, run: (c: Ctx, id: string) => Promise<Result<unknown, DomainError>>, done: (typeof FLASH)[number]) =>
    app.post(`/:id/${path}`, requireRule(rule), async (c) => {
      const id = c.req.param('id');
      if (!isUuid(id)) return errorResponse(c, { code: 'not_found' });
      return afterMove(c, id, await run(c, id), done);
    });
  move('pubblica', callRules.publish, (c, id) => publishCall(c.var.deps, c.var.actor, id, null), 'published');
  move('bozza', callRules.publish, (c, id) => unpublishCall(c.var.deps, c.var.actor, id), 'unpublished');
  move('chiudi', callRules.close, (c, id) => closeCall(c.var.deps, c.var.actor, id), 'closed');
  move('archivia', callRules.archive, (c, id) => archiveCall(c.var.deps, c.var.actor, id), 'archived');

  app.post('/:id/programma', requireRule(callRules.publish), async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return errorResponse(c, { code: 'not_found' });
    const values = formValues(await c.req.parseBody({ all: true }));
    const date = str(values, 'scheduleDate');
    const time = str(values, 'scheduleTime');
    const errors: FieldErrors = {};
    if (!date) errors.scheduleDate = 'common.forms.required';
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.scheduleDate = 'common.forms.invalid_date';
    if (!time) errors.scheduleTime = 'common.forms.required';
    else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors.scheduleTime = 'common.forms.invalid_time';
    const when = Object.keys(errors).length ? null : fromRomeLocal(date, time);
    if (!Object.keys(errors).length && !when) errors.scheduleDate = 'common.forms.invalid_date';
    else if (when && when <= c.var.deps.now()) errors.scheduleDate = 'calls_admin.errors.schedule_past';
    const schedule = formState(c, values, errors);
    if (Object.keys(errors).length) return callPage(c, id, 422, { schedule });
    return afterMove(c, id, await publishCall(c.var.deps, c.var.actor, id, when), 'scheduled', { schedule });
  });

  // Attachments.
  app.post('/:id/allegati', requireRule(callRules.attachments), async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return errorResponse(c, { code: 'not_found' });
    const body = await c.req.parseBody({ all: true });
    const values = formValues(body);
    const file = body.file;
    if (!(file instanceof File) || !file.name) return callPage(c, id, 422, { upload: formState(c, values, { file: 'calls_admin.errors.file_required' }) });
    const r = await addAttachment(c.var.deps, c.var.actor, id, { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }, str(values, 'title') || null);
    if (!r.ok && r.error.code === 'invalid') return callPage(c, id, 422, { upload: formState(c, values, r.error.fields) });
    return afterMove(c, id, r, 'attachment_added');
  });
  app.post('/:id/allegati/:attachmentId/elimina', requireRule(callRules.attachments), async (c) => {
    const { id, attachmentId } = c.req.param();
    if (!isUuid(id) || !isUuid(attachmentId)) return errorResponse(c, { code: 'not_found' });
    return afterMove(c, id, await removeAttachment(c.var.deps, c.var.actor, id, attachmentId), 'attachment_removed');
  });
  app.get('/:id/allegati/:attachmentId', read, async (c) => {
    const { id, attachmentId } = c.req.param();
    if (!isUuid(id) || !isUuid(attachmentId)) return errorResponse(c, { code: 'not_found' });
    const a = await getAttachment(c.var.deps.db, id, attachmentId);
    if (!a) return errorResponse(c, { code: 'not_found' });
    return c.body(new Uint8Array(a.data), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${a.filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
    });
  });

  return app;
}
