// API tokens (/admin/token-api): admins create and revoke bearer tokens.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { formValues, parseForm, type FormValues } from '../../../platform/forms/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { createApiToken, listApiTokens, newTokenSchema, revokeApiToken, STAFF_ROLES, type ApiTokenRow, accountRules } from '../../../domains/accounts/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';

const FLASH = ['revoked'] as const;

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

function TokensPage({
  c,
  tokens,
  s,
  created,
  notice,
}: {
  c: Ctx;
  tokens: ApiTokenRow[];
  s: FormState;
  created?: { name: string; secret: string };
  notice?: string | null;
}) {
  const { t, lp, locale } = c.var;
  const date = (d: Date | null) => (d ? fmt(locale).dateTime.format(d) : '—');
  const labels = { name: t('accounts.tokens.name'), role: t('accounts.fields.role') };
  return (
    <AdminLayout c={c} title={t('accounts.tokens.title')} flash={notice}>
      <h1>{t('accounts.tokens.title')}</h1>
      <p>{t('accounts.tokens.intro')}</p>
      {created ? (
        <div class="alert alert-warning" role="status">
          <p class="mb-2">{t('accounts.tokens.created', { name: created.name })}</p>
          <p class="mb-2">{t('accounts.tokens.secret_once')}</p>
          <p class="mb-0">
            <code class="fs-6 text-break" data-testid="token-secret">
              {created.secret}
            </code>
          </p>
        </div>
      ) : null}
      <div class="table-responsive">
        <table class="table">
          <caption>{t('accounts.tokens.caption', { count: tokens.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.tokens.name')}</th>
              <th scope="col">{t('accounts.tokens.prefix')}</th>
              <th scope="col">{t('accounts.fields.role')}</th>
              <th scope="col">{t('accounts.tokens.created_by')}</th>
              <th scope="col">{t('accounts.fields.created_at')}</th>
              <th scope="col">{t('accounts.tokens.last_used')}</th>
              <th scope="col">{t('accounts.fields.status')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => (
              <tr>
                <th scope="row">{tk.name}</th>
                <td>
                  <code>{tk.prefix}…</code>
                </td>
                <td>{t(`admin.roles.${tk.role}`)}</td>
                <td>{tk.createdByEmail ?? '—'}</td>
                <td>{date(tk.createdAt)}</td>
                <td>{date(tk.lastUsedAt)}</td>
                <td>
                  {tk.revokedAt ? (
                    t('accounts.tokens.revoked_on', { date: date(tk.revokedAt) })
                  ) : (
                    <form method="post" action={lp(`/admin/token-api/${tk.id}/revoca`)}>
                      <CsrfField token={c.var.csrfToken} />
                      <span class="me-2">{t('accounts.tokens.active')}</span>
                      <button type="submit" class="btn btn-outline-danger btn-xs" aria-label={t('accounts.tokens.revoke_named', { name: tk.name })}>
                        {t('accounts.tokens.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="h4 mt-5 mb-4">{t('accounts.tokens.new')}</h2>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp('/admin/token-api')} class="mt-4" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField s={s} name="name" label={labels.name} hint={t('accounts.tokens.name_hint')} required maxLength={100} autocomplete="off" />
        <SelectField
          s={s}
          name="role"
          label={labels.role}
          hint={t('accounts.tokens.role_hint')}
          options={STAFF_ROLES.map((r) => ({ value: r, label: t(`accounts.roles_long.${r}`) }))}
          required
        />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('accounts.tokens.create')}
          </button>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

export function apiTokenRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(accountRules.manageApiTokens));

  app.get('/', async (c) => {
    const r = await listApiTokens(c.var.deps, c.var.actor);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<TokensPage c={c} tokens={r.value} s={state(c, { role: 'recruiter' })} notice={flash(c, 'accounts.tokens.flash', FLASH)} />);
  });

  app.post('/', async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const parsed = parseForm(newTokenSchema, values);
    const created = parsed.ok ? await createApiToken(c.var.deps, c.var.actor, parsed.data) : null;
    if (created && !created.ok && created.error.code !== 'invalid') return errorResponse(c, created.error);
    const list = await listApiTokens(c.var.deps, c.var.actor);
    if (!list.ok) return errorResponse(c, list.error);
    if (!parsed.ok) return c.html(<TokensPage c={c} tokens={list.value} s={state(c, values, parsed.errors)} />, 422);
    if (!created!.ok) {
      const fields = created!.error.code === 'invalid' ? created!.error.fields : {};
      return c.html(<TokensPage c={c} tokens={list.value} s={state(c, values, fields)} />, 422);
    }
    // The secret exists in this response only.
    c.header('Cache-Control', 'private, no-store');
    return c.html(<TokensPage c={c} tokens={list.value} s={state(c, { role: 'recruiter' })} created={created!.value} />, 201);
  });

  app.post('/:id/revoca', async (c) => {
    const r = await revokeApiToken(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.redirect(`${c.var.lp('/admin/token-api')}?esito=revoked`, 303);
  });

  return app;
}
