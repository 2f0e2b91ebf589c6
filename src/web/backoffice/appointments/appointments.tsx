// /admin/appuntamenti: my weekly availability (add, edit, remove), the team's upcoming appointments
// (mark done or no-show, link to the case) and booking links (valid 30 days) to send by email.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { formValues, type FormValues } from '../../../platform/forms/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { addRule, createBookingLink, deleteRule, getMyRule, listMyRules, ruleValues, updateRule, markAppointment, teamAppointments, APPOINTMENT_MODES, type AvailabilityRule, type UpcomingAppointment, appointmentRules } from '../../../domains/appointments/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';

const FLASH = ['rule_added', 'rule_updated', 'rule_deleted', 'marked'] as const;
const one = (v: FormValues[string] | undefined) => (Array.isArray(v) ? v[0] ?? '' : v ?? '');

interface PageData {
  rules: AvailabilityRule[];
  upcoming: UpcomingAppointment[];
  ruleForm: FormState;
  linkForm: FormState;
  link?: { url: string; expiresAt: Date };
  notice?: string | null;
}

function Page({ c, d }: { c: Ctx; d: PageData }) {
  const { t, locale } = c.var;
  const f = fmt(locale);
  const ruleLabels = labelsOf(c);
  return (
    <AdminLayout c={c} title={t('appointments_admin.title')} flash={d.notice}>
      <h1>{t('appointments_admin.title')}</h1>
      <Body c={c} d={d} ruleLabels={ruleLabels} f={f} />
    </AdminLayout>
  );
}

function labelsOf(c: Ctx) {
  const t = c.var.t;
  return {
    weekday: t('appointments_admin.fields.weekday'),
    startTime: t('appointments_admin.fields.startTime'),
    endTime: t('appointments_admin.fields.endTime'),
    slotMinutes: t('appointments_admin.fields.slotMinutes'),
    bufferMinutes: t('appointments_admin.fields.bufferMinutes'),
    mode: t('appointments_admin.fields.mode'),
    location: t('appointments_admin.fields.location'),
    validFrom: t('appointments_admin.fields.validFrom'),
    validUntil: t('appointments_admin.fields.validUntil'),
  };
}

/** The rule's fields, for adding and for editing. */
function RuleFields({ c, s }: { c: Ctx; s: FormState }) {
  const t = c.var.t;
  const L = labelsOf(c);
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

function EditRulePage({ c, id, s }: { c: Ctx; id: string; s: FormState }) {
  const t = c.var.t;
  return (
    <AdminLayout c={c} title={t('appointments_admin.edit_rule')}>
      <p>
        <a href="/admin/appuntamenti#rules">{t('appointments_admin.back')}</a>
      </p>
      <h1>{t('appointments_admin.edit_rule')}</h1>
      <p>{t('appointments_admin.edit_rule_intro')}</p>
      <ErrorSummary s={s} labels={labelsOf(c)} />
      <form method="post" action={`/admin/appuntamenti/regole/${id}/modifica`} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <RuleFields c={c} s={s} />
        <button type="submit" class="btn btn-primary">
          {t('appointments_admin.save_rule')}
        </button>
      </form>
    </AdminLayout>
  );
}

function Body({ c, d, ruleLabels, f }: { c: Ctx; d: PageData; ruleLabels: ReturnType<typeof labelsOf>; f: ReturnType<typeof fmt> }) {
  const t = c.var.t;
  return (
    <>
      <section aria-labelledby="upcoming" class="mb-5">
        <h2 id="upcoming">{t('appointments_admin.upcoming')}</h2>
        {d.upcoming.length ? (
          <div class="table-responsive">
            <table class="table">
              <caption>{t('appointments_admin.upcoming_caption', { n: d.upcoming.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('appointments_admin.cols.when')}</th>
                  <th scope="col">{t('appointments_admin.cols.person')}</th>
                  <th scope="col">{t('appointments_admin.cols.mode')}</th>
                  <th scope="col">{t('appointments_admin.cols.host')}</th>
                  <th scope="col">{t('appointments_admin.cols.status')}</th>
                  <th scope="col">{t('appointments_admin.cols.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {d.upcoming.map((a) => (
                  <tr>
                    <td>{`${f.dateTime.format(a.startsAt)}–${f.time.format(a.endsAt)}`}</td>
                    <td>
                      {a.caseId ? <a href={`/admin/casi/${a.caseId}`}>{a.name}</a> : a.name}
                      <br />
                      <small>{a.email}</small>
                    </td>
                    <td>{t(`appointments.modes.${a.mode}`)}</td>
                    <td>{a.hostName}</td>
                    <td>{t(`appointments.statuses.${a.status}`)}</td>
                    <td>
                      {a.status === 'booked' && a.startsAt <= c.var.deps.now() ? (
                        <div class="d-flex gap-2">
                          {(['done', 'no_show'] as const).map((s) => (
                            <form method="post" action={`/admin/appuntamenti/${a.id}/stato`}>
                              <CsrfField token={c.var.csrfToken} />
                              <input type="hidden" name="status" value={s} />
                              <button type="submit" class="btn btn-outline-primary btn-sm" aria-label={`${t(`appointments_admin.mark.${s}`)}: ${a.name}`}>
                                {t(`appointments_admin.mark.${s}`)}
                              </button>
                            </form>
                          ))}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('appointments_admin.no_upcoming')}</p>
        )}
      </section>

      <section aria-labelledby="link" class="mb-5">
        <h2 id="link">{t('appointments_admin.link_title')}</h2>
        <p>{t('appointments_admin.link_intro')}</p>
        {d.link ? (
          <div class="alert alert-success" role="status">
            <p class="mb-1">{t('appointments_admin.link_ready', { date: f.dateTime.format(d.link.expiresAt) })}</p>
            <code id="booking-link">{d.link.url}</code>
          </div>
        ) : null}
        <ErrorSummary s={d.linkForm} labels={{ email: t('appointments_admin.fields.email') }} />
        <form method="post" action="/admin/appuntamenti/link">
          <CsrfField token={c.var.csrfToken} />
          <TextField s={d.linkForm} name="email" label={t('appointments_admin.fields.email')} type="email" required maxLength={254} />
          <TextField s={d.linkForm} name="name" label={t('appointments_admin.fields.name')} maxLength={200} />
          <SelectField
            s={d.linkForm}
            name="locale"
            label={t('appointments_admin.fields.locale')}
            options={[
              { value: 'it', label: t('appointments_admin.locales.it') },
              { value: 'en', label: t('appointments_admin.locales.en') },
            ]}
          />
          <button type="submit" class="btn btn-primary">
            {t('appointments_admin.link_submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="rules" class="mb-5">
        <h2 id="rules">{t('appointments_admin.rules_title')}</h2>
        {d.rules.length ? (
          <div class="table-responsive">
            <table class="table">
              <caption>{t('appointments_admin.rules_caption', { n: d.rules.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{ruleLabels.weekday}</th>
                  <th scope="col">{t('appointments_admin.cols.hours')}</th>
                  <th scope="col">{t('appointments_admin.cols.slots')}</th>
                  <th scope="col">{ruleLabels.mode}</th>
                  <th scope="col">{ruleLabels.location}</th>
                  <th scope="col">{t('appointments_admin.cols.validity')}</th>
                  <th scope="col">{t('appointments_admin.cols.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {d.rules.map((r) => (
                  <tr>
                    <td>{t(`appointments_admin.weekdays.${r.weekday}`)}</td>
                    <td>{`${r.startTime}–${r.endTime}`}</td>
                    <td>{t('appointments_admin.slot_summary', { slot: r.slotMinutes, buffer: r.bufferMinutes })}</td>
                    <td>{t(`appointments.modes.${r.mode}`)}</td>
                    <td>{r.location}</td>
                    <td>
                      {r.validFrom || r.validUntil
                        ? `${r.validFrom ? f.date.format(r.validFrom) : '…'} – ${r.validUntil ? f.date.format(r.validUntil) : '…'}`
                        : t('appointments_admin.always')}
                    </td>
                    <td class="d-flex gap-2">
                      <a class="btn btn-outline-primary btn-sm" href={`/admin/appuntamenti/regole/${r.id}/modifica`} aria-label={`${t('appointments_admin.edit_rule_short')}: ${t(`appointments_admin.weekdays.${r.weekday}`)} ${r.startTime}–${r.endTime}`}>
                        {t('appointments_admin.edit_rule_short')}
                      </a>
                      <form method="post" action={`/admin/appuntamenti/regole/${r.id}/elimina`}>
                        <CsrfField token={c.var.csrfToken} />
                        <button type="submit" class="btn btn-outline-danger btn-sm" aria-label={`${t('appointments_admin.delete_rule')}: ${t(`appointments_admin.weekdays.${r.weekday}`)} ${r.startTime}–${r.endTime}`}>
                          {t('appointments_admin.delete_rule')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('appointments_admin.no_rules')}</p>
        )}
        <h3 class="h4 mt-4">{t('appointments_admin.add_rule')}</h3>
        <ErrorSummary s={d.ruleForm} labels={ruleLabels} />
        <form method="post" action="/admin/appuntamenti/regole">
          <CsrfField token={c.var.csrfToken} />
          <RuleFields c={c} s={d.ruleForm} />
          <button type="submit" class="btn btn-primary">
            {t('appointments_admin.add_rule_submit')}
          </button>
        </form>
      </section>
    </>
  );
}

const ruleInput = (values: FormValues) => ({
  weekday: one(values.weekday),
  startTime: one(values.startTime),
  endTime: one(values.endTime),
  slotMinutes: one(values.slotMinutes),
  bufferMinutes: one(values.bufferMinutes),
  mode: one(values.mode),
  location: one(values.location),
  validFrom: one(values.validFrom),
  validUntil: one(values.validUntil),
});

const RULE_DEFAULTS: FormValues = { weekday: '1', startTime: '09:00', endTime: '12:00', slotMinutes: '30', bufferMinutes: '10', mode: 'video' };

async function render(c: Ctx, over: Partial<PageData>, status: 200 | 422 = 200) {
  const [rules, upcoming] = await Promise.all([listMyRules(c.var.deps.db, c.var.actor), teamAppointments(c.var.deps.db, c.var.actor, c.var.deps.now())]);
  if (!rules.ok) return errorResponse(c, rules.error);
  if (!upcoming.ok) return errorResponse(c, upcoming.error);
  const st = (values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });
  const d: PageData = {
    rules: rules.value,
    upcoming: upcoming.value,
    ruleForm: st(RULE_DEFAULTS),
    linkForm: st({ locale: c.var.locale }),
    notice: flash(c, 'appointments_admin.flash', FLASH),
    ...over,
  };
  return c.html(<Page c={c} d={d} />, status);
}

export function appointmentAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(appointmentRules.manage));
  const st = (c: Ctx, values: FormValues, errors: FieldErrors): FormState => ({ values, errors, t: c.var.t });

  app.get('/', (c) => render(c, {}));

  app.post('/regole', async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const input = ruleInput(values);
    const r = await addRule(c.var.deps, c.var.actor, input);
    if (r.ok) return c.redirect('/admin/appuntamenti?esito=rule_added', 303);
    if (r.error.code === 'invalid') return render(c, { ruleForm: st(c, input, r.error.fields) }, 422);
    return errorResponse(c, r.error);
  });

  app.get('/regole/:id/modifica', async (c) => {
    const r = await getMyRule(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<EditRulePage c={c} id={r.value.id} s={st(c, ruleValues(r.value), {})} />);
  });

  app.post('/regole/:id/modifica', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const input = ruleInput(values);
    const r = await updateRule(c.var.deps, c.var.actor, id, input);
    if (r.ok) return c.redirect('/admin/appuntamenti?esito=rule_updated', 303);
    if (r.error.code === 'invalid') return c.html(<EditRulePage c={c} id={id} s={st(c, input, r.error.fields)} />, 422);
    return errorResponse(c, r.error);
  });

  app.post('/regole/:id/elimina', async (c) => {
    const r = await deleteRule(c.var.deps, c.var.actor, c.req.param('id'));
    if (r.ok) return c.redirect('/admin/appuntamenti?esito=rule_deleted', 303);
    return errorResponse(c, r.error);
  });

  app.post('/link', async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const input = { email: one(values.email), name: one(values.name), locale: one(values.locale) === 'en' ? ('en' as const) : ('it' as const) };
    const r = await createBookingLink(c.var.deps, c.var.actor, input);
    if (r.ok) return render(c, { link: r.value, linkForm: st(c, input, {}) });
    if (r.error.code === 'invalid') return render(c, { linkForm: st(c, input, r.error.fields) }, 422);
    return errorResponse(c, r.error);
  });

  app.post('/:id/stato', async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const status = one(values.status);
    if (status !== 'done' && status !== 'no_show') return errorResponse(c, { code: 'not_found' });
    const r = await markAppointment(c.var.deps, c.var.actor, c.req.param('id'), status);
    if (r.ok) return c.redirect('/admin/appuntamenti?esito=marked', 303);
    return errorResponse(c, r.error);
  });

  return app;
}
