// A closed call's ranked lists (/admin/graduatorie/bando/:callId) and the form that makes a new one.
import type { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { can } from '../../../platform/authz/index.ts';
import { createList, LIST_KINDS, listsOfCall, rankingRules, type CallSummary, type RankedList } from '../../../domains/rankings/index.ts';
import { ActionProblem } from '../../kit/action.tsx';
import { Time } from '../../kit/details.tsx';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { errorResponse, flash, requireUuid } from '../../kit/guard.tsx';
import { formPost, formState, withFlash } from '../../kit/post.ts';
import { DataTable, type Column } from '../../kit/table.tsx';
import { BASE, FLASH, single } from './shared.tsx';

type CallList = RankedList & { candidates: number };

const columns = (c: Ctx): Column<CallList>[] => {
  const { t, lp, locale } = c.var;
  return [
    { header: t('rankings_admin.fields.kind'), rowHeader: true, value: (l) => t(`rankings.kinds.${l.kind}`), cell: (l) => <a href={lp(`${BASE}/${l.id}`)}>{t(`rankings.kinds.${l.kind}`)}</a> },
    { header: t('rankings_admin.fields.candidates'), value: (l) => l.candidates },
    { header: t('rankings_admin.fields.published'), value: (l) => l.publishedAt, cell: (l) => (l.publishedAt ? <Time at={l.publishedAt} locale={locale} format="date" /> : t('rankings_admin.list.not_published')) },
  ];
};

function NewListForm({ c, call, form }: { c: Ctx; call: CallSummary; form: FormState }) {
  const { t, lp } = c.var;
  const labels = Object.fromEntries(['kind', 'actRef', 'approvedOn', 'answerDays', 'reminderDays'].map((k) => [k, t(`rankings_admin.fields.${k}`)]));
  return (
    <form method="post" action={lp(`${BASE}/bando/${call.id}`)} novalidate class="mt-4">
      <h2 class="h4">{t('rankings_admin.call.new')}</h2>
      <ErrorSummary s={form} labels={labels} />
      <CsrfField token={c.var.csrfToken} />
      <SelectField s={form} name="kind" label={labels.kind!} required options={LIST_KINDS.map((k) => ({ value: k, label: t(`rankings.kinds.${k}`) }))} />
      <TextField s={form} name="actRef" label={labels.actRef!} maxLength={300} hint={t('rankings_admin.fields.actRef_hint')} />
      <TextField s={form} name="approvedOn" type="date" label={labels.approvedOn!} />
      <TextField s={form} name="answerDays" type="number" label={labels.answerDays!} value={String(form.values.answerDays ?? '7')} />
      <TextField s={form} name="reminderDays" type="number" label={labels.reminderDays!} value={String(form.values.reminderDays ?? '2')} hint={t('rankings_admin.fields.reminderDays_hint')} />
      <button type="submit" class="btn btn-primary">
        {t('rankings_admin.call.create')}
      </button>
    </form>
  );
}

function CallListsPage({ c, call, lists, form, problem }: { c: Ctx; call: CallSummary; lists: CallList[]; form: FormState; problem?: string | null }) {
  const { t, lp } = c.var;
  const title = t('rankings_admin.call.title', { call: call.title });
  return (
    <AdminLayout c={c} title={title} flash={flash(c, FLASH.prefix, FLASH.known)}>
      <p class="mb-1">
        <a href={lp(`/admin/bandi/${call.id}`)}>{t('rankings_admin.call.back_to_call')}</a>
      </p>
      <h1>{title}</h1>
      <ActionProblem c={c} message={problem} />
      <DataTable c={c} caption={t('rankings_admin.call.caption')} columns={columns(c)} rows={lists} empty={t('rankings_admin.call.none')} />
      {call.closed ? null : <p>{t('rankings.errors.call_not_closed')}</p>}
      {call.closed && can(c.var.actor, rankingRules.manage) ? <NewListForm c={c} call={call} form={form} /> : null}
    </AdminLayout>
  );
}

/** The call's page again (after a refused form): 422 with the fields' messages, 409 with a problem. */
async function callPage(c: Ctx, form: FormState, status: 200 | 409 | 422, problem?: string | null) {
  const d = await listsOfCall(c.var.deps, c.var.actor, c.req.param('callId')!);
  if (!d.ok) return errorResponse(c, d.error);
  return c.html(<CallListsPage c={c} call={d.value.call} lists={d.value.lists} form={form} problem={problem} />, status);
}

/** GET and POST /bando/:callId under /admin/graduatorie. */
export function callRoutes(app: Hono<AppEnv>) {
  app.get('/bando/:callId', requireUuid('callId'), (c) => callPage(c, formState(c), 200));
  app.post(
    '/bando/:callId',
    requireUuid('callId'),
    formPost({
      run: (c, values) => {
        const v = single(values);
        // Empty numbers take the list's defaults (7 days to answer, a reminder 2 days before).
        return createList(c.var.deps, c.var.actor, c.req.param('callId')!, { kind: v.kind as 'main', actRef: v.actRef, approvedOn: v.approvedOn, answerDays: v.answerDays || undefined, reminderDays: v.reminderDays || undefined });
      },
      done: (c, list) => withFlash(c, `${BASE}/${list.id}`, 'created'),
      invalid: (c, form) => callPage(c, form, 422),
      other: (c, e, values) => (e.code === 'invalid_state' ? callPage(c, formState(c, values), 409, e.message) : null),
    }),
  );
}
