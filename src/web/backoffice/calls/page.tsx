// A call's back-office page (/admin/bandi/:id): its state and key fields, a preview of what the
// public page shows, the lifecycle actions allowed now, attachments, outbound clicks and history.
import { raw } from 'hono/html';
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { can } from '../../../platform/authz/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import type { CallHistoryEntry, StaffCallPage } from '../../../domains/calls/index.ts';
import { alertRules } from '../../../domains/alerts/index.ts';
import { rankingRules } from '../../../domains/rankings/index.ts';
import { DetailList, Time } from '../../kit/details.tsx';
import type { FormState } from '../../kit/form.tsx';
import { formState } from '../../kit/post.ts';
import { DataTable } from '../../kit/table.tsx';
import { Actions, Attachments } from './actions.tsx';
import { ProblemList, StateBadge } from './calls-shared.tsx';

export interface CallPageProps {
  c: Ctx;
  data: StaffCallPage;
  notice?: string | null;
  /** A refused action: a message, or the fields that stop it. */
  problem?: string | null;
  problemFields?: FieldErrors | null;
  schedule?: FormState;
  upload?: FormState;
}

function History({ c, history }: { c: Ctx; history: CallHistoryEntry[] }) {
  const { t, locale } = c.var;
  return (
    <DataTable
      c={c}
      small
      caption={t('calls_admin.page.history_caption', { count: history.length })}
      empty={t('calls_admin.page.no_history')}
      rows={history}
      columns={[
        { header: t('calls_admin.page.history_when'), cell: (h) => <Time at={h.at} locale={locale} /> },
        { header: t('calls_admin.page.history_who'), value: (h) => h.actorLabel },
        {
          header: t('calls_admin.page.history_what'),
          rowHeader: true,
          cell: (h) => (
            <>
              <code>{h.action}</code>
              {h.summary && h.action.startsWith('call.attachment') ? <span class="d-block small">{h.summary}</span> : null}
            </>
          ),
        },
        { header: t('calls_admin.page.history_changes'), cell: (h) => (h.changes && Object.keys(h.changes).length ? <span class="text-break small">{Object.keys(h.changes).join(', ')}</span> : '') },
      ]}
    />
  );
}

function Markdown({ c, md }: { c: Ctx; md: string }) {
  const html = renderMarkdown(md);
  return html ? <div class="markdown">{raw(html)}</div> : <p>{c.var.t('calls_admin.page.not_set')}</p>;
}

export function CallPage({ c, data, notice, problem, problemFields, schedule, upload }: CallPageProps) {
  const { t, lp, locale, actor } = c.var;
  const { detail: d, clicks, history } = data;
  const call = d.call;
  const notSet = t('calls_admin.page.not_set');
  const when = (x: Date | null) => (x ? <Time at={x} locale={locale} /> : notSet);
  const profession = locale === 'en' && d.professionNameEn ? d.professionNameEn : d.professionName;
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
      {d.state === 'closed' && can(actor, rankingRules.read) ? (
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
      <DetailList
        rows={[
          { label: t('calls.fields.type'), value: t(`calls.types.${call.type}`) },
          { label: t('calls.fields.employerId'), value: d.employer.name },
          { label: t('calls.fields.professionCode'), value: profession },
          { label: t('calls.fields.disciplineCode'), value: d.disciplineName ?? notSet },
          { label: t('calls.fields.posts'), value: call.posts },
          { label: t('calls.fields.contractTerm'), value: `${t(`calls.contract_terms.${call.contractTerm}`)}, ${t(`calls.contract_hours.${call.contractHours}`)}` },
          { label: t('calls.fields.workplaces'), value: d.workplaces.length ? d.workplaces.map((w) => `${w.name} (${w.province})`).join(', ') : notSet },
          { label: t('calls.fields.publishAt'), value: when(call.publishAt) },
          { label: t('calls.fields.deadline'), value: when(call.deadline) },
          { label: t('calls.fields.officialRef'), value: call.officialRef ?? notSet },
          { label: t('calls.fields.applicationUrl'), value: call.applicationUrl ? <a class="text-break" href={call.applicationUrl}>{call.applicationUrl}</a> : notSet },
          { label: t('calls_admin.page.contact'), value: [call.contactName, call.contactEmail, call.contactPhone].filter(Boolean).join(' · ') || notSet },
          { label: t('calls.fields.slug'), value: isPublic ? <a href={lp(`/bandi/${call.slug}`)}>{`/bandi/${call.slug}`}</a> : <code>{`/bandi/${call.slug}`}</code> },
          { label: t('calls_admin.page.clicks'), value: fmt(locale).number.format(clicks), id: 'outbound-clicks' },
          can(actor, alertRules.stats) && { label: t('alerts_admin.call_link_term'), value: <a href={lp(`/admin/avvisi/${encodeURIComponent(call.id)}`)}>{t('alerts_admin.call_link')}</a> },
          { label: t('calls_admin.page.updated'), value: when(call.updatedAt) },
        ]}
      />

      <h2 class="h4 mt-4">{t('calls_admin.page.actions')}</h2>
      <Actions c={c} d={d} schedule={schedule ?? formState(c)} />

      <h2 class="h4 mt-4">{t('calls_admin.page.preview')}</h2>
      <div class="card card-bg p-3 mb-4">
        <p class="small text-muted">{t('calls_admin.page.preview_hint')}</p>
        <h3 class="h5">{t('calls.fields.descriptionMd')}</h3>
        <Markdown c={c} md={call.descriptionMd} />
        <h3 class="h5">{t('calls.fields.requirementsMd')}</h3>
        <Markdown c={c} md={call.requirementsMd} />
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
            {t('calls_admin.page.admission_fallback', { discipline: d.disciplineName ?? '', profession })}
          </div>
        ) : (
          <p>{notSet}</p>
        )}
      </div>

      <h2 class="h4 mt-4">{t('calls_admin.page.attachments')}</h2>
      <Attachments c={c} d={d} upload={upload ?? formState(c)} />

      <h2 class="h4 mt-5">{t('calls_admin.page.history')}</h2>
      <History c={c} history={history} />
    </AdminLayout>
  );
}
