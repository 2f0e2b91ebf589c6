// The lifecycle moves a call's page offers now (edit, publish now or at a Rome date and time, back
// to draft, close, archive), each a POST form shown only to those allowed and only in the states
// that allow it; and the attachments with their upload form.
import type { Ctx } from '../../context.ts';
import { can } from '../../../platform/authz/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { MAX_ATTACHMENT_BYTES, callRules, type CallDetail } from '../../../domains/calls/index.ts';
import { ActionForm } from '../../kit/action.tsx';
import { CsrfField, FileField, TextField, type FormState } from '../../kit/form.tsx';
import { RowAction } from '../../kit/row-action.tsx';
import { DataTable } from '../../kit/table.tsx';
import { callPath } from './calls-shared.tsx';

function Move({ c, id, path, label, hint, danger }: { c: Ctx; id: string; path: string; label: string; hint: string; danger?: boolean }) {
  return (
    <ActionForm c={c} action={callPath(id, path)} label={label} variant={danger ? 'outline-danger' : 'primary'} class="mb-3">
      <p class="mb-1 small">{hint}</p>
    </ActionForm>
  );
}

function ScheduleForm({ c, id, rescheduling, s }: { c: Ctx; id: string; rescheduling: boolean; s: FormState }) {
  const { t, lp } = c.var;
  return (
    <form method="post" action={lp(callPath(id, '/programma'))} class="mb-3" novalidate>
      <CsrfField token={c.var.csrfToken} />
      <fieldset>
        <legend class="h6">{rescheduling ? t('calls_admin.page.reschedule') : t('calls_admin.page.schedule')}</legend>
        <div class="row">
          <div class="col-12 col-md-6">
            <TextField s={s} name="scheduleDate" type="date" label={t('calls.fields.publishDate')} required />
          </div>
          <div class="col-12 col-md-6">
            <TextField s={s} name="scheduleTime" type="time" label={t('calls.fields.publishTime')} required />
          </div>
        </div>
      </fieldset>
      <button type="submit" class="btn btn-primary">
        {t('calls_admin.page.schedule_button')}
      </button>
    </form>
  );
}

export function Actions({ c, d, schedule }: { c: Ctx; d: CallDetail; schedule: FormState }) {
  const { t, lp, actor } = c.var;
  const id = d.call.id;
  const state = d.state;
  const move = (path: string, key: string, danger?: boolean) => <Move c={c} id={id} path={path} label={t(`calls_admin.page.${key}`)} hint={t(`calls_admin.page.${key}_hint`)} danger={danger} />;
  const items = [];
  if (state !== 'archived' && can(actor, callRules.update))
    items.push(
      <p>
        <a class="btn btn-outline-primary" href={lp(callPath(id, '/modifica'))}>
          {t('calls_admin.page.edit')}
        </a>
      </p>,
    );
  if ((state === 'draft' || state === 'scheduled') && can(actor, callRules.publish)) {
    items.push(move('/pubblica', 'publish_now'));
    items.push(<ScheduleForm c={c} id={id} rescheduling={state === 'scheduled'} s={schedule} />);
  }
  if (state === 'scheduled' && can(actor, callRules.publish)) items.push(move('/bozza', 'unpublish'));
  if (state === 'open' && can(actor, callRules.close)) items.push(move('/chiudi', 'close', true));
  if ((state === 'closed' || state === 'draft') && can(actor, callRules.archive)) items.push(move('/archivia', 'archive', true));
  if (!items.length) return <p>{t('calls_admin.page.no_actions')}</p>;
  return <>{items}</>;
}

type Attachment = CallDetail['attachments'][number];

export function Attachments({ c, d, upload }: { c: Ctx; d: CallDetail; upload: FormState }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const id = d.call.id;
  const manage = can(c.var.actor, callRules.attachments) && d.state !== 'archived';
  const fileError = upload.errors.file;
  const name = (a: Attachment) => a.title || a.filename;
  return (
    <>
      <DataTable
        c={c}
        caption={t('calls_admin.page.attachments_caption', { count: d.attachments.length })}
        empty={t('calls_admin.page.no_attachments')}
        rows={d.attachments}
        columns={[
          {
            header: t('calls_admin.page.attachment_file'),
            rowHeader: true,
            cell: (a) => (
              <>
                <a href={lp(callPath(id, `/allegati/${a.id}`))}>{name(a)}</a>
                {a.title ? <small class="d-block text-muted">{a.filename}</small> : null}
              </>
            ),
          },
          { header: t('calls_admin.page.attachment_size'), value: (a) => t('calls_admin.page.kb', { kb: f.number.format(Math.max(1, Math.round(a.size / 1024))) }) },
          ...(manage
            ? [
                {
                  header: t('calls_admin.page.attachment_actions'),
                  cell: (a: Attachment) => <RowAction c={c} action={callPath(id, `/allegati/${a.id}/elimina`)} label={t('calls_admin.page.attachment_delete', { name: name(a) })} variant="outline-danger" />,
                },
              ]
            : []),
        ]}
      />
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
