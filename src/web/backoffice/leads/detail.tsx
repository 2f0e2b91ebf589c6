// A lead's page (/admin/contatti/:id): the person's data, status and assignee, notes, the consent
// record and (admins) the way to erasure; and the page that confirms the erasure.
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { can } from '../../../platform/authz/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { LEAD_STATUSES, NOTE_MAX, leadRules, type LeadDetail } from '../../../domains/leads/index.ts';
import { ConfirmPage, DangerSection } from '../../kit/confirm.tsx';
import { DetailList, Time } from '../../kit/details.tsx';
import { EntryList } from '../../kit/entries.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextArea, type FormState } from '../../kit/form.tsx';
import { formState } from '../../kit/post.ts';
import { DataTable } from '../../kit/table.tsx';
import { sourceLabel } from './list.tsx';

export type Staff = { id: string; name: string; email: string };

export interface LeadForms {
  update?: FormState;
  note?: FormState;
}

export interface LeadPageData {
  d: LeadDetail;
  staff: Staff[];
  caseId: string | null;
}

type Consent = LeadDetail['consents'][number];

function ConsentTable({ c, consents }: { c: Ctx; consents: Consent[] }) {
  const { t, locale } = c.var;
  const none = t('leads_admin.not_given');
  return (
    <DataTable
      c={c}
      small
      caption={t('leads_admin.consent_caption')}
      empty={t('leads_admin.no_consent')}
      rows={consents}
      columns={[
        { header: t('leads_admin.consent_given'), cell: (r) => <Time at={r.givenAt} locale={locale} /> },
        { header: t('leads_admin.consent_version'), value: (r) => r.noticeVersion },
        { header: t('leads_admin.source'), value: (r) => (r.source ? sourceLabel(c, r.source) : none) },
        {
          header: t('leads_admin.consent_utm'),
          value: (r) =>
            r.utm && Object.keys(r.utm).length
              ? Object.entries(r.utm)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ')
              : none,
        },
      ]}
    />
  );
}

export function LeadPage({ c, data, forms = {}, notice }: { c: Ctx; data: LeadPageData; forms?: LeadForms; notice?: string | null }) {
  const { t, lp, locale } = c.var;
  const { d, staff, caseId } = data;
  const { lead } = d;
  const none = <em>{t('leads_admin.not_given')}</em>;
  const base = `/admin/contatti/${lead.id}`;
  const update = forms.update ?? formState(c, { status: lead.status, assigneeId: lead.assigneeId ?? '' });
  const note = forms.note ?? formState(c);
  // A former assignee no longer active still shows as the current value.
  const people = lead.assigneeId && !staff.some((u) => u.id === lead.assigneeId) ? [...staff, { id: lead.assigneeId, name: d.assigneeName ?? t('leads_admin.unknown_person'), email: '' }] : staff;
  const when = (date: Date | null) => (date ? <Time at={date} locale={locale} /> : none);
  return (
    <AdminLayout c={c} title={lead.name} flash={notice}>
      <p>
        <a href={lp('/admin/contatti')}>{t('leads_admin.back')}</a>
      </p>
      <h1>{lead.name}</h1>
      <p class="lead">{t('leads_admin.summary', { status: t(`leads.statuses.${lead.status}`), date: fmt(locale).dateTime.format(lead.createdAt) })}</p>

      <section class="mb-5" aria-labelledby="person">
        <h2 id="person">{t('leads_admin.person')}</h2>
        <DetailList
          rows={[
            { label: t('leads.fields.email'), value: <a href={`mailto:${lead.email}`}>{lead.email}</a> },
            { label: t('leads.fields.phone'), value: lead.phone ? <a href={`tel:${lead.phone.replace(/[^\d+]/g, '')}`}>{lead.phone}</a> : none },
            { label: t('leads.fields.professionCode'), value: d.professionName ?? lead.professionCode },
            { label: t('leads.fields.specialisationCode'), value: d.specialisationName ?? none },
            { label: t('leads.fields.preferredTime'), value: t(`leads.preferred_times.${lead.preferredTime}`) },
            { label: t('leads_admin.language'), value: t(`leads_admin.languages.${lead.locale}`) },
            { label: t('leads_admin.call'), value: d.call ? <a href={lp(`/bandi/${d.call.slug}`)}>{d.call.title}</a> : none },
            { label: t('leads_admin.source'), value: lead.source ? sourceLabel(c, lead.source) : none },
            { label: t('leads_admin.contacted_at'), value: when(lead.contactedAt) },
            { label: t('leads_admin.closed_at'), value: when(lead.closedAt) },
            { label: t('leads_admin.updated_at'), value: when(lead.updatedAt) },
            { label: t('cases_admin.case_link'), value: caseId ? <a href={lp(`/admin/casi/${caseId}`)}>{t('cases_admin.open_case')}</a> : none },
          ]}
        />
        <h3 class="h5">{t('leads.fields.message')}</h3>
        {lead.message ? <p class="entry-body">{lead.message}</p> : <p>{none}</p>}
      </section>

      <section class="mb-5" aria-labelledby="work">
        <h2 id="work">{t('leads_admin.work')}</h2>
        <ErrorSummary s={update} labels={{ status: t('leads_admin.status'), assigneeId: t('leads_admin.assignee') }} />
        <form method="post" action={lp(base)} novalidate>
          <CsrfField token={c.var.csrfToken} />
          <div class="row">
            <div class="col-md-6">
              <SelectField s={update} name="status" label={t('leads_admin.status')} options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.statuses.${s}`) }))} />
            </div>
            <div class="col-md-6">
              <SelectField
                s={update}
                name="assigneeId"
                label={t('leads_admin.assignee')}
                empty={t('leads_admin.nobody')}
                options={people.map((u) => ({ value: u.id, label: u.id === c.var.user?.id ? t('leads_admin.me', { name: u.name }) : u.name }))}
              />
            </div>
          </div>
          <FormActions>
            <button type="submit" class="btn btn-primary">
              {t('leads_admin.save')}
            </button>
          </FormActions>
        </form>
      </section>

      <section class="mb-5" aria-labelledby="notes">
        <h2 id="notes">{t('leads_admin.notes')}</h2>
        <ErrorSummary s={note} labels={{ body: t('leads_admin.note') }} />
        <form method="post" action={lp(`${base}/note`)} novalidate>
          <CsrfField token={c.var.csrfToken} />
          <TextArea s={note} name="body" label={t('leads_admin.note')} required maxLength={NOTE_MAX} rows={3} hint={t('leads_admin.note_hint')} />
          <button type="submit" class="btn btn-primary">
            {t('leads_admin.add_note')}
          </button>
        </form>
        <EntryList
          class="mt-4"
          empty={t('leads_admin.no_notes')}
          entries={d.notes.map((n) => ({ meta: [<strong>{n.authorLabel}</strong>, <Time at={n.createdAt} locale={locale} />], body: n.body }))}
        />
      </section>

      <section class="mb-5" aria-labelledby="consent">
        <h2 id="consent">{t('leads_admin.consent')}</h2>
        <ConsentTable c={c} consents={d.consents} />
      </section>

      {can(c.var.actor, leadRules.erase) ? (
        <DangerSection c={c} id="erase" title={t('leads_admin.erase_title')} intro={t('leads_admin.erase_intro')} link={{ href: `${base}/cancella`, label: t('leads_admin.erase_start') }} />
      ) : null}
    </AdminLayout>
  );
}

export function LeadErasePage({ c, d }: { c: Ctx; d: LeadDetail }) {
  const { t } = c.var;
  const base = `/admin/contatti/${d.lead.id}`;
  return (
    <ConfirmPage
      c={c}
      title={t('leads_admin.erase_confirm_title', { name: d.lead.name })}
      action={`${base}/cancella`}
      warning={t('leads_admin.erase_irreversible')}
      submit={t('leads_admin.erase_confirm')}
      cancel={{ href: base, label: t('leads_admin.cancel') }}
    >
      <p>{t('leads_admin.erase_confirm_text')}</p>
      <ul>
        <li>{t('leads_admin.erase_what_lead')}</li>
        <li>{t('leads_admin.erase_what_notes', { count: d.notes.length })}</li>
        <li>{t('leads_admin.erase_what_consent')}</li>
        <li>{t('leads_admin.erase_what_mails')}</li>
      </ul>
    </ConfirmPage>
  );
}
