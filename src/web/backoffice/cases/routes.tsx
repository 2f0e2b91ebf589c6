// /admin/casi: the lists (cases, my tasks, duplicates), a new case typed in, a case's page and its
// forms (stage, entry, task), completing a task, merging two cases, and erasing the person
// (erase.tsx). Each POST is one domain operation through formPost.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { addEntry, addTask, caseRules, changeStage, completeTask, createCase, getCase, mergeCases } from '../../../domains/cases/index.ts';
import { assignableStaff } from '../../../domains/leads/index.ts';
import { listProfessions } from '../../../domains/reference/index.ts';
import type { FormState } from '../../kit/form.tsx';
import { errorResponse, flash, requireRule, requireUuid } from '../../kit/guard.tsx';
import { mountList } from '../../kit/list.tsx';
import { formPost, formState, withFlash } from '../../kit/post.ts';
import { CasePage, type CaseForms } from './detail.tsx';
import { caseEraseRoutes } from './erase.tsx';
import { NewCasePage, type Prof } from './forms.tsx';
import { caseList, duplicateList, taskList } from './list.tsx';
import { CASE_FLASH } from './shared.ts';

const professions = async (c: Ctx): Promise<Prof[]> => (await listProfessions(c.var.deps.db)).map((p) => ({ code: p.code, name: c.var.locale === 'en' && p.nameEn ? p.nameEn : p.name }));

async function newCasePage(c: Ctx, s: FormState) {
  const [staff, profs] = await Promise.all([assignableStaff(c.var.deps.db), professions(c)]);
  return c.html(<NewCasePage c={c} s={s} staff={staff} profs={profs} />);
}

/** A case's page: with a flash after a redirect, or with a form's errors (then 422, set by formPost). */
async function casePage(c: Ctx, forms: CaseForms = {}, notice?: string | null) {
  const [r, staff] = await Promise.all([getCase(c.var.deps.db, c.var.actor, c.req.param('id') ?? ''), assignableStaff(c.var.deps.db)]);
  if (!r.ok) return errorResponse(c, r.error);
  // A merged case lives on in the one kept: old links lead there.
  if ('mergedInto' in r.value) return c.redirect(c.var.lp(`/admin/casi/${r.value.mergedInto}`), 303);
  return c.html(<CasePage c={c} d={r.value} staff={staff} forms={forms} notice={notice} />);
}

export function caseAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(caseRules.read));
  mountList(app, caseList);

  app.get('/nuovo', requireRule(caseRules.update), (c) => newCasePage(c, formState(c, { locale: c.var.locale, assigneeId: c.var.user?.id ?? '' })));
  app.post(
    '/nuovo',
    requireRule(caseRules.update),
    formPost({
      run: (c, values) => createCase(c.var.deps, c.var.actor, values),
      done: (c, k) => withFlash(c, `/admin/casi/${k.id}`, 'created'),
      invalid: newCasePage,
    }),
  );

  const tasks = new Hono<AppEnv>();
  mountList(tasks, taskList);
  app.route('/attivita', tasks);
  app.post(
    '/attivita/:taskId/fatta',
    requireRule(caseRules.update),
    requireUuid('taskId'),
    formPost({
      run: (c) => completeTask(c.var.deps, c.var.actor, c.req.param('taskId') ?? ''),
      done: (c, task, values) => withFlash(c, values.from === 'case' ? `/admin/casi/${task.caseId}` : '/admin/casi/attivita', 'task_done'),
    }),
  );

  // A pair of hidden ids that does not hold up is a 404 (formPost without `invalid`).
  const duplicates = new Hono<AppEnv>();
  duplicates.use('*', requireRule(caseRules.merge));
  mountList(duplicates, duplicateList);
  duplicates.post(
    '/',
    formPost({
      run: (c, values) => mergeCases(c.var.deps, c.var.actor, values),
      done: (c, kept) => withFlash(c, `/admin/casi/${kept.id}`, 'merged'),
    }),
  );
  app.route('/duplicati', duplicates);

  app.route('/', caseEraseRoutes());

  app.get('/:id', requireUuid('id'), (c) => casePage(c, {}, flash(c, 'cases_admin.flash', CASE_FLASH)));

  // The case page's forms: each posts to one domain operation and comes back with its own messages.
  const caseForms = [
    { path: 'fase', form: 'stage', done: 'updated', run: changeStage },
    { path: 'voce', form: 'entry', done: 'entry', run: addEntry },
    { path: 'attivita', form: 'task', done: 'task_added', run: addTask },
  ] as const;
  for (const { path, form, done, run } of caseForms) {
    app.post(
      `/:id/${path}`,
      requireRule(caseRules.update),
      requireUuid('id'),
      formPost({
        run: (c, values) => run(c.var.deps, c.var.actor, c.req.param('id') ?? '', values),
        done: (c) => withFlash(c, `/admin/casi/${c.req.param('id')}`, done),
        invalid: (c, s) => casePage(c, { [form]: s }),
      }),
    );
  }

  return app;
}
