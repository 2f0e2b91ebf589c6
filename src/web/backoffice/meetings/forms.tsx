// The form to create or edit a meeting (/admin/incontri/nuovo, /admin/incontri/<id>/modifica) and
// the page that asks before cancelling one (/admin/incontri/<id>/annulla).
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import type { FormValues } from '../../../platform/forms/index.ts';
import { toRomeLocal } from '../../../platform/i18n/format.ts';
import { DESCRIPTION_MAX, MEETING_KINDS, meetingFormOptions, meetingWhen, type MeetingDetail, type MeetingKind } from '../../../domains/meetings/index.ts';
import { ConfirmPage } from '../../kit/confirm.tsx';
import { CheckboxGroup, CsrfField, ErrorSummary, FormActions, SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';

export type MeetingOptions = Awaited<ReturnType<typeof meetingFormOptions>>;

const FIELDS = ['kind', 'title', 'descriptionMd', 'disciplineCode', 'callId', 'date', 'startTime', 'endDate', 'endTime', 'mode', 'location', 'capacity', 'registrationOpen'] as const;

/** A new meeting (no `id`) chooses its kind; an existing one keeps it (`kind`, sent hidden). */
export function MeetingForm({ c, s, options, id, kind }: { c: Ctx; s: FormState; options: MeetingOptions; id?: string; kind?: MeetingKind }) {
  const { t, lp } = c.var;
  const L = Object.fromEntries(FIELDS.map((k) => [k, t(`meetings_admin.fields.${k}`)])) as Record<(typeof FIELDS)[number], string>;
  const title = id ? t('meetings_admin.edit') : t('meetings_admin.new');
  return (
    <AdminLayout c={c} title={title}>
      <p>
        <a href={lp(id ? `/admin/incontri/${id}` : '/admin/incontri')}>{t('meetings_admin.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary s={s} labels={L} />
      <form method="post" action={lp(id ? `/admin/incontri/${id}/modifica` : '/admin/incontri/nuovo')} novalidate>
        <CsrfField token={c.var.csrfToken} />
        {kind ? (
          <>
            <input type="hidden" name="kind" value={kind} />
            <p>
              <strong>{L.kind}:</strong> {t(`meetings_admin.kinds.${kind}`)}
            </p>
          </>
        ) : (
          <SelectField s={s} name="kind" label={L.kind} required hint={t('meetings_admin.kind_hint')} options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings_admin.kinds.${k}`) }))} />
        )}
        <TextField s={s} name="title" label={L.title} required maxLength={200} />
        <TextArea s={s} name="descriptionMd" label={L.descriptionMd} maxLength={DESCRIPTION_MAX} rows={6} hint={t('meetings_admin.markdown_hint')} />
        <SelectField
          s={s}
          name="disciplineCode"
          label={L.disciplineCode}
          empty={t('meetings_admin.choose')}
          hint={t('meetings_admin.discipline_hint')}
          options={options.disciplines.map((d) => ({ value: String(d.code), label: d.name }))}
        />
        <SelectField s={s} name="callId" label={L.callId} empty={t('meetings_admin.choose')} hint={t('meetings_admin.call_hint')} options={options.calls.map((x) => ({ value: x.id, label: x.title }))} />
        {(
          [
            ['date', 'startTime', undefined],
            ['endDate', 'endTime', t('meetings_admin.end_date_hint')],
          ] as const
        ).map(([day, time, dayHint]) => (
          <div class="row">
            <div class="col-md-6">
              <TextField s={s} name={day} type="date" label={L[day]} required={day === 'date' || undefined} hint={dayHint} />
            </div>
            <div class="col-md-6">
              <TextField s={s} name={time} type="time" label={L[time]} required hint={t('meetings_admin.rome_hint')} />
            </div>
          </div>
        ))}
        <SelectField s={s} name="mode" label={L.mode} options={(['video', 'in_person'] as const).map((m) => ({ value: m, label: t(`meetings_admin.modes.${m}`) }))} />
        <TextField s={s} name="location" label={L.location} required maxLength={500} hint={t('meetings_admin.location_hint')} />
        <TextField s={s} name="capacity" type="number" label={L.capacity} hint={t('meetings_admin.capacity_hint')} />
        <CheckboxGroup s={s} name="registrationOpen" legend={t('meetings_admin.registration_legend')} options={[{ value: 'on', label: L.registrationOpen }]} />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('meetings_admin.save')}
          </button>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

/** The edit form's values from the meeting as stored (times in Europe/Rome). */
export function editValues(d: MeetingDetail): FormValues {
  const m = d.meeting;
  const s = toRomeLocal(m.startsAt);
  const e = toRomeLocal(m.endsAt);
  return {
    kind: m.kind,
    title: m.title,
    descriptionMd: m.descriptionMd,
    disciplineCode: m.disciplineCode ? String(m.disciplineCode) : '',
    callId: m.callId ?? '',
    date: s.date,
    startTime: s.time,
    endDate: e.date,
    endTime: e.time,
    mode: m.mode,
    location: m.location,
    capacity: m.capacity === null ? '' : String(m.capacity),
    registrationOpen: m.registrationOpen ? 'on' : '',
  };
}

/** Cancelling tells every active registrant: the page says how many before the one button. */
export function CancelPage({ c, d }: { c: Ctx; d: MeetingDetail }) {
  const { t, locale } = c.var;
  const m = d.meeting;
  const active = d.registrations.filter((r) => r.status === 'registered').length;
  return (
    <ConfirmPage c={c} title={t('meetings_admin.cancel.title')} back={{ href: `/admin/incontri/${m.id}`, label: t('meetings_admin.invite.back') }} action={`/admin/incontri/${m.id}/annulla`} submit={t('meetings_admin.cancel.submit')}>
      <p>{t('meetings_admin.cancel.text', { title: m.title, when: meetingWhen(locale, m), count: active })}</p>
    </ConfirmPage>
  );
}
