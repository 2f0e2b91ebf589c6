// The one page of /admin/appuntamenti: the team's upcoming appointments (mark done or no-show once
// started, the person linked to their case), a booking link to send by email, and my rules (rules.tsx).
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import type { AvailabilityRule, UpcomingAppointment } from '../../../domains/appointments/index.ts';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { CaseLink, RowAction } from '../../kit/row-action.tsx';
import { DataTable, type Column } from '../../kit/table.tsx';
import { RulesSection } from './rules.tsx';

export interface AppointmentsData {
  rules: AvailabilityRule[];
  upcoming: UpcomingAppointment[];
  ruleForm: FormState;
  linkForm: FormState;
  /** The link just made: shown once, never put in a URL. */
  link?: { url: string; expiresAt: Date };
  notice?: string | null;
}

function upcomingColumns(c: Ctx): Column<UpcomingAppointment>[] {
  const { t, locale } = c.var;
  const f = fmt(locale);
  return [
    { header: t('appointments_admin.cols.when'), cell: (a) => `${f.dateTime.format(a.startsAt)}–${f.time.format(a.endsAt)}` },
    {
      header: t('appointments_admin.cols.person'),
      cell: (a) => (
        <>
          <CaseLink c={c} name={a.name} caseId={a.caseId} />
          <br />
          <small>{a.email}</small>
        </>
      ),
    },
    { header: t('appointments_admin.cols.mode'), cell: (a) => t(`appointments.modes.${a.mode}`) },
    { header: t('appointments_admin.cols.host'), cell: (a) => a.hostName },
    { header: t('appointments_admin.cols.status'), cell: (a) => t(`appointments.statuses.${a.status}`) },
    {
      header: t('appointments_admin.cols.actions'),
      cell: (a) =>
        a.status === 'booked' && a.startsAt <= c.var.deps.now() ? (
          <div class="d-flex gap-2">
            {(['done', 'no_show'] as const).map((s) => (
              <RowAction c={c} action={`/admin/appuntamenti/${a.id}/stato`} hidden={{ status: s }} label={t(`appointments_admin.mark.${s}`)} name={`${t(`appointments_admin.mark.${s}`)}: ${a.name}`} />
            ))}
          </div>
        ) : null,
    },
  ];
}

function LinkSection({ c, d }: { c: Ctx; d: AppointmentsData }) {
  const { t, locale, lp } = c.var;
  const s = d.linkForm;
  return (
    <section aria-labelledby="link" class="mb-5">
      <h2 id="link">{t('appointments_admin.link_title')}</h2>
      <p>{t('appointments_admin.link_intro')}</p>
      {d.link ? (
        <div class="alert alert-success" role="status">
          <p class="mb-1">{t('appointments_admin.link_ready', { date: fmt(locale).dateTime.format(d.link.expiresAt) })}</p>
          <code id="booking-link">{d.link.url}</code>
        </div>
      ) : null}
      <ErrorSummary s={s} labels={{ email: t('appointments_admin.fields.email') }} />
      <form method="post" action={lp('/admin/appuntamenti/link')}>
        <CsrfField token={c.var.csrfToken} />
        <TextField s={s} name="email" label={t('appointments_admin.fields.email')} type="email" required maxLength={254} />
        <TextField s={s} name="name" label={t('appointments_admin.fields.name')} maxLength={200} />
        <SelectField s={s} name="locale" label={t('appointments_admin.fields.locale')} options={(['it', 'en'] as const).map((l) => ({ value: l, label: t(`appointments_admin.locales.${l}`) }))} />
        <button type="submit" class="btn btn-primary">
          {t('appointments_admin.link_submit')}
        </button>
      </form>
    </section>
  );
}

export function AppointmentsPage({ c, d }: { c: Ctx; d: AppointmentsData }) {
  const t = c.var.t;
  return (
    <AdminLayout c={c} title={t('appointments_admin.title')} flash={d.notice}>
      <h1>{t('appointments_admin.title')}</h1>
      <section aria-labelledby="upcoming" class="mb-5">
        <h2 id="upcoming">{t('appointments_admin.upcoming')}</h2>
        <DataTable c={c} caption={t('appointments_admin.upcoming_caption', { n: d.upcoming.length })} columns={upcomingColumns(c)} rows={d.upcoming} empty={t('appointments_admin.no_upcoming')} />
      </section>
      <LinkSection c={c} d={d} />
      <RulesSection c={c} rules={d.rules} form={d.ruleForm} />
    </AdminLayout>
  );
}
