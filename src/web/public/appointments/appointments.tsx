// Booking a talk with the welcome team from a signed link (/appuntamento/<token>; free slots one
// week at a time, an expired link answers 410 with a way to ask for a new one), and the personal
// page to move or cancel it (/appuntamento/gestisci/<token>). No account and no JavaScript needed.
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CsrfField, ErrorSummary, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { ErrorPage } from '../../pages/errors.tsx';
import { formValues, type FormValues } from '../../../platform/forms/index.ts';
import { fmt, toRomeLocal } from '../../../platform/i18n/format.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { RateLimiter } from '../../../platform/http/rate-limit.ts';
import { clientIp } from '../auth/auth.tsx';
import {
  bookAppointment,
  bookingPage,
  cancelAppointment,
  manageAppointmentPage,
  moveAppointment,
  slotWeek,
  type Appointment,
  type SlotChoice,
} from '../../../domains/appointments/index.ts';

/** Pages whose URL holds a token: never cached, not indexed, no Referer to other sites. */
const secretUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'private, no-store');
  c.res.headers.set('Referrer-Policy', 'same-origin');
  c.res.headers.set('X-Robots-Tag', 'noindex');
};

const one = (v: FormValues[string] | undefined) => (Array.isArray(v) ? v[0] ?? '' : v ?? '');

/** The week asked for in ?settimana= (1 = this week), or undefined. */
function weekParam(c: Ctx): number | undefined {
  const v = c.req.query('settimana');
  return v && /^\d{1,2}$/.test(v) ? Number(v) - 1 : undefined;
}

/** The week shown stays the same when a form comes back with a message. */
const keepWeek = (c: Ctx) => (weekParam(c) === undefined ? '' : `?settimana=${weekParam(c)! + 1}`);

/**
 * The free slots of one week as radios grouped by day, with links to the previous and next week
 * (plain links: no JavaScript, reachable with the keyboard).
 */
function SlotPicker({ c, slots, selected, error, path }: { c: Ctx; slots: SlotChoice[]; selected: string; error?: string; path: string }) {
  const { t, locale, lp } = c.var;
  const f = fmt(locale);
  if (!slots.length) return <p class="alert alert-info">{t('appointments.no_slots')}</p>;
  const wk = slotWeek(slots, toRomeLocal(c.var.deps.now()).date, weekParam(c), selected || undefined);
  const days = new Map<string, SlotChoice[]>();
  for (const s of wk.slots) days.set(s.day, [...(days.get(s.day) ?? []), s]);
  const dayLabel = new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome', weekday: 'long', day: 'numeric', month: 'long' });
  const noon = (day: string) => new Date(`${day}T12:00:00Z`);
  const range = t('appointments.week.range', { from: dayLabel.format(noon(wk.from)), to: dayLabel.format(noon(wk.to)) });
  const href = (w: number) => `${lp(path)}?settimana=${w + 1}#settimana`;
  return (
    <div id="slot" tabindex={-1} aria-describedby={error ? 'slot-error' : undefined}>
      {error ? (
        <p id="slot-error" class="text-danger fw-semibold">
          {t(error)}
        </p>
      ) : null}
      <nav id="settimana" aria-label={t('appointments.week.nav')} class="d-flex flex-wrap align-items-center gap-3 mb-3">
        {wk.week > 0 ? (
          <a href={href(wk.week - 1)} rel="prev">
            {t('appointments.week.previous')}
          </a>
        ) : null}
        <p class="mb-0 fw-semibold" aria-live="polite">
          {t('appointments.week.current', { n: wk.week + 1, of: wk.weeks, range })}
        </p>
        {wk.week < wk.weeks - 1 ? (
          <a href={href(wk.week + 1)} rel="next">
            {t('appointments.week.next')}
          </a>
        ) : null}
      </nav>
      {!wk.slots.length ? <p class="alert alert-info">{t('appointments.week.empty')}</p> : null}
      {[...days.values()].map((list, di) => (
        <fieldset class="mb-3">
          <legend class="h6">{dayLabel.format(list[0]!.startsAt)}</legend>
          {list.map((s, i) => (
            <div class="form-check">
              <input type="radio" name="slot" id={`slot-${di}-${i}`} value={s.key} checked={s.key === selected} />
              <label for={`slot-${di}-${i}`}>
                {`${f.time.format(s.startsAt)}–${f.time.format(s.endsAt)} · ${t(`appointments.modes.${s.mode}`)} · ${t('appointments.with', { host: s.hostName })}`}
              </label>
            </div>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

function BookPage({ c, slots, s, alert, token }: { c: Ctx; slots: SlotChoice[]; s: FormState; alert?: string; token: string }) {
  const { t, lp } = c.var;
  const labels = { slot: t('appointments.fields.slot'), name: t('appointments.fields.name'), email: t('appointments.fields.email'), phone: t('appointments.fields.phone'), topic: t('appointments.fields.topic') };
  return (
    <Layout c={c} title={t('appointments.book_title')}>
      <div class="container my-5">
        <div class="row">
          <div class="col-lg-8">
            <h1>{t('appointments.book_title')}</h1>
            <p class="lead">{t('appointments.book_intro')}</p>
            {alert ? (
              <div class="alert alert-warning" role="alert">
                {alert}
              </div>
            ) : null}
            <ErrorSummary s={s} labels={labels} />
            <form method="post" action={`${lp(`/appuntamento/${token}`)}${keepWeek(c)}`} novalidate>
              <CsrfField token={c.var.csrfToken} />
              <h2 class="h4">{t('appointments.choose_slot')}</h2>
              <SlotPicker c={c} slots={slots} selected={one(s.values.slot)} error={s.errors.slot} path={`/appuntamento/${token}`} />
              <h2 class="h4 mt-4">{t('appointments.your_details')}</h2>
              <TextField s={s} name="name" label={labels.name} required autocomplete="name" maxLength={200} />
              <TextField s={s} name="email" label={labels.email} type="email" required autocomplete="email" maxLength={254} />
              <TextField s={s} name="phone" label={labels.phone} type="tel" autocomplete="tel" maxLength={40} />
              <TextArea s={s} name="topic" label={labels.topic} hint={t('appointments.topic_hint')} maxLength={1000} rows={3} />
              <p>
                {t('appointments.privacy_before')} <a href={lp('/privacy')}>{t('appointments.privacy_link')}</a>
              </p>
              <button type="submit" class="btn btn-primary">
                {t('appointments.book_submit')}
              </button>
            </form>
          </div>
        </div>
      </div>
    </Layout>
  );
}

function Details({ c, a, hostName }: { c: Ctx; a: Appointment; hostName: string }) {
  const { t, locale } = c.var;
  const f = fmt(locale);
  return (
    <dl class="row">
      <dt class="col-sm-3">{t('appointments.fields.when')}</dt>
      <dd class="col-sm-9">{`${f.dateTime.format(a.startsAt)}–${f.time.format(a.endsAt)}`}</dd>
      <dt class="col-sm-3">{t('appointments.fields.mode')}</dt>
      <dd class="col-sm-9">{t(`appointments.modes.${a.mode}`)}</dd>
      <dt class="col-sm-3">{t('appointments.fields.where')}</dt>
      <dd class="col-sm-9">{a.mode === 'video' ? <a href={a.location}>{a.location}</a> : a.location}</dd>
      <dt class="col-sm-3">{t('appointments.fields.host')}</dt>
      <dd class="col-sm-9">{hostName}</dd>
      <dt class="col-sm-3">{t('appointments.fields.status')}</dt>
      <dd class="col-sm-9">{t(`appointments.statuses.${a.status}`)}</dd>
    </dl>
  );
}

const FLASH = ['booked', 'moved', 'cancelled'] as const;

function ManagePage({ c, d, token, s, alert }: { c: Ctx; d: NonNullable<Awaited<ReturnType<typeof manageAppointmentPage>>>; token: string; s: FormState; alert?: string }) {
  const { t, lp } = c.var;
  const key = c.req.query('esito');
  const notice = key && (FLASH as readonly string[]).includes(key) ? t(`appointments.flash.${key}`) : null;
  const a = d.appointment;
  return (
    <Layout c={c} title={t('appointments.manage_title')}>
      <div class="container my-5">
        <div class="row">
          <div class="col-lg-8">
            <h1>{t('appointments.manage_title')}</h1>
            {notice ? (
              <div class="alert alert-success" role="status">
                {notice}
              </div>
            ) : null}
            {alert ? (
              <div class="alert alert-warning" role="alert">
                {alert}
              </div>
            ) : null}
            <Details c={c} a={a} hostName={d.hostName} />
            {a.status === 'booked' && d.slots.length ? (
              <section aria-labelledby="move" class="mt-4">
                <h2 id="move" class="h4">
                  {t('appointments.move_title')}
                </h2>
                <form method="post" action={`${lp(`/appuntamento/gestisci/${token}/sposta`)}${keepWeek(c)}`}>
                  <CsrfField token={c.var.csrfToken} />
                  <SlotPicker c={c} slots={d.slots} selected={one(s.values.slot)} error={s.errors.slot} path={`/appuntamento/gestisci/${token}`} />
                  <button type="submit" class="btn btn-primary">
                    {t('appointments.move_submit')}
                  </button>
                </form>
              </section>
            ) : null}
            {a.status === 'booked' ? (
              <section aria-labelledby="cancel" class="mt-4">
                <h2 id="cancel" class="h4">
                  {t('appointments.cancel_title')}
                </h2>
                <form method="post" action={lp(`/appuntamento/gestisci/${token}/annulla`)}>
                  <CsrfField token={c.var.csrfToken} />
                  <button type="submit" class="btn btn-outline-danger">
                    {t('appointments.cancel_submit')}
                  </button>
                </form>
              </section>
            ) : null}
          </div>
        </div>
      </div>
    </Layout>
  );
}

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });
const gone = (c: Ctx) => c.html(<ErrorPage c={c} kind="not_found" />, 404);

/** 410: the link was real but is past its date; the person can ask the team for a new one. */
function expired(c: Ctx) {
  const { t, lp } = c.var;
  return c.html(
    <Layout c={c} title={t('appointments.expired.title')}>
      <div class="container my-5">
        <div class="row">
          <div class="col-lg-8">
            <h1>{t('appointments.expired.title')}</h1>
            <p class="lead">{t('appointments.expired.text')}</p>
            <p>
              <a class="btn btn-primary" href={lp('/contatti')}>
                {t('appointments.expired.ask')}
              </a>
            </p>
          </div>
        </div>
      </div>
    </Layout>,
    410,
  );
}

const HOUR = 3_600_000;

export function appointmentRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', secretUrl);
  // Booking, moving and cancelling are public forms: counted per address and per link, so one link
  // cannot be used to churn a team member's calendar and one address cannot try many links.
  const byIp = new RateLimiter(30, HOUR);
  const byLink = new RateLimiter(10, HOUR);
  app.post('*', async (c, next) => {
    const ip = clientIp(c);
    const link = c.req.path.replace(/^(\/en)?\/appuntamento\/(gestisci\/)?/, '').split('/')[0] ?? '';
    const wait = Math.max(ip ? byIp.hit(ip) : 0, link ? byLink.hit(link) : 0);
    if (wait === 0) return next();
    const { t } = c.var;
    c.header('Retry-After', String(wait));
    return c.html(
      <Layout c={c} title={t('appointments.errors.rate_limited_title')}>
        <div class="container my-5">
          <h1>{t('appointments.errors.rate_limited_title')}</h1>
          <p class="lead">{t('appointments.errors.rate_limited', { minutes: Math.ceil(wait / 60) })}</p>
        </div>
      </Layout>,
      429,
    );
  });

  app.get('/gestisci/:token', async (c) => {
    const d = await manageAppointmentPage(c.var.deps, c.req.param('token'));
    if (!d) return gone(c);
    return c.html(<ManagePage c={c} d={d} token={c.req.param('token')} s={state(c)} />);
  });

  app.post('/gestisci/:token/sposta', async (c) => {
    const token = c.req.param('token');
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await moveAppointment(c.var.deps, token, one(values.slot));
    if (r.ok) return c.redirect(c.var.lp(`/appuntamento/gestisci/${r.value.manageToken}?esito=moved`), 303);
    const d = await manageAppointmentPage(c.var.deps, token);
    if (!d) return gone(c);
    if (r.error.code === 'invalid') return c.html(<ManagePage c={c} d={d} token={token} s={state(c, values, r.error.fields)} />, 422);
    if (r.error.code === 'conflict') return c.html(<ManagePage c={c} d={d} token={token} s={state(c)} alert={c.var.t('appointments.errors.slot_taken')} />, 409);
    return c.html(<ManagePage c={c} d={d} token={token} s={state(c)} alert={c.var.t('appointments.errors.not_booked')} />, 409);
  });

  app.post('/gestisci/:token/annulla', async (c) => {
    const token = c.req.param('token');
    const r = await cancelAppointment(c.var.deps, token);
    if (r.ok || r.error.code === 'invalid_state') return c.redirect(c.var.lp(`/appuntamento/gestisci/${token}?esito=cancelled`), 303);
    return gone(c);
  });

  app.get('/:token', async (c) => {
    const d = await bookingPage(c.var.deps, c.req.param('token'));
    if (d === 'expired') return expired(c);
    if (!d) return gone(c);
    const { prefill } = d;
    return c.html(<BookPage c={c} slots={d.slots} token={c.req.param('token')} s={state(c, { name: prefill.name, email: prefill.email, phone: prefill.phone })} />);
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await bookAppointment(c.var.deps, token, { slot: one(values.slot), name: one(values.name), email: one(values.email), phone: one(values.phone), topic: one(values.topic) }, c.var.locale);
    if (r.ok) return c.redirect(c.var.lp(`/appuntamento/gestisci/${r.value.manageToken}?esito=booked`), 303);
    const d = await bookingPage(c.var.deps, token);
    if (d === 'expired') return expired(c);
    if (!d || r.error.code === 'not_found') return gone(c);
    const kept: FormValues = { name: one(values.name), email: one(values.email), phone: one(values.phone), topic: one(values.topic) };
    if (r.error.code === 'invalid') return c.html(<BookPage c={c} slots={d.slots} token={token} s={state(c, { ...kept, slot: one(values.slot) }, r.error.fields)} />, 422);
    if (r.error.code === 'conflict') return c.html(<BookPage c={c} slots={d.slots} token={token} s={state(c, kept)} alert={c.var.t('appointments.errors.slot_taken')} />, 409);
    throw new Error(`bookAppointment: unexpected ${r.error.code}`);
  });

  return app;
}
