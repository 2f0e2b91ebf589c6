// The back-office shell: the site layout with the navigation the back-office modules declare
// (src/web/modules.ts), each entry shown to the actors its rule allows.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../context.ts';
import { Layout } from './Layout.tsx';
import { can } from '../../platform/authz/index.ts';

export interface AdminLayoutProps {
  c: Ctx;
  title: string;
  children?: Child;
  scripts?: string[];
  /** Extra tags for <head> (passed to Layout). */
  head?: Child;
  /** A flash message shown above the content (post/redirect/get). */
  flash?: string | null;
}

export function AdminLayout({ c, title, children, scripts, head, flash }: AdminLayoutProps) {
  const { t, lp, user, csrfToken } = c.var;
  const path = c.req.path;
  const visible = c.var.nav.backoffice
    .filter((e) => !e.rule || can(c.var.actor, e.rule))
    .map((e) => ({ path: e.path === '/' ? '/admin' : `/admin${e.path}`, key: e.label }));
  const current = visible
    .filter((s) => path === s.path || (s.path !== '/admin' && path.startsWith(s.path + '/')))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <Layout c={c} title={title} area="admin" scripts={scripts} head={head}>
      <div class="container-fluid my-4">
        <div class="row">
          <div class="col-12 col-lg-3 col-xl-2 mb-4">
            <nav class="admin-nav" aria-label={t('admin.nav.label')}>
              <ul class="nav flex-column">
                {visible.map((s) => (
                  <li class="nav-item">
                    <a class="nav-link" href={lp(s.path)} aria-current={current?.path === s.path ? 'page' : undefined}>
                      {t(s.key)}
                    </a>
                  </li>
                ))}
              </ul>
              {user ? (
                <form method="post" action={lp('/esci')} class="mt-3">
                  <input type="hidden" name="_csrf" value={csrfToken} />
                  <p class="small mb-1">{t('admin.signed_in_as', { email: user.email, role: t(`admin.roles.${user.role ?? 'member'}`) })}</p>
                  <button type="submit" class="btn btn-outline-primary btn-sm">
                    {t('admin.sign_out')}
                  </button>
                </form>
              ) : null}
            </nav>
          </div>
          <div class="col-12 col-lg-9 col-xl-10">
            {flash ? (
              <div class="alert alert-success" role="status">
                {flash}
              </div>
            ) : null}
            {children}
          </div>
        </div>
      </div>
    </Layout>
  );
}
