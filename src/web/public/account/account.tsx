// A person's own page (/area-personale), for everyone who signs in — staff and people of the
// network: who they are, what they are in which organisation (with the way into its portal), their
// data as a download, a password to set, and (for people outside the agency) erasing the account.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CsrfField, FormActions } from '../../kit/form.tsx';
import { errorResponse, flash } from '../../kit/guard.tsx';
import { formPost, withFlash } from '../../kit/post.ts';
import { requestPasswordReset, signOut } from '../../../domains/accounts/index.ts';
import { organisationsByIds } from '../../../domains/organisations/index.ts';
import { eraseMyAccount, exportMyData, myErasurePreview, type PersonPart } from '../../../domains/people/index.ts';
import { scopeIds } from '../../../platform/authz/index.ts';
import { ok } from '../../../platform/result.ts';

const FLASH = ['password_mail'] as const;
const BASE = '/area-personale';

function Shell({ c, title, children, notice }: { c: Ctx; title: string; children?: unknown; notice?: string | null }) {
  return (
    <Layout c={c} title={title}>
      <div class="container my-5">
        {notice ? (
          <div class="alert alert-success" role="status">
            {notice}
          </div>
        ) : null}
        <h1 class="mb-4">{title}</h1>
        {children as never}
      </div>
    </Layout>
  );
}

function AccountPage({ c, orgs }: { c: Ctx; orgs: { id: string; slug: string; name: string; role: string }[] }) {
  const { t, lp, user } = c.var;
  const u = user!;
  return (
    <Shell c={c} title={t('accounts.me.title')} notice={flash(c, 'accounts.me.flash', FLASH)}>
      <dl class="row">
        <dt class="col-sm-3">{t('accounts.fields.name')}</dt>
        <dd class="col-sm-9">{u.name}</dd>
        <dt class="col-sm-3">{t('accounts.fields.email')}</dt>
        <dd class="col-sm-9">{u.email}</dd>
        <dt class="col-sm-3">{t('accounts.me.role')}</dt>
        <dd class="col-sm-9">{u.role ? t(`admin.roles.${u.role}`) : t('admin.roles.member')}</dd>
      </dl>
      {u.role ? (
        <p>
          <a class="btn btn-primary" href={lp('/admin')}>
            {t('accounts.me.to_backoffice')}
          </a>
        </p>
      ) : null}

      <section class="mb-5" aria-labelledby="memberships">
        <h2 id="memberships">{t('accounts.me.memberships')}</h2>
        {orgs.length ? (
          <ul>
            {orgs.map((o) => (
              <li>
                <a href={lp(`/partner/${o.slug}`)}>{o.name}</a> — {t(`accounts.me.scope_roles.${o.role}`)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('accounts.me.no_memberships')}</p>
        )}
      </section>

      <section class="mb-5" aria-labelledby="password">
        <h2 id="password">{t('accounts.me.password_title')}</h2>
        <p>{t('accounts.me.password_intro')}</p>
        <form method="post" action={lp(`${BASE}/password`)}>
          <CsrfField token={c.var.csrfToken} />
          <button type="submit" class="btn btn-outline-primary">
            {t('accounts.me.password_submit')}
          </button>
        </form>
      </section>

      <section class="mb-5" aria-labelledby="data">
        <h2 id="data">{t('accounts.me.data_title')}</h2>
        <p>{t('accounts.me.data_intro')}</p>
        <p>
          <a href={lp(`${BASE}/dati.json`)}>{t('accounts.me.data_download')}</a>
        </p>
        {u.role ? (
          <p>{t('accounts.me.staff_erasure')}</p>
        ) : (
          <p>
            <a class="btn btn-outline-danger" href={lp(`${BASE}/cancella`)}>
              {t('accounts.me.erase_start')}
            </a>
          </p>
        )}
      </section>
    </Shell>
  );
}

function EraseConfirm({ c, parts }: { c: Ctx; parts: PersonPart[] }) {
  const { t, lp } = c.var;
  const goes = parts.filter((p) => Object.values(p.erase).some((n) => n > 0));
  return (
    <Shell c={c} title={t('accounts.me.erase_title')}>
      <p>{t('accounts.me.erase_intro')}</p>
      <ul>
        {goes.map((p) => (
          <li>
            {t(`${p.capability}.personal_data.title`)}
            <ul>
              {Object.entries(p.erase)
                .filter(([, n]) => n > 0)
                .map(([k, n]) => (
                  <li>{t(`${p.capability}.personal_data.${k}`, { count: n })}</li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
      <p>
        <strong>{t('cases_erase.irreversible')}</strong>
      </p>
      <form method="post" action={lp(`${BASE}/cancella`)}>
        <CsrfField token={c.var.csrfToken} />
        <FormActions>
          <button type="submit" class="btn btn-danger">
            {t('accounts.me.erase_confirm')}
          </button>
          <a class="btn btn-outline-primary" href={lp(BASE)}>
            {t('cases_erase.cancel')}
          </a>
        </FormActions>
      </form>
    </Shell>
  );
}

export function accountRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'private, no-store');
    if (!c.var.user) return c.redirect(`${c.var.lp('/accedi')}?next=${encodeURIComponent(BASE)}`, 303);
    await next();
  });

  app.get('/', async (c) => {
    const ms = c.var.actor.memberships.filter((m) => m.scope === 'organisation');
    const orgs = await organisationsByIds(c.var.deps.db, scopeIds(c.var.actor, 'organisation'));
    return c.html(<AccountPage c={c} orgs={orgs.map((o) => ({ ...o, role: ms.find((m) => m.id === o.id)!.role }))} />);
  });

  app.get('/dati.json', async (c) => {
    const r = await exportMyData(c.var.deps, c.var.actor);
    if (!r.ok) return errorResponse(c, r.error);
    return c.body(JSON.stringify(r.value, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'attachment; filename="i-miei-dati.json"' });
  });

  app.post(
    '/password',
    formPost({
      run: async (c) => ok(await requestPasswordReset(c.var.deps, { email: c.var.user!.email })),
      done: (c) => withFlash(c, BASE, 'password_mail'),
    }),
  );

  app.get('/cancella', async (c) => {
    const r = await myErasurePreview(c.var.deps, c.var.actor);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<EraseConfirm c={c} parts={r.value} />);
  });

  app.post(
    '/cancella',
    formPost({
      run: (c) => eraseMyAccount(c.var.deps, c.var.actor),
      done: async (c) => {
        // The sessions went with the account; the browser's cookie is cleared too.
        for (const cookie of await signOut(c.var.deps, c.req.raw.headers)) c.header('Set-Cookie', cookie, { append: true });
        return c.redirect(withFlash(c, '/accedi', 'account_erased'), 303);
      },
    }),
  );

  return app;
}
