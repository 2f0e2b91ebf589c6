// Organisations (/admin/enti): the agency, employers and (later) partners; admins manage, recruiters read.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { formValues, parseForm, type FormValues } from '../../../platform/forms/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { createOrganisation, getOrganisation, listOrganisations, ORGANISATION_KINDS, organisationFormValues, organisationSchema, updateOrganisation, type Organisation, type OrganisationListItem, organisationRules } from '../../../domains/organisations/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';
import { can } from '../../../platform/authz/index.ts';

const FLASH = ['created', 'updated'] as const;

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

function roleLabels(c: Ctx, o: Pick<OrganisationListItem, 'isEmployer' | 'isPartner' | 'isHost' | 'isDemo'>): string {
  const { t } = c.var;
  const roles = [
    o.isHost ? t('organisations.roles.host') : null,
    o.isEmployer ? t('organisations.roles.employer') : null,
    o.isPartner ? t('organisations.roles.partner') : null,
    o.isDemo ? t('organisations.roles.demo') : null,
  ].filter(Boolean);
  return roles.length ? roles.join(', ') : t('organisations.roles.none');
}

function ListPage({ c, items, notice }: { c: Ctx; items: OrganisationListItem[]; notice: string | null }) {
  const { t, lp } = c.var;
  const canManage = can(c.var.actor, organisationRules.manage);
  return (
    <AdminLayout c={c} title={t('organisations.title')} flash={notice}>
      <h1>{t('organisations.title')}</h1>
      <p>{t('organisations.intro')}</p>
      {canManage ? (
        <p>
          <a class="btn btn-primary" href={lp('/admin/enti/nuovo')}>
            {t('organisations.new')}
          </a>
        </p>
      ) : (
        <p>{t('organisations.view_only')}</p>
      )}
      {items.length ? (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('organisations.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organisations.fields.name')}</th>
                <th scope="col">{t('organisations.fields.kind')}</th>
                <th scope="col">{t('organisations.fields.roles')}</th>
                <th scope="col">{t('organisations.fields.comune')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr>
                  <th scope="row">
                    <a href={lp(`/admin/enti/${o.id}`)}>{o.name}</a>
                  </th>
                  <td>{t(`organisations.kinds.${o.kind}`)}</td>
                  <td>{roleLabels(c, o)}</td>
                  <td>{o.comuneLabel ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('organisations.none')}</p>
      )}
    </AdminLayout>
  );
}

const fieldLabels = (c: Ctx) => ({
  name: c.var.t('organisations.fields.name'),
  slug: c.var.t('organisations.fields.slug'),
  kind: c.var.t('organisations.fields.kind'),
  isEmployer: c.var.t('organisations.fields.is_employer'),
  isPartner: c.var.t('organisations.fields.is_partner'),
  taxCode: c.var.t('organisations.fields.tax_code'),
  website: c.var.t('organisations.fields.website'),
  email: c.var.t('organisations.fields.email'),
  phone: c.var.t('organisations.fields.phone'),
  address: c.var.t('organisations.fields.address'),
  postalCode: c.var.t('organisations.fields.postal_code'),
  comune: c.var.t('organisations.fields.comune'),
});

function Checkbox({ s, name, label }: { s: FormState; name: string; label: string }) {
  const v = s.values[name];
  return (
    <div class="form-check">
      <input type="checkbox" id={name} name={name} value="on" checked={v === 'on' || v === 'true'} />
      <label for={name}>{label}</label>
    </div>
  );
}

function FormPage({ c, s, org }: { c: Ctx; s: FormState; org?: Organisation }) {
  const { t, lp } = c.var;
  const labels = fieldLabels(c);
  const title = org ? t('organisations.edit_title', { name: org.name }) : t('organisations.new');
  const action = org ? lp(`/admin/enti/${org.id}/modifica`) : lp('/admin/enti/nuovo');
  return (
    <AdminLayout c={c} title={title}>
      <h1>{title}</h1>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField s={s} name="name" label={labels.name} required maxLength={200} />
        <TextField s={s} name="slug" label={labels.slug} maxLength={80} hint={t('organisations.hints.slug')} />
        <SelectField
          s={s}
          name="kind"
          label={labels.kind}
          required
          empty={t('organisations.choose_kind')}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisations.kinds.${k}`) }))}
        />
        <fieldset class="mb-4">
          <legend class="h6">{t('organisations.fields.roles')}</legend>
          <Checkbox s={s} name="isEmployer" label={labels.isEmployer} />
          <Checkbox s={s} name="isPartner" label={labels.isPartner} />
        </fieldset>
        <TextField s={s} name="taxCode" label={labels.taxCode} maxLength={20} hint={t('organisations.hints.tax_code')} />
        <TextField s={s} name="website" type="url" label={labels.website} maxLength={2000} hint={t('organisations.hints.website')} />
        <TextField s={s} name="email" type="email" label={labels.email} maxLength={254} />
        <TextField s={s} name="phone" type="tel" label={labels.phone} maxLength={30} />
        <TextField s={s} name="address" label={labels.address} maxLength={300} />
        <TextField s={s} name="postalCode" label={labels.postalCode} maxLength={5} />
        <TextField s={s} name="comune" label={labels.comune} maxLength={120} hint={t('organisations.hints.comune')} />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {org ? t('organisations.save') : t('organisations.create')}
          </button>
          <a class="btn btn-outline-primary" href={lp(org ? `/admin/enti/${org.id}` : '/admin/enti')}>
            {t('organisations.cancel')}
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

function DetailPage({ c, org, notice }: { c: Ctx; org: Organisation & { comuneLabel: string | null }; notice: string | null }) {
  const { t, lp } = c.var;
  const labels = fieldLabels(c);
  const notSet = <em>{t('organisations.not_set')}</em>;
  const row = (label: string, value: unknown) => (
    <>
      <dt class="col-sm-3">{label}</dt>
      <dd class="col-sm-9">{value === null || value === undefined || value === '' ? notSet : value}</dd>
    </>
  );
  return (
    <AdminLayout c={c} title={org.name} flash={notice}>
      <h1>{org.name}</h1>
      <dl class="row">
        {row(labels.slug, org.slug)}
        {row(labels.kind, t(`organisations.kinds.${org.kind}`))}
        {row(t('organisations.fields.roles'), roleLabels(c, org))}
        {row(labels.taxCode, org.taxCode)}
        {row(
          labels.website,
          org.website?.startsWith('https://') ? (
            <a href={org.website} rel="noopener noreferrer">
              {org.website}
            </a>
          ) : (
            org.website
          ),
        )}
        {row(labels.email, org.email ? <a href={`mailto:${org.email}`}>{org.email}</a> : null)}
        {row(labels.phone, org.phone)}
        {row(labels.address, [org.address, org.postalCode].filter(Boolean).join(', '))}
        {row(labels.comune, org.comuneLabel)}
      </dl>
      {can(c.var.actor, organisationRules.manage) ? (
        <p>
          <a class="btn btn-primary" href={lp(`/admin/enti/${org.id}/modifica`)}>
            {t('organisations.edit')}
          </a>
        </p>
      ) : null}
      <p class="mt-4">
        <a href={lp('/admin/enti')}>{t('organisations.back')}</a>
      </p>
    </AdminLayout>
  );
}

export function organisationRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(organisationRules.view));

  app.get('/', async (c) => {
    const r = await listOrganisations(c.var.deps.db, c.var.actor);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ListPage c={c} items={r.value} notice={flash(c, 'organisations.flash', FLASH)} />);
  });

  app.get('/nuovo', requireRule(organisationRules.manage), (c) => c.html(<FormPage c={c} s={state(c, { isEmployer: 'on' })} />));

  app.post('/nuovo', requireRule(organisationRules.manage), async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const parsed = parseForm(organisationSchema, values);
    if (!parsed.ok) return c.html(<FormPage c={c} s={state(c, values, parsed.errors)} />, 422);
    const r = await createOrganisation(c.var.deps.db, c.var.actor, values);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/enti/${r.value.id}`)}?esito=created`, 303);
    if (r.error.code === 'invalid') return c.html(<FormPage c={c} s={state(c, values, r.error.fields)} />, 422);
    return errorResponse(c, r.error);
  });

  app.get('/:id', async (c) => {
    const r = await getOrganisation(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<DetailPage c={c} org={r.value} notice={flash(c, 'organisations.flash', FLASH)} />);
  });

  app.get('/:id/modifica', requireRule(organisationRules.manage), async (c) => {
    const r = await getOrganisation(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<FormPage c={c} s={state(c, organisationFormValues(r.value))} org={r.value} />);
  });

  app.post('/:id/modifica', requireRule(organisationRules.manage), async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const parsed = parseForm(organisationSchema, values);
    const r = parsed.ok ? await updateOrganisation(c.var.deps.db, c.var.actor, id, values) : null;
    if (r?.ok) return c.redirect(`${c.var.lp(`/admin/enti/${id}`)}?esito=updated`, 303);
    if (r && r.error.code !== 'invalid') return errorResponse(c, r.error);
    const errors = r && !r.ok && r.error.code === 'invalid' ? r.error.fields : !parsed.ok ? parsed.errors : {};
    // The form is shown again with what was typed; the record only gives the title and action.
    const current = await getOrganisation(c.var.deps.db, c.var.actor, id);
    if (!current.ok) return errorResponse(c, current.error);
    return c.html(<FormPage c={c} s={state(c, values, errors)} org={current.value} />, 422);
  });

  return app;
}
