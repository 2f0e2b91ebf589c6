// My weekly availability: the rules' table with edit and delete, the form to add one, and the page
// to edit one (/admin/appuntamenti/regole/<id>/modifica). The same fields serve both forms.
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import type { FormValues } from '../../../platform/forms/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { APPOINTMENT_MODES, type AvailabilityRule, type RuleInput } from '../../../domains/appointments/index.ts';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { oneValue } from '../../kit/post.ts';
import { RowAction } from '../../kit/row-action.tsx';
import { DataTable, type Column } from '../../kit/table.tsx';

const RULE_FIELDS = ['weekday', 'startTime', 'endTime', 'slotMinutes', 'bufferMinutes', 'mode', 'location', 'validFrom', 'validUntil'] as const;

/** What a new rule's form starts with. */
export const RULE_DEFAULTS: FormValues = { weekday: '1', startTime: '09:00', endTime: '12:00', slotMinutes: '30', bufferMinutes: '10', mode: 'video' };

/** The rule's fields as the domain takes them, one string each. */
export const ruleInput = (values: FormValues) => Object.fromEntries(RULE_FIELDS.map((k) => [k, oneValue(values, k)])) as unknown as RuleInput;

const ruleLabels = (c: Ctx) => Object.fromEntries(RULE_FIELDS.map((k) => [k, c.var.t(`appointments_admin.fields.${k}`)])) as Record<(typeof RULE_FIELDS)[number], string>;

/** The rule's fields, for adding and for editing. */
function RuleFields({ c, s }: { c: Ctx; s: FormState }) {
  const t = c.var.t;
  const L = ruleLabels(c);
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: t(`appointments_admin.weekdays.${n}`) }));
  return (
    <>
      <SelectField s={s} name="weekday" label={L.weekday} options={weekdays} required />
      <TextField s={s} name="startTime" label={L.startTime} type="time" required />
      <TextField s={s} name="endTime" label={L.endTime} type="time" required />
      <TextField s={s} name="slotMinutes" label={L.slotMinutes} type="number" required />
      <TextField s={s} name="bufferMinutes" label={L.bufferMinutes} type="number" required />
      <SelectField s={s} name="mode" label={L.mode} options={APPOINTMENT_MODES.map((m) => ({ value: m, label: t(`appointments.modes.${m}`) }))} required />
      <TextField s={s} name="location" label={L.location} hint={t('appointments_admin.location_hint')} required maxLength={300} />
      <TextField s={s} name="validFrom" label={L.validFrom} type="date" />
      <TextField s={s} name="validUntil" label={L.validUntil} type="date" />
    </>
  );
}

/** A rule's form: its fields, the error summary and the button, posting to `action` (the edit page leaves checking to the server). */
function RuleForm({ c, s, action, submit, novalidate }: { c: Ctx; s: FormState; action: string; submit: string; novalidate?: boolean }) {
  return (
    <>
      <ErrorSummary s={s} labels={ruleLabels(c)} />
      <form method="post" action={c.var.lp(action)} novalidate={novalidate || undefined}>
        <CsrfField token={c.var.csrfToken} />
        <RuleFields c={c} s={s} />
        <button type="submit" class="btn btn-primary">
          {submit}
        </button>
      </form>
    </>
  );
}

function ruleColumns(c: Ctx): Column<AvailabilityRule>[] {
  const { t, locale } = c.var;
  const f = fmt(locale);
  const L = ruleLabels(c);
  const named = (r: AvailabilityRule, action: string) => `${action}: ${t(`appointments_admin.weekdays.${r.weekday}`)} ${r.startTime}–${r.endTime}`;
  return [
    { header: L.weekday, cell: (r) => t(`appointments_admin.weekdays.${r.weekday}`) },
    { header: t('appointments_admin.cols.hours'), cell: (r) => `${r.startTime}–${r.endTime}` },
    { header: t('appointments_admin.cols.slots'), cell: (r) => t('appointments_admin.slot_summary', { slot: r.slotMinutes, buffer: r.bufferMinutes }) },
    { header: L.mode, cell: (r) => t(`appointments.modes.${r.mode}`) },
    { header: L.location, cell: (r) => r.location },
    {
      header: t('appointments_admin.cols.validity'),
      cell: (r) => (r.validFrom || r.validUntil ? `${r.validFrom ? f.date.format(r.validFrom) : '…'} – ${r.validUntil ? f.date.format(r.validUntil) : '…'}` : t('appointments_admin.always')),
    },
    {
      header: t('appointments_admin.cols.actions'),
      cell: (r) => (
        <div class="d-flex gap-2">
          <a class="btn btn-outline-primary btn-sm" href={c.var.lp(`/admin/appuntamenti/regole/${r.id}/modifica`)} aria-label={named(r, t('appointments_admin.edit_rule_short'))}>
            {t('appointments_admin.edit_rule_short')}
          </a>
          <RowAction c={c} action={`/admin/appuntamenti/regole/${r.id}/elimina`} label={t('appointments_admin.delete_rule')} name={named(r, t('appointments_admin.delete_rule'))} variant="outline-danger" />
        </div>
      ),
    },
  ];
}

/** The section of my rules on the appointments page, with the form to add one. */
export function RulesSection({ c, rules, form }: { c: Ctx; rules: AvailabilityRule[]; form: FormState }) {
  const t = c.var.t;
  return (
    <section aria-labelledby="rules" class="mb-5">
      <h2 id="rules">{t('appointments_admin.rules_title')}</h2>
      <DataTable c={c} caption={t('appointments_admin.rules_caption', { n: rules.length })} columns={ruleColumns(c)} rows={rules} empty={t('appointments_admin.no_rules')} />
      <h3 class="h4 mt-4">{t('appointments_admin.add_rule')}</h3>
      <RuleForm c={c} s={form} action="/admin/appuntamenti/regole" submit={t('appointments_admin.add_rule_submit')} />
    </section>
  );
}

export function EditRulePage({ c, id, s }: { c: Ctx; id: string; s: FormState }) {
  const t = c.var.t;
  return (
    <AdminLayout c={c} title={t('appointments_admin.edit_rule')}>
      <p>
        <a href={`${c.var.lp('/admin/appuntamenti')}#rules`}>{t('appointments_admin.back')}</a>
      </p>
      <h1>{t('appointments_admin.edit_rule')}</h1>
      <p>{t('appointments_admin.edit_rule_intro')}</p>
      <RuleForm c={c} s={s} action={`/admin/appuntamenti/regole/${id}/modifica`} submit={t('appointments_admin.save_rule')} novalidate />
    </AdminLayout>
  );
}
