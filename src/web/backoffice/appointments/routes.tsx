// /admin/appuntamenti: my weekly availability (add, edit, remove), the team's upcoming appointments
// (mark done or no-show, link to the case) and booking links (valid 30 days) to send by email.
// Each POST is one domain operation through formPost.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import type { FormValues } from '../../../platform/forms/index.ts';
import { notFound } from '../../../platform/result.ts';
import { addRule, appointmentRules, createBookingLink, deleteRule, getMyRule, listMyRules, markAppointment, ruleValues, teamAppointments, updateRule } from '../../../domains/appointments/index.ts';
import { errorResponse, flash, requireRule, requireUuid } from '../../kit/guard.tsx';
import { formPost, formState, oneValue, withFlash } from '../../kit/post.ts';
import { AppointmentsPage, type AppointmentsData } from './page.tsx';
import { EditRulePage, RULE_DEFAULTS, ruleInput } from './rules.tsx';

const FLASH = ['rule_added', 'rule_updated', 'rule_deleted', 'marked'] as const;
const BASE = '/admin/appuntamenti';

/** The page, with a flash after a redirect, a form's errors (then 422, set by formPost) or the link just made. */
async function page(c: Ctx, over: Partial<AppointmentsData> = {}) {
  const [rules, upcoming] = await Promise.all([listMyRules(c.var.deps.db, c.var.actor), teamAppointments(c.var.deps.db, c.var.actor, c.var.deps.now())]);
  if (!rules.ok) return errorResponse(c, rules.error);
  if (!upcoming.ok) return errorResponse(c, upcoming.error);
  const d: AppointmentsData = {
    rules: rules.value,
    upcoming: upcoming.value,
    ruleForm: formState(c, RULE_DEFAULTS),
    linkForm: formState(c, { locale: c.var.locale }),
    notice: flash(c, 'appointments_admin.flash', FLASH),
    ...over,
  };
  return c.html(<AppointmentsPage c={c} d={d} />);
}

const linkInput = (values: FormValues) => ({ email: oneValue(values, 'email'), name: oneValue(values, 'name'), locale: oneValue(values, 'locale') === 'en' ? ('en' as const) : ('it' as const) });
const ruleId = (c: Ctx) => c.req.param('id') ?? '';

export function appointmentAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(appointmentRules.manage));

  app.get('/', (c) => page(c));

  app.post(
    '/regole',
    formPost({
      run: (c, values) => addRule(c.var.deps, c.var.actor, ruleInput(values)),
      done: (c) => withFlash(c, BASE, 'rule_added'),
      invalid: (c, ruleForm) => page(c, { ruleForm }),
    }),
  );

  app.get('/regole/:id/modifica', requireUuid('id'), async (c) => {
    const r = await getMyRule(c.var.deps.db, c.var.actor, ruleId(c));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<EditRulePage c={c} id={r.value.id} s={formState(c, ruleValues(r.value))} />);
  });
  app.post(
    '/regole/:id/modifica',
    requireUuid('id'),
    formPost({
      run: (c, values) => updateRule(c.var.deps, c.var.actor, ruleId(c), ruleInput(values)),
      done: (c) => withFlash(c, BASE, 'rule_updated'),
      invalid: (c, s) => c.html(<EditRulePage c={c} id={ruleId(c)} s={s} />),
    }),
  );

  app.post(
    '/regole/:id/elimina',
    requireUuid('id'),
    formPost({
      run: (c) => deleteRule(c.var.deps, c.var.actor, ruleId(c)),
      done: (c) => withFlash(c, BASE, 'rule_deleted'),
    }),
  );

  // The link is shown once on the page, never put in a URL: the answer is the page itself.
  app.post(
    '/link',
    formPost({
      run: (c, values) => createBookingLink(c.var.deps, c.var.actor, linkInput(values)),
      done: (c, link, values) => page(c, { link, linkForm: formState(c, linkInput(values)) }),
      invalid: (c, linkForm) => page(c, { linkForm }),
    }),
  );

  app.post(
    '/:id/stato',
    requireUuid('id'),
    formPost({
      run: async (c, values) => {
        const status = oneValue(values, 'status');
        return status === 'done' || status === 'no_show' ? markAppointment(c.var.deps, c.var.actor, c.req.param('id') ?? '', status) : notFound();
      },
      done: (c) => withFlash(c, BASE, 'marked'),
    }),
  );

  return app;
}
