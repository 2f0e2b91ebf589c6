// Erasing the person of a case (/admin/casi/:id/cancella, admins): the button on the case's page,
// the confirmation page with what goes, what stays and why, and the POST that erases.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../context.ts';
import { AdminLayout } from '../layouts/AdminLayout.tsx';
import { CsrfField, FormActions } from '../components/form.tsx';
import { formValues } from '../../platform/forms/index.ts';
import { authorize } from '../../platform/authz/index.ts';
import { erasePerson, erasurePreview, type ErasurePreview } from '../../domains/people/index.ts';
import { errorResponse, requireAction } from './guard.tsx';

/** The flash the cases list shows after an erasure (`?esito=erased`). */
export const ERASE_FLASH = ['erased'] as const;

/** The last section of a case's page, for those who may erase. */
export function EraseSection({ c, id }: { c: Ctx; id: string }) {
  const { t, lp } = c.var;
  if (!authorize(c.var.actor, 'cases.erase')) return null;
  return (
    <section class="mb-5" aria-labelledby="erase">
      <h2 id="erase">{t('cases_erase.section_title')}</h2>
      <p>{t('cases_erase.section_intro')}</p>
      <p>
        <a class="btn btn-outline-danger" href={lp(`/admin/casi/${id}/cancella`)}>
          {t('cases_erase.start')}
        </a>
      </p>
    </section>
  );
}

function ConfirmPage({ c, p }: { c: Ctx; p: ErasurePreview }) {
  const { t, lp } = c.var;
  const base = `/admin/casi/${p.case.id}`;
  const e = p.erase;
  const title = t('cases_erase.title', { name: p.case.name });
  return (
    <AdminLayout c={c} title={title}>
      <p>
        <a href={lp(base)}>{t('cases_erase.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t('cases_erase.intro')}</p>

      <section class="mb-4" aria-labelledby="goes">
        <h2 id="goes">{t('cases_erase.goes_title')}</h2>
        <ul>
          <li>{t('cases_erase.goes.case', { events: e.events, tasks: e.tasks })}</li>
          {e.cases > 1 ? <li>{t('cases_erase.goes.merged', { count: e.cases - 1 })}</li> : null}
          <li>{t('cases_erase.goes.leads', { count: e.leads })}</li>
          <li>{t('cases_erase.goes.appointments', { count: e.appointments })}</li>
          <li>{t('cases_erase.goes.registrations', { count: e.registrations })}</li>
          <li>{t('cases_erase.goes.mails', { count: e.mails })}</li>
          <li>{t('cases_erase.goes.consents')}</li>
        </ul>
        {e.upcomingAppointments ? <p>{t('cases_erase.upcoming', { count: e.upcomingAppointments })}</p> : null}
      </section>

      <section class="mb-4" aria-labelledby="stays">
        <h2 id="stays">{t('cases_erase.stays_title')}</h2>
        <ul>
          <li>{t('cases_erase.stays.candidacies', { count: p.keep.candidacies })}</li>
          <li>{t('cases_erase.stays.audit')}</li>
        </ul>
        <p>{t('cases_erase.stays.why')}</p>
      </section>

      <form method="post" action={lp(`${base}/cancella`)}>
        <CsrfField token={c.var.csrfToken} />
        {p.subscriber ? (
          <div class="form-check mb-4">
            <input class="form-check-input" type="checkbox" id="erase-subscriber" name="subscriber" value="on" aria-describedby="erase-subscriber-hint" />
            <label class="form-check-label" for="erase-subscriber">
              {t('cases_erase.subscriber_label')}
            </label>
            <p class="form-text" id="erase-subscriber-hint">
              {t('cases_erase.subscriber_hint')}
            </p>
          </div>
        ) : null}
        <p>
          <strong>{t('cases_erase.irreversible')}</strong>
        </p>
        <FormActions>
          <button type="submit" class="btn btn-danger">
            {t('cases_erase.confirm')}
          </button>
          <a class="btn btn-outline-primary" href={lp(base)}>
            {t('cases_erase.cancel')}
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

/** Mounted inside the cases section (which already requires cases.read). */
export function caseEraseRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/:id/cancella', requireAction('cases.erase'), async (c) => {
    const r = await erasurePreview(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ConfirmPage c={c} p={r.value} />);
  });

  app.post('/:id/cancella', requireAction('cases.erase'), async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await erasePerson(c.var.deps, c.var.actor, c.req.param('id'), values);
    if (r.ok) return c.redirect(`${c.var.lp('/admin/casi')}?esito=erased`, 303);
    return errorResponse(c, r.error);
  });

  return app;
}
