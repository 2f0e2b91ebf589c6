// A meeting's page (/admin/incontri/<id>): its facts, the description, the links to edit, invite and
// cancel, the levers agreed with the directors, and the registrants (registrants.tsx).
import { raw } from 'hono/html';
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { renderMarkdown } from '../../../platform/markdown.ts';
import { LEVER_KINDS, meetingWhen, type Lever, type MeetingDetail } from '../../../domains/meetings/index.ts';
import { DetailList } from '../../kit/details.tsx';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { formState } from '../../kit/post.ts';
import { RowAction } from '../../kit/row-action.tsx';
import { DataTable } from '../../kit/table.tsx';
import { Registrants } from './registrants.tsx';

/** The page's forms that may come back with their errors. */
export interface MeetingForms {
  lever?: FormState;
  person?: FormState;
}

function Facts({ c, d }: { c: Ctx; d: MeetingDetail }) {
  const { t, lp, locale } = c.var;
  const m = d.meeting;
  return (
    <DetailList
      rows={[
        { label: t('meetings_admin.status'), value: t(`meetings_admin.meeting_status.${m.status}`) },
        { label: t('meetings_admin.fields.kind'), value: t(`meetings_admin.kinds.${m.kind}`) },
        !!d.disciplineName && { label: t('meetings_admin.fields.disciplineCode'), value: d.disciplineName },
        d.call && { label: t('meetings_admin.fields.callId'), value: <a href={lp(`/admin/bandi/${d.call.id}`)}>{d.call.title}</a> },
        { label: t('meetings_admin.starts'), value: <time datetime={m.startsAt.toISOString()}>{meetingWhen(locale, m)}</time> },
        { label: t(`meetings_admin.modes.${m.mode}`), value: m.mode === 'video' ? <a href={m.location}>{m.location}</a> : m.location },
        { label: t('meetings_admin.fields.capacity'), value: m.capacity === null ? t('meetings_admin.no_limit') : String(m.capacity) },
        m.kind === 'webinar' && {
          label: t('meetings_admin.public_page'),
          value: m.registrationOpen ? <a href={lp(`/webinar/${m.slug}`)}>{`/webinar/${m.slug}`}</a> : t('meetings_admin.registration_closed'),
        },
      ]}
    />
  );
}

function Levers({ c, d, form }: { c: Ctx; d: MeetingDetail; form?: FormState }) {
  const { t, lp } = c.var;
  const base = `/admin/incontri/${d.meeting.id}`;
  const s = form ?? formState(c);
  const kindLabel = (l: Lever) => t(`meetings_admin.lever_kinds.${l.kind}`);
  const labels = { kind: t('meetings_admin.lever.kind'), description: t('meetings_admin.lever.description'), owner: t('meetings_admin.lever.owner') };
  return (
    <section class="mb-5" aria-labelledby="levers">
      <h2 id="levers">{t('meetings_admin.levers')}</h2>
      <DataTable
        c={c}
        caption={t('meetings_admin.levers_caption')}
        rows={d.levers}
        empty={t('meetings_admin.no_levers')}
        columns={[
          { header: labels.kind, rowHeader: true, cell: kindLabel },
          { header: labels.description, cell: (l) => l.description },
          { header: labels.owner, cell: (l) => l.owner ?? '' },
          { header: t('meetings_admin.actions'), cell: (l) => <RowAction c={c} action={`${base}/leve/${l.id}/elimina`} label={t('meetings_admin.lever.remove', { kind: kindLabel(l) })} variant="outline-danger" /> },
        ]}
      />
      <h3 class="h5">{t('meetings_admin.lever.add_title')}</h3>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp(`${base}/leve`)} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <SelectField s={s} name="kind" label={labels.kind} required options={LEVER_KINDS.map((k) => ({ value: k, label: t(`meetings_admin.lever_kinds.${k}`) }))} />
        <TextField s={s} name="description" label={labels.description} required maxLength={1000} />
        <TextField s={s} name="owner" label={labels.owner} maxLength={200} hint={t('meetings_admin.lever.owner_hint')} />
        <button type="submit" class="btn btn-primary">
          {t('meetings_admin.lever.add')}
        </button>
      </form>
    </section>
  );
}

export function MeetingPage({ c, d, forms = {}, notice }: { c: Ctx; d: MeetingDetail; forms?: MeetingForms; notice?: string | null }) {
  const { t, lp } = c.var;
  const m = d.meeting;
  const base = `/admin/incontri/${m.id}`;
  const html = renderMarkdown(m.descriptionMd);
  return (
    <AdminLayout c={c} title={m.title} flash={notice}>
      <p>
        <a href={lp('/admin/incontri')}>{t('meetings_admin.back')}</a>
      </p>
      <h1>{m.title}</h1>
      {m.status === 'cancelled' ? (
        <p class="alert alert-warning" role="note">
          {t('meetings_admin.cancelled_note')}
        </p>
      ) : null}
      <Facts c={c} d={d} />
      {html ? <div class="markdown mb-4">{raw(html)}</div> : null}
      {m.status === 'scheduled' ? (
        <p>
          <a class="btn btn-outline-primary me-2" href={lp(`${base}/modifica`)}>
            {t('meetings_admin.edit')}
          </a>
          {m.kind === 'candidates' && d.call ? (
            <a class="btn btn-outline-primary me-2" href={lp(`${base}/invita`)}>
              {t('meetings_admin.invite.link')}
            </a>
          ) : null}
          <a class="btn btn-outline-danger" href={lp(`${base}/annulla`)}>
            {t('meetings_admin.cancel.link')}
          </a>
        </p>
      ) : null}
      {m.kind === 'directors' ? <Levers c={c} d={d} form={forms.lever} /> : null}
      {m.kind !== 'directors' || d.registrations.length ? <Registrants c={c} d={d} person={forms.person} /> : null}
    </AdminLayout>
  );
}
