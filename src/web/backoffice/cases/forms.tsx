// The forms of the cases section: a new case typed in (/admin/casi/nuovo), and on a case's page the
// stage and assignee, a task, and an entry of the timeline (a note, a call or a mail logged by hand).
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CASE_STAGES, NOTE_MAX } from '../../../domains/cases/index.ts';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { staffOptions, type Staff } from './shared.ts';

export type Prof = { code: string; name: string };

export function NewCasePage({ c, s, staff, profs }: { c: Ctx; s: FormState; staff: Staff[]; profs: Prof[] }) {
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

/** Stage and assignee; `people` holds the current assignee even when no longer active. */
export function StageForm({ c, s, base, people }: { c: Ctx; s: FormState; base: string; people: Staff[] }) {
  const { t, lp } = c.var;
  const labels = { stage: t('cases_admin.stage'), lostReason: t('cases_admin.lost_reason'), assigneeId: t('cases_admin.assignee') };
  return (
    <>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp(`${base}/fase`)} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <div class="row">
          <div class="col-md-6">
            <SelectField s={s} name="stage" label={labels.stage} options={CASE_STAGES.map((x) => ({ value: x, label: t(`cases.stages.${x}`) }))} />
          </div>
          <div class="col-md-6">
            <SelectField s={s} name="assigneeId" label={labels.assigneeId} empty={t('cases_admin.nobody')} options={staffOptions(c, people)} />
          </div>
        </div>
        <TextField s={s} name="lostReason" label={labels.lostReason} hint={t('cases_admin.lost_reason_hint')} maxLength={500} />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('cases_admin.save')}
          </button>
        </FormActions>
      </form>
    </>
  );
}

export function TaskForm({ c, s, base, staff }: { c: Ctx; s: FormState; base: string; staff: Staff[] }) {
  const { t, lp } = c.var;
  const labels = { title: t('cases_admin.task_title'), dueDate: t('cases_admin.task_due_date'), dueTime: t('cases_admin.task_due_time'), taskAssigneeId: t('cases_admin.task_assignee') };
  return (
    <>
      <h3 class="h5 mt-4">{t('cases_admin.task_add')}</h3>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp(`${base}/attivita`)} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField s={s} name="title" label={labels.title} required maxLength={300} />
        <div class="row">
          <div class="col-md-4">
            <TextField s={s} name="dueDate" type="date" label={labels.dueDate} hint={t('cases_admin.task_due_hint')} />
          </div>
          <div class="col-md-4">
            <TextField s={s} name="dueTime" type="time" label={labels.dueTime} />
          </div>
          <div class="col-md-4">
            <SelectField s={s} name="taskAssigneeId" label={labels.taskAssigneeId} empty={t('cases_admin.nobody')} options={staffOptions(c, staff)} />
          </div>
        </div>
        <button type="submit" class="btn btn-primary">
          {t('cases_admin.task_add')}
        </button>
      </form>
    </>
  );
}

export function EntryForm({ c, s, base }: { c: Ctx; s: FormState; base: string }) {
  const { t, lp } = c.var;
  const labels = { kind: t('cases_admin.entry_kind'), body: t('cases_admin.entry_body') };
  return (
    <>
      <h3 class="h5">{t('cases_admin.entry')}</h3>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp(`${base}/voce`)} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <SelectField s={s} name="kind" label={labels.kind} options={(['note', 'call', 'mail'] as const).map((x) => ({ value: x, label: t(`cases.kinds.${x}`) }))} />
        <TextArea s={s} name="body" label={labels.body} required maxLength={NOTE_MAX} rows={3} hint={t('cases_admin.entry_hint')} />
        <button type="submit" class="btn btn-primary">
          {t('cases_admin.entry_add')}
        </button>
      </form>
    </>
  );
}
