// The pages of the staff users (/admin/utenti): the list, the new-user form, the page that shows a
// generated password once, and a user's page with role, status and password reset.
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { listUsers, STAFF_ROLES, type UserRow } from '../../../domains/accounts/index.ts';
import { ActionForm, ActionProblem } from '../../kit/action.tsx';
import { DetailList, Time } from '../../kit/details.tsx';
import { CsrfField, ErrorSummary, FormActions, RadioGroup, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { defineList, onePage } from '../../kit/list.tsx';
import { formState } from '../../kit/post.ts';

export const USER_FLASH = ['created_mail', 'role_changed', 'disabled', 'enabled', 'reset_sent'] as const;
export const PASSWORD_MODES = ['generate', 'mail'] as const;

export const userPath = (id: string) => `/admin/utenti/${encodeURIComponent(id)}`;

function StatusText({ c, disabled }: { c: Ctx; disabled: boolean }) {
  return disabled ? (
    <span class="badge bg-secondary">{c.var.t('accounts.users.status_disabled')}</span>
  ) : (
    <span class="badge bg-success">{c.var.t('accounts.users.status_active')}</span>
  );
}

export const userList = defineList({
  path: '/admin/utenti',
  title: 'accounts.users.title',
  query: {},
  load: async (c) => {
    const r = await listUsers(c.var.deps, c.var.actor);
    return r.ok ? { ok: true as const, value: onePage(r.value) } : r;
  },
  actions: (c) => (
    <p>
      <a class="btn btn-primary" href={c.var.lp('/admin/utenti/nuovo')}>
        {c.var.t('accounts.users.new')}
      </a>
    </p>
  ),
  columns: (c) => {
    const { t, lp, locale } = c.var;
    return [
      { header: t('accounts.fields.name'), rowHeader: true, value: (u: UserRow) => u.name, cell: (u: UserRow) => <a href={lp(userPath(u.id))}>{u.name}</a> },
      { header: t('accounts.fields.email'), value: (u: UserRow) => u.email },
      { header: t('accounts.fields.role'), value: (u: UserRow) => t(`admin.roles.${u.role ?? 'member'}`) },
      { header: t('accounts.fields.status'), cell: (u: UserRow) => <StatusText c={c} disabled={u.disabled} /> },
      { header: t('accounts.fields.created_at'), value: (u: UserRow) => u.createdAt, cell: (u: UserRow) => <Time at={u.createdAt} locale={locale} format="dateShort" /> },
    ];
  },
  caption: 'accounts.users.caption',
  empty: 'accounts.users.none',
  flash: { prefix: 'accounts.users.flash', known: USER_FLASH },
});

const roleOptions = (c: Ctx) => STAFF_ROLES.map((r) => ({ value: r, label: c.var.t(`accounts.roles_long.${r}`) }));

export function NewUserPage({ c, s }: { c: Ctx; s: FormState }) {
  const { t, lp } = c.var;
  const labels = {
    name: t('accounts.fields.name'),
    email: t('accounts.fields.email'),
    role: t('accounts.fields.role'),
    locale: t('accounts.fields.locale'),
    password_mode: t('accounts.users.password_mode'),
  };
  return (
    <AdminLayout c={c} title={t('accounts.users.new')}>
      <h1>{t('accounts.users.new')}</h1>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp('/admin/utenti/nuovo')} class="mt-4" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField s={s} name="name" label={labels.name} required maxLength={120} autocomplete="off" />
        <TextField s={s} name="email" type="email" label={labels.email} required maxLength={254} autocomplete="off" />
        <SelectField s={s} name="role" label={labels.role} options={roleOptions(c)} required empty={t('accounts.users.choose_role')} />
        <SelectField
          s={s}
          name="locale"
          label={labels.locale}
          hint={t('accounts.users.locale_hint')}
          options={LOCALES.map((l) => ({ value: l, label: t(`accounts.locales.${l}`) }))}
          required
        />
        <RadioGroup s={s} name="password_mode" legend={labels.password_mode} options={PASSWORD_MODES.map((m) => ({ value: m, label: t(`accounts.users.password_mode_${m}`) }))} />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('accounts.users.create')}
          </button>
          <a class="btn btn-outline-primary" href={lp('/admin/utenti')}>
            {t('common.forms.cancel')}
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

export function CreatedPage({ c, user, password }: { c: Ctx; user: { id: string; name: string; email: string }; password: string }) {
  const { t, lp } = c.var;
  return (
    <AdminLayout c={c} title={t('accounts.users.created_title')}>
      <h1>{t('accounts.users.created_title')}</h1>
      <p>{t('accounts.users.created_text', { name: user.name, email: user.email })}</p>
      <div class="alert alert-warning" role="status">
        <p class="mb-2">{t('accounts.users.password_once')}</p>
        <p class="mb-0">
          <strong>{t('accounts.fields.password')}: </strong>
          <code class="fs-5" data-testid="generated-password">
            {password}
          </code>
        </p>
      </div>
      <p>
        <a href={lp(userPath(user.id))}>{t('accounts.users.go_to_user')}</a>
        {' · '}
        <a href={lp('/admin/utenti')}>{t('accounts.users.back_to_list')}</a>
      </p>
    </AdminLayout>
  );
}

/** A user's page: after a redirect with a flash, or again with the refusal (`problem`) or the role form's errors. */
export function UserPage({ c, user, notice, problem, errors }: { c: Ctx; user: UserRow; notice?: string | null; problem?: string; errors?: FormState['errors'] }) {
  const { t, locale } = c.var;
  const base = userPath(user.id);
  const roleState = formState(c, { role: user.role ?? '' }, errors);
  return (
    <AdminLayout c={c} title={user.name} flash={notice}>
      <h1>{user.name}</h1>
      <ActionProblem c={c} message={problem} />
      <DetailList
        rows={[
          { label: t('accounts.fields.email'), value: user.email },
          { label: t('accounts.fields.role'), value: t(`admin.roles.${user.role ?? 'member'}`) },
          { label: t('accounts.fields.status'), value: <StatusText c={c} disabled={user.disabled} /> },
          { label: t('accounts.fields.locale'), value: t(`accounts.locales.${user.locale === 'en' ? 'en' : 'it'}`) },
          { label: t('accounts.fields.created_at'), value: <Time at={user.createdAt} locale={locale} /> },
        ]}
      />

      <h2 class="h4 mt-4 mb-4">{t('accounts.users.role_heading')}</h2>
      <form method="post" action={c.var.lp(`${base}/ruolo`)} class="pt-3">
        <CsrfField token={c.var.csrfToken} />
        <SelectField s={roleState} name="role" label={t('accounts.fields.role')} options={roleOptions(c)} required />
        <button type="submit" class="btn btn-primary">
          {t('accounts.users.change_role')}
        </button>
      </form>

      <h2 class="h4 mt-5 mb-4">{t('accounts.users.status_heading')}</h2>
      <form method="post" action={c.var.lp(`${base}/stato`)}>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="disabled" value={user.disabled ? '0' : '1'} />
        <p>{user.disabled ? t('accounts.users.enable_hint') : t('accounts.users.disable_hint')}</p>
        <button type="submit" class={user.disabled ? 'btn btn-primary' : 'btn btn-outline-danger'}>
          {user.disabled ? t('accounts.users.enable') : t('accounts.users.disable')}
        </button>
      </form>

      {user.disabled ? null : (
        <>
          <h2 class="h4 mt-5 mb-4">{t('accounts.users.password_heading')}</h2>
          <ActionForm c={c} action={`${base}/reimposta-password`} label={t('accounts.users.send_reset')} variant="outline-primary">
            <p>{t('accounts.users.reset_hint')}</p>
          </ActionForm>
        </>
      )}
      <p class="mt-5">
        <a href={c.var.lp('/admin/utenti')}>{t('accounts.users.back_to_list')}</a>
      </p>
    </AdminLayout>
  );
}
