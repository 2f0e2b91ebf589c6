// A call's back-office page (/admin/bandi/:id): its state and key fields, a preview of what the
// public page shows, the lifecycle actions allowed now, attachments, outbound clicks and history.
import { raw } from 'hono/html';
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, FileField, TextField, type FormState } from '../../kit/form.tsx';
import { can, type Rule } from '../../../platform/authz/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { MAX_ATTACHMENT_BYTES, type CallDetail, callRules, type CallHistoryEntry } from '../../../domains/calls/index.ts';
import { ProblemList, StateBadge, callPath } from './calls-shared.tsx';
import { alertRules } from '../../../domains/alerts/index.ts';
import { rankingRules } from '../../../domains/rankings/index.ts';

export interface CallPageProps {
  c: Ctx;
  d: CallDetail;
  clicks: number;
  history: CallHistoryEntry[];
  notice?: string | null;
  /** A refused action: a message, or the fields that stop it. */
  problem?: string | null;
  problemFields?: FieldErrors | null;
  schedule?: FormState;
  upload?: FormState;
}

const emptyState = (c: Ctx): FormState => ({ values: {}, errors: {}, t: c.var.t });

function ActionButton({ c, id, path, label, hint, danger }: { c: Ctx; id: string; path: string; label: string; hint: string; danger?: boolean }) {
  return (
    <form method="post" action={c.var.lp(callPath(id, path))} class="mb-3">
      <CsrfField token={c.var.csrfToken} />
      <p class="mb-1 small">{hint}</p>
      <button type="submit" class={danger ? 'btn btn-outline-danger' : 'btn btn-primary'}>
        {label}
      </button>
    </form>
  );
}

function Actions({ c, d, schedule }: { c: Ctx; d: CallDetail; schedule: FormState }) {
  const { t, lp, actor } = c.var;
  const id = d.call.id;
  const state = d.state;
  const allowed = (rule: Rule) => can(actor, rule);
  const items = [];
  if (state !== 'archived' && allowed(callRules.update))
    items.push(
      <p>
        <a class="btn btn-outline-primary" href={lp(callPath(id, '/modifica'))}>
          {t('calls_admin.page.edit')}
        </a>
      </p>,
    );
  if ((state === 'draft' || state === 'scheduled') && allowed(callRules.publish)) {
    items.push(<ActionButton c={c} id={id} path="/pubblica" label={t('calls_admin.page.publish_now')} hint={t('calls_admin.page.publish_now_hint')} />);
    items.push(
      <form method="post" action={lp(callPath(id, '/programma'))} class="mb-3" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <fieldset>
          <legend class="h6">{state === 'scheduled' ? t('calls_admin.page.reschedule') : t('calls_admin.page.schedule')}</legend>
          <div class="row">
            <div class="col-12 col-md-6">
              <TextField s={schedule} name="scheduleDate" type="date" label={t('calls.fields.publishDate')} required />
            </div>
            <div class="col-12 col-md-6">
              <TextField s={schedule} name="scheduleTime" type="time" label={t('calls.fields.publishTime')} required />
            </div>
          </div>
        </fieldset>
        <button type="submit" class="btn btn-primary">
          {t('calls_admin.page.schedule_button')}
        </button>
      </form>,
    );
  }
  if (state === 'scheduled' && allowed(callRules.publish))
    items.push(<ActionButton c={c} id={id} path="/bozza" label={t('calls_admin.page.unpublish')} hint={t('calls_admin.page.unpublish_hint')} />);
  if (state === 'open' && allowed(callRules.close))
    items.push(<ActionButton c={c} id={id} path="/chiudi" label={t('calls_admin.page.close')} hint={t('calls_admin.page.close_hint')} danger />);
  if ((state === 'closed' || state === 'draft') && allowed(callRules.archive))
    items.push(<ActionButton c={c} id={id} path="/archivia" label={t('calls_admin.page.archive')} hint={t('calls_admin.page.archive_hint')} danger />);
  if (!items.length) return <p>{t('calls_admin.page.no_actions')}</p>;
  return <>{items}</>;
}

function Attachments({ c, d, upload }: { c: Ctx; d: CallDetail; upload: FormState }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const id = d.call.id;
  const manage = can(c.var.actor, callRules.attachments) && d.state !== 'archived';
  const fileError = upload.errors.file;
  return (
    <>
      {d.attachments.length ? (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('calls_admin.page.attachments_caption', { count: d.attachments.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('calls_admin.page.attachment_file')}</th>
                <th scope="col">{t('calls_admin.page.attachment_size')}</th>
                {manage ? <th scope="col">{t('calls_admin.page.attachment_actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {d.attachments.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={lp(callPath(id, `/allegati/${a.id}`))}>{a.title || a.filename}</a>
                    {a.title ? <small class="d-block text-muted">{a.filename}</small> : null}
                  </th>
                  <td>{t('calls_admin.page.kb', { kb: f.number.format(Math.max(1, Math.round(a.size / 1024))) })}</td>
                  {manage ? (
                    <td>
                      <form method="post" action={lp(callPath(id, `/allegati/${a.id}/elimina`))}>
                        <CsrfField token={c.var.csrfToken} />
                        <button type="submit" class="btn btn-outline-danger btn-sm">
                          {t('calls_admin.page.attachment_delete', { name: a.title || a.filename })}
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('calls_admin.page.no_attachments')}</p>
      )}
      {manage ? (
        <form method="post" action={lp(callPath(id, '/allegati'))} enctype="multipart/form-data" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <h3 class="h6">{t('calls_admin.page.attachment_add')}</h3>
          <FileField label={t('calls.fields.file')} accept="application/pdf,.pdf" hint={t('calls_admin.page.attachment_hint', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 })} error={fileError ? t(fileError) : null} />
          <TextField s={upload} name="title" label={t('calls.fields.title_attachment')} maxLength={200} />
          <button type="submit" class="btn btn-primary">
            {t('calls_admin.page.attachment_upload')}
          </button>
        </form>
      ) : null}
    </>
  );
}

function History({ c, history }: { c: Ctx; history: CallHistoryEntry[] }) {
  const { t, locale } = c.var;
  const f = fmt(locale);
  if (!history.length) return <p>{t('calls_admin.page.no_history')}</p>;
  return (
    <div class="table-responsive">
      <table class="table table-sm">
        <caption>{t('calls_admin.page.history_caption', { count: history.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calls_admin.page.history_when')}</th>
            <th scope="col">{t('calls_admin.page.history_who')}</th>
            <th scope="col">{t('calls_admin.page.history_what')}</th>
            <th scope="col">{t('calls_admin.page.history_changes')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr>
              <td>
                <time datetime={h.at.toISOString()}>{f.dateTime.format(h.at)}</time>
              </td>
              <td>{h.actorLabel}</td>
              <th scope="row">
                <code>{h.action}</code>
                {h.summary && h.action.startsWith('call.attachment') ? <span class="d-block small">{h.summary}</span> : null}
              </th>
              <td>{h.changes && Object.keys(h.changes).length ? <span class="text-break small">{Object.keys(h.changes).join(', ')}</span> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CallPage({ c, d, clicks, history, notice, problem, problemFields, schedule, upload }: CallPageProps) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const call = d.call;
  const when = (x: Date | null) => (x ? <time datetime={x.toISOString()}>{f.dateTime.format(x)}</time> : t('calls_admin.page.not_set'));
  const description = renderMarkdown(call.descriptionMd);
  const requirements = renderMarkdown(call.requirementsMd);
  const isPublic = d.state === 'open' || d.state === 'closed';
  return (
    <AdminLayout c={c} title={call.title} flash={notice}>
      <p class="mb-1">
        <a href={lp('/admin/bandi')}>{t('calls_admin.page.back_to_list')}</a>
      </p>
      <h1>{call.title}</h1>
      <p>
        {t('calls_admin.page.state')}: <StateBadge c={c} state={d.state} />
      </p>
      {d.state === 'closed' && can(c.var.actor, rankingRules.read) ? (
        <p>
          <a href={lp(`/admin/graduatorie/bando/${call.id}`)}>{t('rankings_admin.call_link')}</a>
        </p>
      ) : null}
      {problem || problemFields ? (
        <div class="alert alert-danger" role="alert" id="problem">
          {problem ? <p class="mb-1 fw-semibold">{problem}</p> : null}
          {problemFields ? <ProblemList c={c} fields={problemFields} /> : null}
        </div>
      ) : null}
      <dl class="row">
        <dt class="col-sm-4">{t('calls.fields.type')}</dt>
        <dd class="col-sm-8">{t(`calls.types.${call.type}`)}</dd>
        <dt class="col-sm-4">{t('calls.fields.employerId')}</dt>
        <dd class="col-sm-8">{d.employer.name}</dd>
        <dt class="col-sm-4">{t('calls.fields.professionCode')}</dt>
        <dd class="col-sm-8">{locale === 'en' && d.professionNameEn ? d.professionNameEn : d.professionName}</dd>
        <dt class="col-sm-4">{t('calls.fields.disciplineCode')}</dt>
        <dd class="col-sm-8">{d.disciplineName ?? t('calls_admin.page.not_set')}</dd>
        <dt class="col-sm-4">{t('calls.fields.posts')}</dt>
        <dd class="col-sm-8">{call.posts}</dd>
        <dt class="col-sm-4">{t('calls.fields.contractTerm')}</dt>
        <dd class="col-sm-8">
          {t(`calls.contract_terms.${call.contractTerm}`)}, {t(`calls.contract_hours.${call.contractHours}`)}
        </dd>
        <dt class="col-sm-4">{t('calls.fields.workplaces')}</dt>
        <dd class="col-sm-8">{d.workplaces.length ? d.workplaces.map((w) => `${w.name} (${w.province})`).join(', ') : t('calls_admin.page.not_set')}</dd>
        <dt class="col-sm-4">{t('calls.fields.publishAt')}</dt>
        <dd class="col-sm-8">{when(call.publishAt)}</dd>
        <dt class="col-sm-4">{t('calls.fields.deadline')}</dt>
        <dd class="col-sm-8">{when(call.deadline)}</dd>
        <dt class="col-sm-4">{t('calls.fields.officialRef')}</dt>
        <dd class="col-sm-8">{call.officialRef ?? t('calls_admin.page.not_set')}</dd>
        <dt class="col-sm-4">{t('calls.fields.applicationUrl')}</dt>
        <dd class="col-sm-8 text-break">{call.applicationUrl ? <a href={call.applicationUrl}>{call.applicationUrl}</a> : t('calls_admin.page.not_set')}</dd>
        <dt class="col-sm-4">{t('calls_admin.page.contact')}</dt>
        <dd class="col-sm-8">{[call.contactName, call.contactEmail, call.contactPhone].filter(Boolean).join(' · ') || t('calls_admin.page.not_set')}</dd>
        <dt class="col-sm-4">{t('calls.fields.slug')}</dt>
        <dd class="col-sm-8">
          {isPublic ? <a href={lp(`/bandi/${call.slug}`)}>{`/bandi/${call.slug}`}</a> : <code>{`/bandi/${call.slug}`}</code>}
        </dd>
        <dt class="col-sm-4">{t('calls_admin.page.clicks')}</dt>
        <dd class="col-sm-8" id="outbound-clicks">
          {f.number.format(clicks)}
        </dd>
        {can(c.var.actor, alertRules.stats) ? (
          <>
            <dt class="col-sm-4">{t('alerts_admin.call_link_term')}</dt>
            <dd class="col-sm-8">
              <a href={lp(`/admin/avvisi/${encodeURIComponent(call.id)}`)}>{t('alerts_admin.call_link')}</a>
            </dd>
          </>
        ) : null}
        <dt class="col-sm-4">{t('calls_admin.page.updated')}</dt>
        <dd class="col-sm-8">{when(call.updatedAt)}</dd>
      </dl>

      <h2 class="h4 mt-4">{t('calls_admin.page.actions')}</h2>
      <Actions c={c} d={d} schedule={schedule ?? emptyState(c)} />

      <h2 class="h4 mt-4">{t('calls_admin.page.preview')}</h2>
      <div class="card card-bg p-3 mb-4">
        <p class="small text-muted">{t('calls_admin.page.preview_hint')}</p>
        <h3 class="h5">{t('calls.fields.descriptionMd')}</h3>
        {description ? <div class="markdown">{raw(description)}</div> : <p>{t('calls_admin.page.not_set')}</p>}
        <h3 class="h5">{t('calls.fields.requirementsMd')}</h3>
        {requirements ? <div class="markdown">{raw(requirements)}</div> : <p>{t('calls_admin.page.not_set')}</p>}
        <h3 class="h5">{t('calls.fields.specialisations')}</h3>
        {d.specialisations.length ? (
          <ul>
            {d.specialisations.map((s) => (
              <li>
                {s.name} ({t(`calls.relation_kinds.${s.kind}`)})
              </li>
            ))}
          </ul>
        ) : d.toWholeProfession ? (
          <div class="alert alert-warning" role="note" id="whole-profession">
            {t('calls_admin.page.admission_fallback', { discipline: d.disciplineName ?? '', profession: locale === 'en' && d.professionNameEn ? d.professionNameEn : d.professionName })}
          </div>
        ) : (
          <p>{t('calls_admin.page.not_set')}</p>
        )}
      </div>

      <h2 class="h4 mt-4">{t('calls_admin.page.attachments')}</h2>
      <Attachments c={c} d={d} upload={upload ?? emptyState(c)} />

      <h2 class="h4 mt-5">{t('calls_admin.page.history')}</h2>
      <History c={c} history={history} />
    </AdminLayout>
  );
}
