// API tokens (/admin/token-api): admins create and revoke bearer tokens. A new token's secret is
// shown once, in the answer to its creation.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { parseForm } from '../../../platform/forms/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { invalid } from '../../../platform/result.ts';
import { accountRules, createApiToken, listApiTokens, newTokenSchema, revokeApiToken, STAFF_ROLES, type ApiTokenRow } from '../../../domains/accounts/index.ts';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { errorResponse, flash, requireRule, requireUuid } from '../../kit/guard.tsx';
import { formPost, formState, withFlash } from '../../kit/post.ts';
import { DataTable, type Column } from '../../kit/table.tsx';

const FLASH = ['revoked'] as const;

const columns = (c: Ctx): Column<ApiTokenRow>[] => {
  const { t, locale } = c.var;
  const date = (d: Date | null) => (d ? fmt(locale).dateTime.format(d) : '—');
  return [
    { header: t('accounts.tokens.name'), rowHeader: true, value: (tk) => tk.name },
    { header: t('accounts.tokens.prefix'), value: (tk) => tk.prefix, cell: (tk) => <code>{tk.prefix}…</code> },
    { header: t('accounts.fields.role'), value: (tk) => t(`admin.roles.${tk.role}`) },
    { header: t('accounts.tokens.created_by'), value: (tk) => tk.createdByEmail ?? '—' },
    { header: t('accounts.fields.created_at'), value: (tk) => tk.createdAt, cell: (tk) => date(tk.createdAt) },
    { header: t('accounts.tokens.last_used'), value: (tk) => tk.lastUsedAt, cell: (tk) => date(tk.lastUsedAt) },
    {
      header: t('accounts.fields.status'),
      cell: (tk) =>
        tk.revokedAt ? (
          t('accounts.tokens.revoked_on', { date: date(tk.revokedAt) })
        ) : (
          <form method="post" action={c.var.lp(`/admin/token-api/${tk.id}/revoca`)}>
            <CsrfField token={c.var.csrfToken} />
            <span class="me-2">{t('accounts.tokens.active')}</span>
            <button type="submit" class="btn btn-outline-danger btn-xs" aria-label={t('accounts.tokens.revoke_named', { name: tk.name })}>
              {t('accounts.tokens.revoke')}
            </button>
          </form>
        ),
    },
  ];
};

function TokensPage({ c, tokens, s, created, notice }: { c: Ctx; tokens: ApiTokenRow[]; s: FormState; created?: { name: string; secret: string }; notice?: string | null }) {
  const { t, lp } = c.var;
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
      <DataTable c={c} caption={t('accounts.tokens.caption', { count: tokens.length })} columns={columns(c)} rows={tokens} empty={t('accounts.tokens.none')} />
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

/** The tokens with the new-token form: empty, as typed with its errors, or after a creation. */
async function tokensPage(c: Ctx, s: FormState, extra: { created?: { name: string; secret: string }; notice?: string | null } = {}) {
  const list = await listApiTokens(c.var.deps, c.var.actor);
  if (!list.ok) return errorResponse(c, list.error);
  return c.html(<TokensPage c={c} tokens={list.value} s={s} {...extra} />, extra.created ? 201 : 200);
}

export function apiTokenRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(accountRules.manageApiTokens));

  app.get('/', (c) => tokensPage(c, formState(c, { role: 'recruiter' }), { notice: flash(c, 'accounts.tokens.flash', FLASH) }));

  app.post(
    '/',
    formPost({
      run: async (c, values) => {
        const parsed = parseForm(newTokenSchema, values);
        return parsed.ok ? createApiToken(c.var.deps, c.var.actor, parsed.data) : invalid(parsed.errors);
      },
      done: (c, created) => {
        // The secret exists in this response only.
        c.header('Cache-Control', 'private, no-store');
        return tokensPage(c, formState(c, { role: 'recruiter' }), { created });
      },
      invalid: (c, s) => tokensPage(c, s),
    }),
  );

  app.post(
    '/:id/revoca',
    requireUuid('id'),
    formPost({
      run: (c) => revokeApiToken(c.var.deps, c.var.actor, c.req.param('id') ?? ''),
      done: (c) => withFlash(c, '/admin/token-api', 'revoked'),
    }),
  );

  return app;
}
