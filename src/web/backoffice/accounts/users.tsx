// Users (/admin/utenti): admins list, create, change role, disable, send reset. Each POST is one
// domain operation; a refusal (the last admin, oneself) shows the user's page again with the reason.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../context.ts';
import { f, parseForm } from '../../../platform/forms/index.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { invalid, type FieldErrors } from '../../../platform/result.ts';
import { accountRules, changeUserRole, createUser, getUser, sendPasswordResetMail, setUserDisabled, STAFF_ROLES } from '../../../domains/accounts/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';
import { mountList } from '../../kit/list.tsx';
import { formPost, formState, withFlash, type FormPost } from '../../kit/post.ts';
import { CreatedPage, NewUserPage, PASSWORD_MODES, USER_FLASH, userList, userPath, UserPage } from './users-pages.tsx';

const newUserForm = z.object({
  name: f.text(120),
  email: f.email(),
  role: f.choice(STAFF_ROLES),
  locale: f.choice(LOCALES),
  password_mode: f.choice(PASSWORD_MODES),
});
const roleForm = z.object({ role: f.choice(STAFF_ROLES) });
const statusForm = z.object({ disabled: f.choice(['0', '1'] as const) });

const userId = (c: Ctx) => c.req.param('id') ?? '';

/** The user's page again: with the domain's refusal, or with the role form's errors (422 either way). */
async function userPageAgain(c: Ctx, shown: { problem?: string; errors?: FieldErrors }) {
  const u = await getUser(c.var.deps, c.var.actor, userId(c));
  if (!u.ok) return errorResponse(c, u.error);
  return c.html(<UserPage c={c} user={u.value} {...shown} />, 422);
}

/** A change on a user's page: back to it with `flash` when done; a refusal in words on the page. */
const userChange = (run: FormPost<unknown>['run'], flashKey: (values: Record<string, unknown>) => string) =>
  formPost({
    run,
    done: (c, _v, values) => withFlash(c, userPath(userId(c)), flashKey(values)),
    invalid: (c, form) => userPageAgain(c, { errors: form.errors }),
    other: (c, error) => (error.code === 'invalid_state' ? userPageAgain(c, { problem: error.message }) : null),
  });

export function usersRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(accountRules.manageUsers));
  mountList(app, userList);

  app.get('/nuovo', (c) => c.html(<NewUserPage c={c} s={formState(c, { locale: c.var.locale, password_mode: 'generate' })} />));

  app.post(
    '/nuovo',
    formPost({
      run: (c, values) => {
        const parsed = parseForm(newUserForm, values);
        if (!parsed.ok) return Promise.resolve(invalid(parsed.errors));
        const d = parsed.data;
        return createUser(c.var.deps, c.var.actor, { name: d.name, email: d.email, role: d.role, locale: d.locale, sendSetPasswordMail: d.password_mode === 'mail' });
      },
      done: (c, { user, generatedPassword }) => {
        if (!generatedPassword) return withFlash(c, userPath(user.id), 'created_mail');
        // Shown once, in this response only: never stored in clear, never cached.
        c.header('Cache-Control', 'private, no-store');
        return c.html(<CreatedPage c={c} user={user} password={generatedPassword} />, 201);
      },
      invalid: (c, s) => c.html(<NewUserPage c={c} s={{ ...s, values: { password_mode: 'generate', ...s.values } }} />),
    }),
  );

  app.get('/:id', async (c) => {
    const r = await getUser(c.var.deps, c.var.actor, userId(c));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<UserPage c={c} user={r.value} notice={flash(c, 'accounts.users.flash', USER_FLASH)} />);
  });

  app.post(
    '/:id/ruolo',
    userChange(async (c, values) => {
      const parsed = parseForm(roleForm, values);
      return parsed.ok ? changeUserRole(c.var.deps, c.var.actor, userId(c), parsed.data.role) : invalid(parsed.errors);
    }, () => 'role_changed'),
  );

  app.post(
    '/:id/stato',
    userChange(async (c, values) => {
      const parsed = parseForm(statusForm, values);
      return parsed.ok ? setUserDisabled(c.var.deps, c.var.actor, userId(c), parsed.data.disabled === '1') : invalid(parsed.errors);
    }, (values) => (values.disabled === '1' ? 'disabled' : 'enabled')),
  );

  app.post(
    '/:id/reimposta-password',
    userChange((c) => sendPasswordResetMail(c.var.deps, c.var.actor, userId(c)), () => 'reset_sent'),
  );

  return app;
}
