// An organisation's page (/admin/enti/:id) and the form that creates or edits one.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { can } from '../../../platform/authz/index.ts';
import { ORGANISATION_KINDS, organisationRules, type Organisation } from '../../../domains/organisations/index.ts';
import { DetailList } from '../../kit/details.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { roleLabels } from './list.tsx';

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

/** The form of a new organisation, or of `org` when editing it. */
export function OrganisationForm({ c, s, org }: { c: Ctx; s: FormState; org?: Organisation }) {
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

export function OrganisationPage({ c, org, notice }: { c: Ctx; org: Organisation & { comuneLabel: string | null }; notice: string | null }) {
  const { t, lp } = c.var;
  const labels = fieldLabels(c);
  const notSet = <em>{t('organisations.not_set')}</em>;
  const row = (label: string, value: Child) => ({ label, value: value === null || value === undefined || value === '' ? notSet : value });
  return (
    <AdminLayout c={c} title={org.name} flash={notice}>
      <h1>{org.name}</h1>
      <DetailList
        rows={[
          row(labels.slug, org.slug),
          row(labels.kind, t(`organisations.kinds.${org.kind}`)),
          row(t('organisations.fields.roles'), roleLabels(c, org)),
          row(labels.taxCode, org.taxCode),
          row(
            labels.website,
            org.website?.startsWith('https://') ? (
              <a href={org.website} rel="noopener noreferrer">
                {org.website}
              </a>
            ) : (
              org.website
            ),
          ),
          row(labels.email, org.email ? <a href={`mailto:${org.email}`}>{org.email}</a> : null),
          row(labels.phone, org.phone),
          row(labels.address, [org.address, org.postalCode].filter(Boolean).join(', ')),
          row(labels.comune, org.comuneLabel),
        ]}
      />
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
