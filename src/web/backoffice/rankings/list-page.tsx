// A ranked list (/admin/graduatorie/:id): its act and validity, its candidates in rank order, and
// what the team does with it — publish, open posts, import candidates, add one by hand.
import type { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { can } from '../../../platform/authz/index.ts';
import { addCandidate, getList, openPosts, publishList, rankingRules, type ListDetail, type RankedCandidate } from '../../../domains/rankings/index.ts';
import { ActionForm, ActionProblem } from '../../kit/action.tsx';
import { DetailList, Time } from '../../kit/details.tsx';
import type { FormState } from '../../kit/form.tsx';
import { errorResponse, flash, requireUuid } from '../../kit/guard.tsx';
import { formPost, formState, withFlash } from '../../kit/post.ts';
import { DataTable, type Column } from '../../kit/table.tsx';
import { AddCandidateForm, OpenPostsForm, RankingImportForm } from './list-forms.tsx';
import { BASE, Countdown, FLASH, single } from './shared.tsx';

/** What the page shows again after a refused form: its values and errors, or why it was refused. */
export interface ListForms {
  candidate?: FormState;
  posts?: FormState;
  importError?: string | null;
  problem?: string | null;
}

const HOLDING = new Set(['proposed', 'offered', 'accepted']);

const candidateColumns = (c: Ctx): Column<RankedCandidate>[] => {
  const { t, lp } = c.var;
  const flags = (x: RankedCandidate) => [x.preference ? t('rankings.fields.preference') : null, x.reserve ? t('rankings.fields.reserve') : null].filter(Boolean).join(', ');
  return [
    { header: t('rankings.fields.rank'), rowHeader: true, value: (x) => x.rank },
    { header: t('rankings.fields.name'), value: (x) => x.name, cell: (x) => <a href={lp(`${BASE}/candidato/${x.id}`)}>{x.name}</a> },
    { header: t('rankings.fields.score'), value: (x) => x.score, cell: (x) => x.score ?? '—' },
    { header: t('rankings_admin.fields.flags'), value: flags, cell: (x) => flags(x) || '—' },
    { header: t('rankings_admin.fields.state'), value: (x) => t(`rankings.states.${x.state}`) },
  ];
};

function ListPage({ c, d, forms }: { c: Ctx; d: ListDetail; forms: ListForms }) {
  const { t, lp, locale } = c.var;
  const { list, call, candidates } = d;
  const canManage = can(c.var.actor, rankingRules.manage);
  const title = t('rankings_admin.list.title', { kind: t(`rankings.kinds.${list.kind}`), call: call.title });
  const holding = candidates.filter((x) => HOLDING.has(x.state)).length;
  return (
    <AdminLayout c={c} title={title} flash={flash(c, FLASH.prefix, FLASH.known)}>
      <p class="mb-1">
        <a href={lp(`${BASE}/bando/${call.id}`)}>{t('rankings_admin.list.back')}</a>
      </p>
      <h1>{title}</h1>
      <ActionProblem c={c} message={forms.problem} />
      <DetailList
        rows={[
          { label: t('rankings_admin.fields.actRef'), value: list.actRef ?? '—' },
          { label: t('rankings_admin.fields.approvedOn'), value: list.approvedOn ?? '—' },
          { label: t('rankings_admin.fields.published'), value: list.publishedAt ? <Time at={list.publishedAt} locale={locale} /> : t('rankings_admin.list.not_published') },
          { label: t('rankings.validity.label'), id: 'validity', value: list.validUntil ? <Countdown c={c} until={list.validUntil} /> : t('rankings_admin.list.validity_on_publish') },
          { label: t('rankings_admin.fields.answerDays'), value: list.answerDays },
          { label: t('rankings_admin.fields.reminderDays'), value: list.reminderDays },
          { label: t('rankings_admin.list.open_posts'), id: 'open-posts', value: t('rankings_admin.list.posts_status', { open: d.openPosts, holding }) },
        ]}
      />
      {list.publishedAt ? (
        <p>
          <a href={lp(`/graduatorie/${call.slug}`)}>{t('rankings_admin.list.public_page')}</a>
        </p>
      ) : null}
      {!list.publishedAt && canManage && candidates.length ? <ActionForm c={c} action={`${BASE}/${list.id}/pubblica`} label={t('rankings_admin.list.publish')} /> : null}
      <DataTable c={c} id="candidates" caption={t('rankings_admin.list.caption', { count: candidates.length })} columns={candidateColumns(c)} rows={candidates} empty={t('rankings_admin.list.no_candidates')} />
      {list.publishedAt && can(c.var.actor, rankingRules.desk) ? <OpenPostsForm c={c} listId={list.id} s={forms.posts ?? formState(c)} /> : null}
      {canManage ? (
        <>
          <RankingImportForm c={c} listId={list.id} error={forms.importError} />
          <AddCandidateForm c={c} listId={list.id} s={forms.candidate ?? formState(c)} />
        </>
      ) : null}
    </AdminLayout>
  );
}

/** The list's page, or again after a refused form (422 with the fields' messages, 409 with a problem). */
export async function listPage(c: Ctx, forms: ListForms, status: 200 | 409 | 422) {
  const d = await getList(c.var.deps, c.var.actor, c.req.param('id')!);
  if (!d.ok) return errorResponse(c, d.error);
  return c.html(<ListPage c={c} d={d.value} forms={forms} />, status);
}

const problem = (c: Ctx, e: { code: string; message?: string }) => (e.code === 'invalid_state' ? listPage(c, { problem: e.message }, 409) : null);

/** GET /:id and its forms' POSTs under /admin/graduatorie (after the routes with fixed first segments). */
export function listRoutes(app: Hono<AppEnv>) {
  const id = (c: Ctx) => c.req.param('id')!;
  app.get('/:id', requireUuid('id'), (c) => listPage(c, {}, 200));
  app.post(
    '/:id/pubblica',
    requireUuid('id'),
    formPost({ run: (c) => publishList(c.var.deps, c.var.actor, id(c)), done: (c, l) => withFlash(c, `${BASE}/${l.id}`, 'published'), other: problem }),
  );
  app.post(
    '/:id/candidati',
    requireUuid('id'),
    formPost({
      run: (c, values) => addCandidate(c.var.deps, c.var.actor, id(c), single(values)),
      done: (c) => withFlash(c, `${BASE}/${id(c)}`, 'added'),
      invalid: (c, form) => listPage(c, { candidate: form }, 422),
    }),
  );
  app.post(
    '/:id/posti',
    requireUuid('id'),
    formPost({
      run: (c, values) => openPosts(c.var.deps, c.var.actor, id(c), { posts: single(values).posts, note: single(values).note }),
      done: (c) => withFlash(c, `${BASE}/${id(c)}`, 'opened'),
      invalid: (c, form) => listPage(c, { posts: form }, 422),
      other: problem,
    }),
  );
}
