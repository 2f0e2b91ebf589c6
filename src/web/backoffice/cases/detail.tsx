// A case's page (/admin/casi/:id): the person, stage and assignee, tasks, the timeline with the
// entries logged by hand, and (admins) the way to erasing the person.
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { can } from '../../../platform/authz/index.ts';
import { hasKey } from '../../../platform/i18n/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { caseRules, type CaseDetail } from '../../../domains/cases/index.ts';
import { DangerSection } from '../../kit/confirm.tsx';
import { DetailList, Time } from '../../kit/details.tsx';
import { EntryList } from '../../kit/entries.tsx';
import type { FormState } from '../../kit/form.tsx';
import { formState } from '../../kit/post.ts';
import { EntryForm, StageForm, TaskForm } from './forms.tsx';
import { TaskDoneForm } from './list.tsx';
import { assigneeName, summaryText, taskTitle, type Staff } from './shared.ts';

export interface CaseForms {
  stage?: FormState;
  entry?: FormState;
  task?: FormState;
}

export function CasePage({ c, d, staff, forms = {}, notice }: { c: Ctx; d: CaseDetail; staff: Staff[]; forms?: CaseForms; notice?: string | null }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const k = d.case;
  const base = `/admin/casi/${k.id}`;
  const none = <em>{t('cases_admin.not_given')}</em>;
  // A former assignee no longer active still shows as the current value.
  const people = k.assigneeId && !staff.some((u) => u.id === k.assigneeId) ? [...staff, { id: k.assigneeId, name: d.assigneeName ?? t('cases_admin.unknown_person'), email: '' }] : staff;
  const stage = forms.stage ?? formState(c, { stage: k.stage, assigneeId: k.assigneeId ?? '', lostReason: k.lostReason ?? '' });
  const entry = forms.entry ?? formState(c, { kind: 'note' });
  const task = forms.task ?? formState(c, { taskAssigneeId: c.var.user?.id ?? '' });
  return (
    <AdminLayout c={c} title={k.name} flash={notice}>
      <p>
        <a href={lp('/admin/casi')}>{t('cases_admin.back')}</a>
      </p>
      <h1>{k.name}</h1>
      <p class="lead">{`${t('cases_admin.stage')}: ${t(`cases.stages.${k.stage}`)} · ${t('cases_admin.source')}: ${t(`cases.sources.${k.source}`)}`}</p>

      <section class="mb-5" aria-labelledby="person">
        <h2 id="person">{t('cases_admin.person')}</h2>
        <DetailList
          rows={[
            { label: t('cases_admin.email'), value: k.email ? <a href={`mailto:${k.email}`}>{k.email}</a> : none },
            { label: t('cases_admin.phone'), value: k.phone ? <a href={`tel:${k.phone.replace(/[^\d+]/g, '')}`}>{k.phone}</a> : none },
            { label: t('cases_admin.profession'), value: d.professionName ?? none },
            { label: t('cases_admin.language'), value: t(`cases_admin.languages.${k.locale}`) },
            { label: t('cases_admin.assignee'), value: assigneeName(t, k.assigneeId, d.assigneeName) },
            { label: t('cases_admin.arrived_at'), value: k.arrivedAt ? <Time at={k.arrivedAt} locale={locale} format="date" /> : none },
            k.stage === 'lost' && { label: t('cases_admin.lost_reason'), value: k.lostReason ?? none },
          ]}
        />
      </section>

      <section class="mb-5" aria-labelledby="work">
        <h2 id="work">{t('cases_admin.work')}</h2>
        <StageForm c={c} s={stage} base={base} people={people} />
      </section>

      <section class="mb-5" aria-labelledby="tasks">
        <h2 id="tasks">{t('cases_admin.tasks')}</h2>
        <EntryList
          ordered={false}
          empty={t('cases_admin.tasks_none')}
          entries={d.tasks.map((x) => ({
            title: taskTitle(t, x.title, k.name),
            meta: [
              x.doneAt
                ? t('cases_admin.task_state_done', { date: f.dateTime.format(x.doneAt) })
                : `${t('cases_admin.task_state_open')} · ${t('cases_admin.task_due')}: ${x.dueAt ? f.dateTime.format(x.dueAt) : t('cases_admin.task_no_due')} · ${assigneeName(t, x.assigneeId, x.assigneeName)}`,
            ],
            after: x.doneAt ? null : <TaskDoneForm c={c} id={x.id} title={taskTitle(t, x.title, k.name)} from="case" />,
          }))}
        />
        <TaskForm c={c} s={task} base={base} staff={staff} />
      </section>

      <section class="mb-5" aria-labelledby="timeline">
        <h2 id="timeline">{t('cases_admin.timeline')}</h2>
        <EntryForm c={c} s={entry} base={base} />
        <EntryList
          class="mt-4"
          empty={t('cases_admin.timeline_none')}
          entries={d.events.map((e) => ({
            badge: hasKey(locale, `cases.kinds.${e.kind}`) ? t(`cases.kinds.${e.kind}`) : e.kind,
            meta: [<Time at={e.at} locale={locale} />, e.actorLabel],
            text: summaryText(t, locale, e),
            body: e.body,
          }))}
        />
      </section>

      {can(c.var.actor, caseRules.erase) ? (
        <DangerSection c={c} id="erase" title={t('cases_erase.section_title')} intro={t('cases_erase.section_intro')} link={{ href: `${base}/cancella`, label: t('cases_erase.start') }} />
      ) : null}
    </AdminLayout>
  );
}
