// Users (/admin/utenti): admins list, create, change role, disable, send reset.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { f, formValues, parseForm, type FormValues } from '../../../platform/forms/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { changeUserRole, createUser, getUser, listUsers, sendPasswordResetMail, setUserDisabled, STAFF_ROLES, type UserRow, accountRules } from '../../../domains/accounts/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';

const FLASH = ['created_mail', 'role_changed', 'disabled', 'enabled', 'reset_sent'] as const;
const PASSWORD_MODES = ['generate', 'mail'] as const;

const newUserForm = z.object({
  name: f.text(120),
  email: f.email(),
  role: f.choice(STAFF_ROLES),
  locale: f.choice(LOCALES),
  password_mode: f.choice(PASSWORD_MODES),
});
const roleForm = z.object({ role: f.choice(STAFF_ROLES) });
const statusForm = z.object({ disabled: f.choice(['0', '1'] as const) });

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

function StatusText({ c, disabled }: { c: Ctx; disabled: boolean }) {
  return disabled ? (
    <span class="badge bg-secondary">{c.var.t('accounts.users.status_disabled')}</span>
  ) : (
    <span class="badge bg-success">{c.var.t('accounts.users.status_active')}</span>
  );
}

function UsersList({ c, users, notice }: { c: Ctx; users: UserRow[]; notice: string | null }) {
  const { t, lp, locale } = c.var;
  return (
    <AdminLayout c={c} title={t('accounts.users.title')} flash={notice}>
      <h1>{t('accounts.users.title')}</h1>
      <p>
        <a class="btn btn-primary" href={lp('/admin/utenti/nuovo')}>
          {t('accounts.users.new')}
        </a>
      </p>
      <div class="table-responsive">
        <table class="table">
          <caption>{t('accounts.users.caption', { count: users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.fields.name')}</th>
              <th scope="col">{t('accounts.fields.email')}</th>
              <th scope="col">{t('accounts.fields.role')}</th>
              <th scope="col">{t('accounts.fields.status')}</th>
              <th scope="col">{t('accounts.fields.created_at')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <th scope="row">
                  <a href={lp(`/admin/utenti/${encodeURIComponent(u.id)}`)}>{u.name}</a>
                </th>
                <td>{u.email}</td>
                <td>{t(`admin.roles.${u.role ?? 'member'}`)}</td>
                <td>
                  <StatusText c={c} disabled={u.disabled} />
                </td>
                <td>{fmt(locale).dateShort.format(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

const roleOptions = (c: Ctx) => STAFF_ROLES.map((r) => ({ value: r, label: c.var.t(`accounts.roles_long.${r}`) }));

function NewUserPage({ c, s }: { c: Ctx; s: FormState }) {
  const { t, lp } = c.var;
  const mode = typeof s.values.password_mode === 'string' ? s.values.password_mode : 'generate';
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
        <fieldset class="mb-4" aria-describedby={s.errors.password_mode ? 'password_mode-error' : undefined}>
          <legend class="h6">{labels.password_mode}</legend>
          {PASSWORD_MODES.map((m) => (
            <div class="form-check">
              <input type="radio" id={`password_mode-${m}`} name="password_mode" value={m} checked={mode === m} />
              <label for={`password_mode-${m}`}>{t(`accounts.users.password_mode_${m}`)}</label>
            </div>
          ))}
          {s.errors.password_mode ? (
            <div id="password_mode-error" class="field-error mt-1">
              {t(s.errors.password_mode)}
            </div>
          ) : null}
        </fieldset>
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

function CreatedPage({ c, user, password }: { c: Ctx; user: { id: string; name: string; email: string }; password: string }) {
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
        <a href={lp(`/admin/utenti/${encodeURIComponent(user.id)}`)}>{t('accounts.users.go_to_user')}</a>
        {' · '}
        <a href={lp('/admin/utenti')}>{t('accounts.users.back_to_list')}</a>
      </p>
    </AdminLayout>
  );
}

function UserPage({ c, user, notice, problem, s }: { c: Ctx; user: UserRow; notice?: string | null; problem?: string; s?: FormState }) {
  const { t, lp, locale } = c.var;
  const base = `/admin/utenti/${encodeURIComponent(user.id)}`;
  const roleState = s ?? state(c, { role: user.role ?? '' });
  return (
    <AdminLayout c={c} title={user.name} flash={notice}>
      <h1>{user.name}</h1>
      {problem ? (
        <div class="alert alert-danger" role="alert">
          {problem}
        </div>
      ) : null}
      <dl class="row">
        <dt class="col-sm-3">{t('accounts.fields.email')}</dt>
        <dd class="col-sm-9">{user.email}</dd>
        <dt class="col-sm-3">{t('accounts.fields.role')}</dt>
        <dd class="col-sm-9">{t(`admin.roles.${user.role ?? 'member'}`)}</dd>
        <dt class="col-sm-3">{t('accounts.fields.status')}</dt>
        <dd class="col-sm-9">
          <StatusText c={c} disabled={user.disabled} />
        </dd>
        <dt class="col-sm-3">{t('accounts.fields.locale')}</dt>
        <dd class="col-sm-9">{t(`accounts.locales.${user.locale === 'en' ? 'en' : 'it'}`)}</dd>
        <dt class="col-sm-3">{t('accounts.fields.created_at')}</dt>
        <dd class="col-sm-9">{fmt(locale).dateTime.format(user.createdAt)}</dd>
      </dl>

      <h2 class="h4 mt-4 mb-4">{t('accounts.users.role_heading')}</h2>
      <form method="post" action={lp(`${base}/ruolo`)} class="pt-3">
        <CsrfField token={c.var.csrfToken} />
        <SelectField s={roleState} name="role" label={t('accounts.fields.role')} options={roleOptions(c)} required />
        <button type="submit" class="btn btn-primary">
          {t('accounts.users.change_role')}
        </button>
      </form>

      <h2 class="h4 mt-5 mb-4">{t('accounts.users.status_heading')}</h2>
      <form method="post" action={lp(`${base}/stato`)}>
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
          <form method="post" action={lp(`${base}/reimposta-password`)}>
            <CsrfField token={c.var.csrfToken} />
            <p>{t('accounts.users.reset_hint')}</p>
            <button type="submit" class="btn btn-outline-primary">
              {t('accounts.users.send_reset')}
            </button>
          </form>
        </>
      )}
      <p class="mt-5">
        <a href={lp('/admin/utenti')}>{t('accounts.users.back_to_list')}</a>
      </p>
    </AdminLayout>
  );
}

export function usersRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(accountRules.manageUsers));

  app.get('/', async (c) => {
    const r = await listUsers(c.var.deps, c.var.actor);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<UsersList c={c} users={r.value} notice={flash(c, 'accounts.users.flash', FLASH)} />);
  });

  app.get('/nuovo', (c) => c.html(<NewUserPage c={c} s={state(c, { locale: c.var.locale, password_mode: 'generate' })} />));

  app.post('/nuovo', async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const parsed = parseForm(newUserForm, values);
    if (!parsed.ok) return c.html(<NewUserPage c={c} s={state(c, values, parsed.errors)} />, 422);
    const d = parsed.data;
    const r = await createUser(c.var.deps, c.var.actor, {
      name: d.name,
      email: d.email,
      role: d.role,
      locale: d.locale,
      sendSetPasswordMail: d.password_mode === 'mail',
    });
    if (!r.ok) {
      if (r.error.code === 'invalid') return c.html(<NewUserPage c={c} s={state(c, values, r.error.fields)} />, 422);
      return errorResponse(c, r.error);
    }
    const { user, generatedPassword } = r.value;
    if (!generatedPassword) return c.redirect(`${c.var.lp(`/admin/utenti/${encodeURIComponent(user.id)}`)}?esito=created_mail`, 303);
    // Shown once, in this response only: never stored in clear, never cached.
    c.header('Cache-Control', 'private, no-store');
    return c.html(<CreatedPage c={c} user={user} password={generatedPassword} />, 201);
  });

  app.get('/:id', async (c) => {
    const r = await getUser(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<UserPage c={c} user={r.value} notice={flash(c, 'accounts.users.flash', FLASH)} />);
  });

  // Re-shows the user's page with the problem, or goes back to it with a flash.
  const after = async (c: Ctx, id: string, r: { ok: true } | { ok: false; error: { code: string; message?: string; fields?: FieldErrors } }, done: string) => {
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/utenti/${encodeURIComponent(id)}`)}?esito=${done}`, 303);
    if (r.error.code !== 'invalid_state' && r.error.code !== 'invalid') return errorResponse(c, r.error);
    const u = await getUser(c.var.deps, c.var.actor, id);
    if (!u.ok) return errorResponse(c, u.error);
    const problem = r.error.code === 'invalid_state' ? c.var.t(r.error.message!) : undefined;
    const s = r.error.code === 'invalid' ? state(c, { role: u.value.role ?? '' }, r.error.fields ?? {}) : undefined;
    return c.html(<UserPage c={c} user={u.value} problem={problem} s={s} />, 422);
  };

  app.post('/:id/ruolo', async (c) => {
    const id = c.req.param('id');
    const parsed = parseForm(roleForm, formValues(await c.req.parseBody({ all: true })));
    if (!parsed.ok) return after(c, id, { ok: false, error: { code: 'invalid', fields: parsed.errors } }, '');
    return after(c, id, await changeUserRole(c.var.deps, c.var.actor, id, parsed.data.role), 'role_changed');
  });

  app.post('/:id/stato', async (c) => {
    const id = c.req.param('id');
    const parsed = parseForm(statusForm, formValues(await c.req.parseBody({ all: true })));
    if (!parsed.ok) return after(c, id, { ok: false, error: { code: 'invalid', fields: parsed.errors } }, '');
    const disabled = parsed.data.disabled === '1';
    return after(c, id, await setUserDisabled(c.var.deps, c.var.actor, id, disabled), disabled ? 'disabled' : 'enabled');
  });

  app.post('/:id/reimposta-password', async (c) => {
    const id = c.req.param('id');
    return after(c, id, await sendPasswordResetMail(c.var.deps, c.var.actor, id), 'reset_sent');
  });

  return app;
}
