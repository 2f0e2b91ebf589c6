// Public webinars: the list of upcoming open webinars (/webinar), a webinar's page with its
// registration form (/webinar/<slug>; a cancelled webinar says so and takes no registrations), the
// thanks page, and cancelling from the signed mail link.
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { ConsentField, HoneypotField } from '../../kit/consent.tsx';
import { formValues, type FormValues } from '../../../platform/forms/index.ts';
import { isBot } from '../../../platform/consent/index.ts';
import { RateLimiter } from '../../../platform/http/rate-limit.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { cancelRegistration, getPublicWebinar, getRegistrationByToken, listOpenWebinars, meetingWhen, registerForWebinar, type PublicWebinar } from '../../../domains/meetings/index.ts';
import { clientIp } from '../auth/auth.tsx';

const HOUR = 60 * 60_000;
const SLUG = /^[a-z0-9-]{1,80}$/;

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

function When({ c, w }: { c: Ctx; w: PublicWebinar }) {
  const { t, locale } = c.var;
  const m = w.meeting;
  return (
    <>
      <time datetime={m.startsAt.toISOString()}>{meetingWhen(locale, m)}</time>
      {` (${t('meetings.page.rome_time')})`}
    </>
  );
}

const seats = (c: Ctx, w: PublicWebinar) =>
  w.seatsLeft === null ? c.var.t('meetings.list.no_limit') : w.seatsLeft === 0 ? c.var.t('meetings.list.full') : c.var.t('meetings.list.seats_left', { count: w.seatsLeft });

function ListPage({ c, items }: { c: Ctx; items: PublicWebinar[] }) {
  const { t, lp } = c.var;
  return (
    <Layout c={c} title={t('meetings.list.title')} description={t('meetings.list.intro')}>
      <div class="container my-5">
        <h1>{t('meetings.list.title')}</h1>
        <p class="lead">{t('meetings.list.intro')}</p>
        {items.length ? (
          <ul class="list-unstyled">
            {items.map((w) => (
              <li class="card card-bg p-4 mb-3">
                <h2 class="h4">
                  <a href={lp(`/webinar/${w.meeting.slug}`)}>{w.meeting.title}</a>
                </h2>
                <p class="mb-1">
                  <When c={c} w={w} />
                </p>
                <p class="mb-0">{seats(c, w)}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('meetings.list.none')}</p>
        )}
      </div>
    </Layout>
  );
}

function WebinarPage({ c, w, s, alert }: { c: Ctx; w: PublicWebinar; s: FormState; alert?: string }) {
  const { t, lp, locale } = c.var;
  const m = w.meeting;
  const open = m.registrationOpen && m.status === 'scheduled' && m.startsAt > c.var.deps.now();
  const labels = { name: t('meetings.fields.name'), email: t('meetings.fields.email'), locale: t('meetings.fields.locale'), consent: t('meetings.fields.consent') };
  const html = renderMarkdown(m.descriptionMd);
  return (
    <Layout c={c} title={m.title}>
      <div class="container my-5">
        <div class="row justify-content-center">
          <div class="col-12 col-lg-8">
            <p>
              <a href={lp('/webinar')}>{t('meetings.page.back')}</a>
            </p>
            <h1>{m.title}</h1>
            {m.status === 'cancelled' ? (
              <p class="alert alert-warning" role="note">
                <strong>{t('meetings.page.cancelled')}</strong>
              </p>
            ) : null}
            <dl class="row">
              <dt class="col-sm-4">{t('meetings.page.when')}</dt>
              <dd class="col-sm-8">
                <When c={c} w={w} />
              </dd>
              <dt class="col-sm-4">{t(`meetings.page.where_${m.mode}`)}</dt>
              <dd class="col-sm-8">{m.mode === 'video' ? t('meetings.page.link_by_mail') : m.location}</dd>
              <dt class="col-sm-4">{t('meetings.page.seats')}</dt>
              <dd class="col-sm-8">{seats(c, w)}</dd>
            </dl>
            {html ? <div class="markdown mb-4">{raw(html)}</div> : null}
            <h2>{t('meetings.page.register')}</h2>
            {alert ? (
              <div class="alert alert-danger" role="alert">
                {alert}
              </div>
            ) : null}
            {m.status === 'cancelled' ? (
              <p>{t('meetings.page.cancelled_no_registration')}</p>
            ) : !open ? (
              <p class="alert alert-info">{t('meetings.page.closed')}</p>
            ) : w.seatsLeft === 0 ? (
              <p class="alert alert-info">{t('meetings.page.full')}</p>
            ) : (
              <>
                <ErrorSummary s={s} labels={labels} />
                <form method="post" action={lp(`/webinar/${m.slug}`)} novalidate>
                  <CsrfField token={c.var.csrfToken} />
                  <p class="small">{t('meetings.page.required_note')}</p>
                  <TextField s={s} name="name" label={labels.name} required maxLength={200} autocomplete="name" />
                  <TextField s={s} name="email" type="email" label={labels.email} required maxLength={254} autocomplete="email" />
                  <SelectField
                    s={{ ...s, values: { locale, ...s.values } }}
                    name="locale"
                    label={labels.locale}
                    options={(['it', 'en'] as const).map((l) => ({ value: l, label: t(`meetings.languages.${l}`) }))}
                  />
                  <ConsentField t={t} lp={lp} purpose="webinar" error={s.errors.consent} checked={s.values.consent === 'on'} />
                  <HoneypotField t={t} />
                  <button type="submit" class="btn btn-primary">
                    {t('meetings.page.submit')}
                  </button>
                </form>
              </>
            )}
          </div>
        </div>
      </div>
    </Layout>
  );
}

function Message({ c, title, text, back }: { c: Ctx; title: string; text: string; back?: boolean }) {
  const { t, lp } = c.var;
  return (
    <Layout c={c} title={title}>
      <div class="container my-5">
        <h1>{title}</h1>
        <div class="alert alert-success" role="status">
          {text}
        </div>
        {back ? (
          <p>
            <a href={lp('/webinar')}>{t('meetings.thanks.back')}</a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}

const kept = (v: FormValues): FormValues => ({ name: v.name ?? '', email: v.email ?? '', locale: v.locale ?? '', consent: v.consent ?? '' });

export function webinarRoutes() {
  const app = new Hono<AppEnv>();
  // Per application instance, like the other public forms.
  const byIp = new RateLimiter(10, HOUR);
  const byEmail = new RateLimiter(3, HOUR);

  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'private, no-store');
    await next();
  });

  app.get('/', async (c) => c.html(<ListPage c={c} items={await listOpenWebinars(c.var.deps.db, c.var.deps.now())} />));

  app.get('/grazie', (c) => c.html(<Message c={c} title={c.var.t('meetings.thanks.title')} text={c.var.t('meetings.thanks.text')} back />));

  app.get('/annulla/:token', async (c) => {
    const { t, lp, locale } = c.var;
    c.header('X-Robots-Tag', 'noindex');
    const d = await getRegistrationByToken(c.var.deps, c.req.param('token'));
    if (!d) return c.html(<Message c={c} title={t('meetings.cancel.title')} text={t('meetings.cancel.invalid')} />, 404);
    if (d.registration.status === 'cancelled') return c.html(<Message c={c} title={t('meetings.cancel.done_title')} text={t('meetings.cancel.done_text')} back />);
    return c.html(
      <Layout c={c} title={t('meetings.cancel.title')}>
        <div class="container my-5">
          <h1>{t('meetings.cancel.title')}</h1>
          <p>{t('meetings.cancel.text', { title: d.meeting.title, date: fmt(locale).dateTime.format(d.meeting.startsAt) })}</p>
          <form method="post" action={lp(`/webinar/annulla/${c.req.param('token')}`)}>
            <CsrfField token={c.var.csrfToken} />
            <button type="submit" class="btn btn-primary">
              {t('meetings.cancel.submit')}
            </button>
          </form>
        </div>
      </Layout>,
    );
  });

  app.post('/annulla/:token', async (c) => {
    const { t } = c.var;
    const r = await cancelRegistration(c.var.deps, c.req.param('token'));
    if (!r.ok) return c.html(<Message c={c} title={t('meetings.cancel.title')} text={t('meetings.cancel.invalid')} />, 404);
    return c.html(<Message c={c} title={t('meetings.cancel.done_title')} text={t('meetings.cancel.done_text')} back />);
  });

  app.get('/:slug', async (c) => {
    const slug = c.req.param('slug');
    if (!SLUG.test(slug)) return c.notFound();
    const w = await getPublicWebinar(c.var.deps.db, slug, c.var.deps.now());
    if (!w) return c.notFound();
    return c.html(<WebinarPage c={c} w={w} s={state(c)} />);
  });

  app.post('/:slug', async (c) => {
    const { t, deps, lp } = c.var;
    const slug = c.req.param('slug');
    if (!SLUG.test(slug)) return c.notFound();
    const values = formValues(await c.req.parseBody({ all: true }));
    const thanks = lp('/webinar/grazie');
    // The same answer as a real registration: a bot learns nothing, and nothing is stored.
    if (isBot(values)) return c.redirect(thanks, 303);
    const w = await getPublicWebinar(deps.db, slug, deps.now());
    if (!w) return c.notFound();
    const ip = clientIp(c);
    const email = typeof values.email === 'string' ? values.email.toLowerCase() : '';
    const wait = Math.max(ip ? byIp.hit(ip) : 0, email ? byEmail.hit(email) : 0);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(<WebinarPage c={c} w={w} s={state(c, kept(values))} alert={t('meetings.errors.rate_limited', { minutes: Math.ceil(wait / 60) })} />, 429);
    }
    const r = await registerForWebinar(deps, slug, values, { actor: c.var.actor });
    if (r.ok) return c.redirect(thanks, 303);
    if (r.error.code === 'invalid') return c.html(<WebinarPage c={c} w={w} s={state(c, kept(values), r.error.fields)} />, 422);
    if (r.error.code === 'full') return c.html(<WebinarPage c={c} w={{ ...w, seatsLeft: 0 }} s={state(c)} />, 409);
    if (r.error.code === 'closed') return c.html(<WebinarPage c={c} w={w} s={state(c)} />, 409);
    return c.notFound();
  });

  return app;
}
