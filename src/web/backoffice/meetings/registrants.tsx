// Who comes to a meeting: the registrants with attendance (one form, once the meeting has started),
// their export from the same columns, registering one person by hand, and inviting the ranked
// candidates of the meeting's call (/admin/incontri/<id>/invita).
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { EXPORT_FORMATS } from '../../../platform/export/index.ts';
import type { Invitee, MeetingDetail, Registration } from '../../../domains/meetings/index.ts';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { formState } from '../../kit/post.ts';
import { CaseLink } from '../../kit/row-action.tsx';
import { DataTable, type Column } from '../../kit/table.tsx';

/** The registrants' columns: the page shows the attendance checkbox, the export says yes or no. */
export function registrantColumns(c: Ctx, started = false): Column<Registration>[] {
  const { t } = c.var;
  const yesNo = (v: boolean | null) => (v === null ? '' : t(v ? 'meetings_admin.yes' : 'meetings_admin.no'));
  return [
    { header: t('meetings.fields.name'), rowHeader: true, value: (r) => r.name, width: 30, cell: (r) => <CaseLink c={c} name={r.name} caseId={r.caseId} /> },
    { header: t('meetings.fields.email'), value: (r) => r.email, width: 32 },
    { header: t('meetings.fields.locale'), value: (r) => r.locale, only: 'export' },
    { header: t('meetings_admin.status'), value: (r) => t(`meetings_admin.reg_status.${r.status}`) },
    {
      header: t('meetings_admin.attended'),
      value: (r) => yesNo(r.attended),
      cell: (r) =>
        r.status === 'registered' && started ? (
          <div class="form-check my-0">
            <input type="checkbox" id={`att-${r.id}`} name="present" value={r.id} checked={r.attended === true} />
            <label for={`att-${r.id}`}>{t('meetings_admin.present', { name: r.name })}</label>
          </div>
        ) : r.attended === null ? (
          t('meetings_admin.not_marked')
        ) : (
          yesNo(r.attended)
        ),
    },
    { header: t('meetings_admin.registered_at'), value: (r) => r.createdAt, width: 20, only: 'export' },
  ];
}

/** The registrants section of a meeting's page; `person` is the by-hand form coming back with its errors. */
export function Registrants({ c, d, person }: { c: Ctx; d: MeetingDetail; person?: FormState }) {
  const { t, lp } = c.var;
  const m = d.meeting;
  const base = `/admin/incontri/${m.id}`;
  const ps = person ?? formState(c, { locale: 'it' });
  const labels = { name: t('meetings.fields.name'), email: t('meetings.fields.email'), locale: t('meetings.fields.locale') };
  const active = d.registrations.filter((r) => r.status === 'registered');
  const started = m.startsAt <= c.var.deps.now();
  return (
    <section class="mb-5" aria-labelledby="registrants">
      <h2 id="registrants">{t('meetings_admin.registrants')}</h2>
      {d.registrations.length ? (
        <>
          <p>
            {EXPORT_FORMATS.map((x) => (
              <a class="btn btn-outline-primary btn-sm me-2" href={lp(`${base}/iscritti?formato=${x}`)}>
                {t('meetings_admin.export', { format: x.toUpperCase() })}
              </a>
            ))}
          </p>
          <form method="post" action={lp(`${base}/presenze`)}>
            <CsrfField token={c.var.csrfToken} />
            <DataTable c={c} caption={t('meetings_admin.registrants_caption', { count: active.length })} columns={registrantColumns(c, started)} rows={d.registrations} empty="" />
            {started && active.length ? (
              <button type="submit" class="btn btn-primary">
                {t('meetings_admin.save_attendance')}
              </button>
            ) : (
              <p>{t('meetings_admin.attendance_after')}</p>
            )}
          </form>
        </>
      ) : (
        <p>{t('meetings_admin.no_registrants')}</p>
      )}
      {m.status === 'scheduled' ? (
        <>
          <h3 class="h5">{t('meetings_admin.person.title')}</h3>
          <p>{t('meetings_admin.person.intro')}</p>
          <ErrorSummary s={ps} labels={labels} />
          <form method="post" action={lp(`${base}/iscrivi`)} novalidate>
            <CsrfField token={c.var.csrfToken} />
            <TextField s={ps} name="name" label={labels.name} required maxLength={200} />
            <TextField s={ps} name="email" type="email" label={labels.email} required maxLength={254} />
            <SelectField s={ps} name="locale" label={labels.locale} options={(['it', 'en'] as const).map((l) => ({ value: l, label: t(`meetings.languages.${l}`) }))} />
            <button type="submit" class="btn btn-primary">
              {t('meetings_admin.person.submit')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

function inviteeColumns(c: Ctx): Column<Invitee>[] {
  const { t } = c.var;
  return [
    { header: t('meetings_admin.invite.rank'), cell: (i) => String(i.rank) },
    { header: t('meetings.fields.name'), rowHeader: true, cell: (i) => i.name },
    { header: t('meetings.fields.email'), cell: (i) => i.email ?? t('meetings_admin.invite.no_email') },
    {
      header: t('meetings_admin.invite.choose'),
      cell: (i) =>
        i.registered ? (
          t('meetings_admin.invite.registered')
        ) : i.email ? (
          <div class="form-check my-0">
            <input type="checkbox" id={`cand-${i.candidateId}`} name="candidate" value={i.candidateId} />
            <label for={`cand-${i.candidateId}`}>{t('meetings_admin.invite.pick', { name: i.name, rank: i.rank })}</label>
          </div>
        ) : (
          t('meetings_admin.invite.cannot')
        ),
    },
  ];
}

/** The call's candidates list by list, to invite all at once or those ticked; `error` is the form's message key. */
export function InvitePage({ c, d, invitees, error }: { c: Ctx; d: MeetingDetail; invitees: Invitee[]; error?: string }) {
  const { t, lp } = c.var;
  const m = d.meeting;
  const base = `/admin/incontri/${m.id}`;
  const title = t('meetings_admin.invite.title', { title: m.title });
  const open = invitees.filter((i) => i.email && !i.registered);
  const lists = [...new Set(invitees.map((i) => i.listTitle + '\u0000' + i.listKind))];
  const columns = inviteeColumns(c);
  return (
    <AdminLayout c={c} title={title}>
      <p>
        <a href={lp(base)}>{t('meetings_admin.invite.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('meetings_admin.invite.intro', { call: d.call?.title ?? '' })}</p>
      {error ? (
        <div class="alert alert-danger" role="alert" id="candidates-error">
          {t(error)}
        </div>
      ) : null}
      {!invitees.length ? (
        <p>{t('meetings_admin.invite.none')}</p>
      ) : (
        <>
          <form method="post" action={lp(`${base}/invita`)} class="mb-4">
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="tutti" value="on" />
            <button type="submit" class="btn btn-primary" disabled={!open.length}>
              {t('meetings_admin.invite.all', { count: open.length })}
            </button>
          </form>
          <form method="post" action={lp(`${base}/invita`)}>
            <CsrfField token={c.var.csrfToken} />
            {lists.map((key) => {
              const [listTitle, listKind] = key.split('\u0000') as [string, string];
              const rows = invitees.filter((i) => i.listTitle === listTitle && i.listKind === listKind);
              const caption = t('meetings_admin.invite.caption', { list: listTitle, kind: t(`meetings_admin.invite.list_kinds.${listKind}`), count: rows.length });
              return <DataTable c={c} caption={caption} columns={columns} rows={rows} empty="" />;
            })}
            <button type="submit" class="btn btn-outline-primary" disabled={!open.length}>
              {t('meetings_admin.invite.selected')}
            </button>
          </form>
        </>
      )}
    </AdminLayout>
  );
}
