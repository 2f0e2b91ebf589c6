// "No call open for you? Leave your references": the /contatti page, its thanks page, and the
// LeadForm embedded where a search finds nothing and on a closed call's page (all post to /contatti).
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CsrfField, ErrorSummary, type FormState } from '../../kit/form.tsx';
import { ConsentField, HoneypotField, UtmFields } from '../../kit/consent.tsx';
import { formValues, type FormValues } from '../../../platform/forms/index.ts';
import { isBot, pickUtm, UTM_KEYS } from '../../../platform/consent/index.ts';
import { RateLimiter } from '../../../platform/http/rate-limit.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { createLead, MESSAGE_MAX, parseLeadInput, PREFERRED_TIMES } from '../../../domains/leads/index.ts';
import { listProfessions, listSpecialisations } from '../../../domains/reference/index.ts';
import { professionLabel } from '../../kit/options.ts';
import { clientIp } from '../auth/auth.tsx';
import type { DomainDeps } from '../../../platform/domain-deps.ts';

const HOUR = 60 * 60_000;

export interface LeadFormOptions {
  professions: { code: string; name: string; nameEn: string | null }[];
  specialisations: { code: string; name: string }[];
}

// Reference data changes only when the seed runs: a few minutes in memory spare a query per page.
const TTL_MS = 10 * 60_000;
const memo = new WeakMap<DomainDeps['db'], { at: number; value: Promise<LeadFormOptions> }>();

export function leadFormOptions(db: DomainDeps['db']): Promise<LeadFormOptions> {
  const m = memo.get(db);
  if (m && Date.now() - m.at < TTL_MS) return m.value;
  const value = Promise.all([listProfessions(db), listSpecialisations(db)]).then(([p, s]) => ({
    professions: p.map((x) => ({ code: x.code, name: x.name, nameEn: x.nameEn })),
    specialisations: s.map((x) => ({ code: x.code, name: x.name })),
  }));
  memo.set(db, { at: Date.now(), value });
  value.catch(() => memo.delete(db));
  return value;
}

// Field helpers like those of components/form.tsx, with an id prefix: an embedded form shares its
// page with other forms (the /bandi filters, the alert sign-up) whose fields have the same names.
const val = (s: FormState, name: string) => {
  const v = s.values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

function describedBy(s: FormState, id: string, name: string, hint?: string) {
  return [hint ? `${id}-hint` : null, s.errors[name] ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Help({ s, id, name, hint }: { s: FormState; id: string; name: string; hint?: string }) {
  return (
    <>
      {hint ? (
        <small id={`${id}-hint`} class="form-text">
          {hint}
        </small>
      ) : null}
      {s.errors[name] ? (
        <div id={`${id}-error`} class="field-error mt-1">
          {s.t(s.errors[name])}
        </div>
      ) : null}
    </>
  );
}

interface FieldOpts {
  s: FormState;
  p: string;
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
}

function Input({ s, p, name, label, required, hint, type = 'text', maxLength, autocomplete }: FieldOpts & { type?: string; maxLength?: number; autocomplete?: string }) {
  const id = p + name;
  const invalid = !!s.errors[name];
  return (
    <div class="form-group mb-4">
      <label for={id} class="active">
        {label}
        {required ? ' *' : ''}
      </label>
      <input
        type={type}
        id={id}
        name={name}
        class={invalid ? 'form-control is-invalid' : 'form-control'}
        value={val(s, name)}
        required={required}
        maxlength={maxLength}
        autocomplete={autocomplete}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(s, id, name, hint)}
      />
      <Help s={s} id={id} name={name} hint={hint} />
    </div>
  );
}

function Select({ s, p, name, label, required, hint, options, empty }: FieldOpts & { options: { value: string; label: string }[]; empty?: string }) {
  const id = p + name;
  const invalid = !!s.errors[name];
  const current = val(s, name);
  return (
    <div class="select-wrapper mb-4">
      <label for={id}>
        {label}
        {required ? ' *' : ''}
      </label>
      <select
        id={id}
        name={name}
        class={invalid ? 'is-invalid' : undefined}
        required={required && empty !== undefined}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(s, id, name, hint)}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option value={o.value} selected={current === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Help s={s} id={id} name={name} hint={hint} />
    </div>
  );
}

function Area({ s, p, name, label, hint, rows }: FieldOpts & { rows: number }) {
  const id = p + name;
  const invalid = !!s.errors[name];
  return (
    <div class="form-group mb-4">
      <label for={id} class="active">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        class={invalid ? 'form-control is-invalid' : 'form-control'}
        maxlength={MESSAGE_MAX}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(s, id, name, hint)}
      >
        {val(s, name)}
      </textarea>
      <Help s={s} id={id} name={name} hint={hint} />
    </div>
  );
}

const fieldLabels = (c: Ctx) => ({
  name: c.var.t('leads.fields.name'),
  email: c.var.t('leads.fields.email'),
  phone: c.var.t('leads.fields.phone'),
  professionCode: c.var.t('leads.fields.professionCode'),
  specialisationCode: c.var.t('leads.fields.specialisationCode'),
  preferredTime: c.var.t('leads.fields.preferredTime'),
  message: c.var.t('leads.fields.message'),
  consent: c.var.t('leads.fields.consent'),
});

export interface LeadFormProps {
  c: Ctx;
  options: LeadFormOptions;
  /** What the visitor typed (a 422 re-render) and the messages at the fields. */
  s?: FormState;
  /** The compact variant sits inside another page (/bandi without results, a closed call). */
  compact?: boolean;
  /** Prefix of the field ids; needed when the page has other forms. */
  idPrefix?: string;
  /** Where the form is shown: bandi-empty, call-closed, contatti… (recorded with the consent). */
  source?: string;
  /** The closed call whose page the form is on. */
  callSlug?: string;
}

/** The lead form itself; it always posts to /contatti in the page's language. */
export function LeadForm({ c, options, s, compact, idPrefix = '', source, callSlug }: LeadFormProps) {
  const { t, lp, locale } = c.var;
  const st: FormState = s ?? { values: {}, errors: {}, t };
  const labels = fieldLabels(c);
  const p = idPrefix;
  const values = st.values;
  // The campaign of the visit: the page's own query on first show, the posted values on a re-render.
  const utm = pickUtm((k) => (typeof values[k] === 'string' ? (values[k] as string) : c.req.query(k)));
  const slug = typeof values.callSlug === 'string' ? values.callSlug : callSlug;
  const src = typeof values.source === 'string' && values.source ? values.source : source;
  const col = compact ? 'col-md-6' : 'col-12';
  return (
    <form method="post" action={lp('/contatti')} novalidate class="lead-form">
      <CsrfField token={c.var.csrfToken} />
      <UtmFields utm={utm} source={src} />
      {slug ? <input type="hidden" name="callSlug" value={slug} /> : null}
      <p class="small">{t('leads.form.required_note')}</p>
      <div class="row">
        <div class={col}>
          <Input s={st} p={p} name="name" label={labels.name} required maxLength={200} autocomplete="name" />
        </div>
        <div class={col}>
          <Input s={st} p={p} name="email" type="email" label={labels.email} required maxLength={254} autocomplete="email" />
        </div>
        <div class={col}>
          <Input s={st} p={p} name="phone" type="tel" label={labels.phone} maxLength={30} autocomplete="tel" hint={t('leads.form.phone_hint')} />
        </div>
        <div class={col}>
          <Select
            s={st}
            p={p}
            name="preferredTime"
            label={labels.preferredTime}
            options={PREFERRED_TIMES.map((v) => ({ value: v, label: t(`leads.preferred_times.${v}`) }))}
          />
        </div>
        <div class={col}>
          <Select
            s={st}
            p={p}
            name="professionCode"
            label={labels.professionCode}
            required
            empty={t('leads.form.choose_profession')}
            options={options.professions.map((x) => ({ value: x.code, label: professionLabel(x, locale) }))}
          />
        </div>
        <div class={col}>
          <Select
            s={st}
            p={p}
            name="specialisationCode"
            label={labels.specialisationCode}
            empty={t('leads.form.no_specialisation')}
            hint={t('leads.form.specialisation_hint')}
            options={options.specialisations.map((x) => ({ value: x.code, label: x.name }))}
          />
        </div>
      </div>
      <Area s={st} p={p} name="message" label={labels.message} rows={compact ? 3 : 5} hint={t('leads.form.message_hint', { max: MESSAGE_MAX })} />
      <ConsentField t={t} lp={lp} id={`${p}consent`} purpose="contact" error={st.errors.consent} checked={values.consent === 'on'} />
      <HoneypotField t={t} id={`${p}website`} />
      <button type="submit" class="btn btn-primary">
        {t('leads.form.submit')}
      </button>
    </form>
  );
}

/**
 * The compact form with its heading, for another page: it loads its own options (an async
 * component), so a page adds it with one line. The page then carries the visitor's CSRF token and
 * the render cache serves it to this visitor only.
 */
export async function LeadBlock({ c, source, callSlug, headingLevel = 2 }: { c: Ctx; source: string; callSlug?: string; headingLevel?: 2 | 3 }) {
  const { t } = c.var;
  const options = await leadFormOptions(c.var.deps.db);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="card card-bg p-4 my-4 lead-block" aria-labelledby="lead-block-title">
      <H id="lead-block-title" class="h4">
        {t('leads.block.title')}
      </H>
      <p>{t(callSlug ? 'leads.block.intro_call' : 'leads.block.intro')}</p>
      <LeadForm c={c} options={options} compact idPrefix="lead-" source={source} callSlug={callSlug} />
    </section>
  );
}

function LeadPage({ c, options, s, alert }: { c: Ctx; options: LeadFormOptions; s: FormState; alert?: string }) {
  const { t } = c.var;
  return (
    <Layout c={c} title={t('leads.page.title')} description={t('leads.page.meta_description')}>
      <div class="container my-5">
        <div class="row justify-content-center">
          <div class="col-12 col-lg-8">
            <h1>{t('leads.page.title')}</h1>
            <p class="lead">{t('leads.page.intro')}</p>
            <p>{t('leads.page.what_next')}</p>
            {alert ? (
              <div class="alert alert-danger" role="alert">
                {alert}
              </div>
            ) : null}
            <ErrorSummary s={s} labels={fieldLabels(c)} />
            <LeadForm c={c} options={options} s={s} source="contatti" />
          </div>
        </div>
      </div>
    </Layout>
  );
}

function ThanksPage({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <Layout c={c} title={t('leads.thanks.title')}>
      <div class="container my-5">
        <div class="row justify-content-center">
          <div class="col-12 col-lg-8">
            <h1>{t('leads.thanks.title')}</h1>
            <div class="alert alert-success" role="status">
              {t('leads.thanks.received')}
            </div>
            <p>{t('leads.thanks.mail')}</p>
            <p>{t('leads.thanks.next')}</p>
            <p>{t('leads.thanks.withdraw')}</p>
            <ul>
              <li>
                <a href={lp('/bandi')}>{t('leads.thanks.browse_calls')}</a>
              </li>
              <li>
                <a href={lp('/privacy')}>{t('leads.thanks.privacy')}</a>
              </li>
            </ul>
          </div>
        </div>
      </div>
    </Layout>
  );
}

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

/** What a re-render keeps: everything typed, except the honeypot. */
function kept(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const k of ['name', 'email', 'phone', 'professionCode', 'specialisationCode', 'preferredTime', 'message', 'consent', 'callSlug', 'source', ...UTM_KEYS]) {
    if (values[k] !== undefined) out[k] = values[k];
  }
  return out;
}

export function leadRoutes() {
  const app = new Hono<AppEnv>();
  // Per application instance, like the sign-in limits: each process counts on its own.
  const byIp = new RateLimiter(10, HOUR);
  const byEmail = new RateLimiter(3, HOUR);

  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'private, no-store');
    await next();
  });

  app.get('/', async (c) => {
    const options = await leadFormOptions(c.var.deps.db);
    return c.html(<LeadPage c={c} options={options} s={state(c)} />);
  });

  app.post('/', async (c) => {
    const { t, deps } = c.var;
    const values = formValues(await c.req.parseBody({ all: true }));
    const thanks = c.var.lp('/contatti/grazie');
    if (isBot(values)) {
      // The same answer as a real submission: a bot learns nothing, and nothing is stored.
      c.var.log.info({ event: 'lead_honeypot' }, 'lead form honeypot filled');
      return c.redirect(thanks, 303);
    }
    const options = await leadFormOptions(deps.db);
    const parsed = parseLeadInput(values);
    if (!parsed.ok) return c.html(<LeadPage c={c} options={options} s={state(c, kept(values), parsed.fields)} />, 422);
    const ip = clientIp(c);
    const wait = Math.max(ip ? byIp.hit(ip) : 0, byEmail.hit(parsed.value.email));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(<LeadPage c={c} options={options} s={state(c, kept(values))} alert={t('leads.errors.rate_limited', { minutes: Math.ceil(wait / 60) })} />, 429);
    }
    const r = await createLead(deps, values, { locale: c.var.locale, actor: c.var.actor });
    if (r.ok) return c.redirect(thanks, 303);
    if (r.error.code === 'invalid') return c.html(<LeadPage c={c} options={options} s={state(c, kept(values), r.error.fields)} />, 422);
    throw new Error(`createLead: unexpected ${r.error.code}`);
  });

  app.get('/grazie', (c) => c.html(<ThanksPage c={c} />));

  return app;
}
