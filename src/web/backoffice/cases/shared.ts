// What the cases pages share: the flashes they know, the staff as choices, a task's title and a
// timeline line in the reader's words.
import type { Ctx } from '../../context.ts';
import { hasKey, type Locale, type Translator } from '../../../platform/i18n/index.ts';
import { CASE_STAGES, RETENTION_TASK_TITLE, type CaseEvent, type CaseStage } from '../../../domains/cases/index.ts';

/** The flashes of the cases pages (`?esito=`), all under `cases_admin.flash`. */
export const CASE_FLASH = ['created', 'updated', 'entry', 'task_added', 'task_done', 'merged', 'opened', 'erased'] as const;

export type Staff = { id: string; name: string; email: string };

const isStage = (v: string | undefined): v is CaseStage => !!v && (CASE_STAGES as readonly string[]).includes(v);

/** The staff as the options of a select, the visitor marked "(me)". */
export function staffOptions(c: Ctx, staff: Staff[]) {
  return staff.map((u) => ({ value: u.id, label: u.id === c.var.user?.id ? c.var.t('cases_admin.me', { name: u.name }) : u.name }));
}

/** The 12-month check's task is named by a key; the others as typed. */
export const taskTitle = (t: Translator, title: string, caseName: string) => (title === RETENTION_TASK_TITLE ? t(RETENTION_TASK_TITLE, { name: caseName }) : title);

/** Someone's name, "unknown" for an account gone, "nobody" without one. */
export const assigneeName = (t: Translator, id: string | null, name: string | null) => (id ? (name ?? t('cases_admin.unknown_person')) : t('cases_admin.nobody'));

/** A timeline line: known summaries translated, others (free text from other capabilities) as they are. */
export function summaryText(t: Translator, locale: Locale, e: CaseEvent): string {
  if (e.kind === 'created' && e.summary.startsWith('source:')) {
    const src = e.summary.slice(7);
    return t('cases_admin.summaries.created', { source: hasKey(locale, `cases.sources.${src}`) ? t(`cases.sources.${src}`) : src });
  }
  if (e.kind === 'stage') {
    const [from, to] = e.summary.split('>');
    if (isStage(from) && isStage(to)) return t('cases_admin.summaries.stage', { from: t(`cases.stages.${from}`), to: t(`cases.stages.${to}`) });
  }
  const key = `cases_admin.summaries.${e.summary.replace(/[:.]/g, '_')}`;
  if (/^[a-z_:]+$/.test(e.summary) && hasKey(locale, key)) return t(key);
  if (hasKey(locale, e.summary)) return t(e.summary);
  return e.summary;
}
