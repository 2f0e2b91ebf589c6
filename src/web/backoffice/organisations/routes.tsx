// Organisations (/admin/enti): the agency, employers and partners; admins manage, recruiters read.
// The list is a definition; creating and editing are one domain operation each.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { createOrganisation, getOrganisation, organisationFormValues, organisationRules, updateOrganisation } from '../../../domains/organisations/index.ts';
import type { FormState } from '../../kit/form.tsx';
import { errorResponse, flash, requireRule, requireUuid } from '../../kit/guard.tsx';
import { mountList } from '../../kit/list.tsx';
import { formPost, formState, withFlash } from '../../kit/post.ts';
import { ORGANISATION_FLASH, organisationList } from './list.tsx';
import { OrganisationForm, OrganisationPage } from './pages.tsx';

/** The edit form: as the record is, or as typed with its errors (then 422, set by formPost). */
async function editPage(c: Ctx, s?: FormState) {
  const r = await getOrganisation(c.var.deps.db, c.var.actor, c.req.param('id') ?? '');
  if (!r.ok) return errorResponse(c, r.error);
  return c.html(<OrganisationForm c={c} s={s ?? formState(c, organisationFormValues(r.value))} org={r.value} />);
}

export function organisationRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(organisationRules.view));
  mountList(app, organisationList);

  app.get('/nuovo', requireRule(organisationRules.manage), (c) => c.html(<OrganisationForm c={c} s={formState(c, { isEmployer: 'on' })} />));

  app.post(
    '/nuovo',
    requireRule(organisationRules.manage),
    formPost({
      run: (c, values) => createOrganisation(c.var.deps.db, c.var.actor, values),
      done: (c, org) => withFlash(c, `/admin/enti/${org.id}`, 'created'),
      invalid: (c, s) => c.html(<OrganisationForm c={c} s={s} />),
    }),
  );

  app.get('/:id', requireUuid('id'), async (c) => {
    const r = await getOrganisation(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<OrganisationPage c={c} org={r.value} notice={flash(c, 'organisations.flash', ORGANISATION_FLASH)} />);
  });

  app.get('/:id/modifica', requireRule(organisationRules.manage), requireUuid('id'), (c) => editPage(c));

  app.post(
    '/:id/modifica',
    requireRule(organisationRules.manage),
    requireUuid('id'),
    formPost({
      run: (c, values) => updateOrganisation(c.var.deps.db, c.var.actor, c.req.param('id') ?? '', values),
      done: (c, org) => withFlash(c, `/admin/enti/${org.id}`, 'updated'),
      invalid: (c, s) => editPage(c, s),
    }),
  );

  return app;
}
