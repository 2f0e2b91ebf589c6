// /admin/contatti: the inbox (a list definition), a lead's page and its forms (status and assignee,
// a note), and erasure (admins) behind a confirmation page. Each POST is one domain operation.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { addLeadNote, assignableStaff, eraseLead, getLead, leadRules, updateLead } from '../../../domains/leads/index.ts';
import { caseIdByEmail } from '../../../domains/cases/index.ts';
import { errorResponse, flash, requireRule, requireUuid } from '../../kit/guard.tsx';
import { mountList } from '../../kit/list.tsx';
import { formPost, withFlash } from '../../kit/post.ts';
import { LeadErasePage, LeadPage, type LeadForms } from './detail.tsx';
import { LEAD_FLASH, leadList } from './list.tsx';

const leadPath = (c: Ctx) => `/admin/contatti/${c.req.param('id')}`;

/** The lead's page: with a flash after a redirect, or with a form's errors (then 422, set by formPost). */
async function leadPage(c: Ctx, forms: LeadForms = {}, notice?: string | null) {
  const [r, staff] = await Promise.all([getLead(c.var.deps.db, c.var.actor, c.req.param('id') ?? ''), assignableStaff(c.var.deps.db)]);
  if (!r.ok) return errorResponse(c, r.error);
  const caseId = await caseIdByEmail(c.var.deps.db, c.var.actor, r.value.lead.email);
  return c.html(<LeadPage c={c} data={{ d: r.value, staff, caseId }} forms={forms} notice={notice} />);
}

export function leadAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(leadRules.read));
  mountList(app, leadList);

  app.get('/:id', requireUuid('id'), (c) => leadPage(c, {}, flash(c, 'leads_admin.flash', LEAD_FLASH)));

  app.post(
    '/:id',
    requireRule(leadRules.update),
    requireUuid('id'),
    formPost({
      run: (c, values) => updateLead(c.var.deps, c.var.actor, c.req.param('id') ?? '', values),
      done: (c) => withFlash(c, leadPath(c), 'updated'),
      invalid: (c, update) => leadPage(c, { update }),
    }),
  );

  app.post(
    '/:id/note',
    requireRule(leadRules.update),
    requireUuid('id'),
    formPost({
      run: (c, values) => addLeadNote(c.var.deps, c.var.actor, c.req.param('id') ?? '', values),
      done: (c) => withFlash(c, leadPath(c), 'noted'),
      invalid: (c, note) => leadPage(c, { note }),
    }),
  );

  app.get('/:id/cancella', requireRule(leadRules.erase), requireUuid('id'), async (c) => {
    const r = await getLead(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<LeadErasePage c={c} d={r.value} />);
  });

  app.post(
    '/:id/cancella',
    requireRule(leadRules.erase),
    requireUuid('id'),
    formPost({
      run: (c) => eraseLead(c.var.deps, c.var.actor, c.req.param('id') ?? ''),
      done: (c) => withFlash(c, '/admin/contatti', 'erased'),
    }),
  );

  return app;
}
