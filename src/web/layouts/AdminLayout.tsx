// The shells of the areas behind a sign-in: the back office (/admin) and the partner portal
// (/partner/<org>). Both are the site layout with a side navigation built from the modules'
// entries (src/web/modules.ts), each shown to those its rule or role allows.
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

interface NavItem {
  path: string;
  key: string;
}

function AreaShell({ c, title, children, scripts, head, flash, items, root, navLabel, heading }: AdminLayoutProps & { items: NavItem[]; root: string; navLabel: string; heading?: string }) {
  const { t, lp, user, csrfToken } = c.var;
  const path = c.req.path;
  const current = items.filter((s) => path === s.path || (s.path !== root && path.startsWith(s.path + '/'))).sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <Layout c={c} title={title} area="admin" scripts={scripts} head={head}>
      <div class="container-fluid my-4">
        <div class="row">
          <div class="col-12 col-lg-3 col-xl-2 mb-4">
            <nav class="admin-nav" aria-label={navLabel}>
              {heading ? <p class="fw-semibold mb-2">{heading}</p> : null}
              <ul class="nav flex-column">
                {items.map((s) => (
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
                  <p class="small mb-1">
                    <a href={lp('/area-personale')}>{t('accounts.me.title')}</a>
                  </p>
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

export function AdminLayout(props: AdminLayoutProps) {
  const { c } = props;
  const items = c.var.nav.backoffice.filter((e) => !e.rule || can(c.var.actor, e.rule)).map((e) => ({ path: e.path === '/' ? '/admin' : `/admin${e.path}`, key: e.label }));
  return <AreaShell {...props} items={items} root="/admin" navLabel={c.var.t('admin.nav.label')} />;
}

/** The partner portal of the organisation the request is on (set by requireMembership). */
export function PartnerLayout(props: AdminLayoutProps) {
  const { c } = props;
  const scope = c.var.scope!;
  const root = `/partner/${scope.slug}`;
  const items = c.var.nav.partner
    // Entries of the partner area name the roles in the organisation that see them.
    .filter((e) => !e.roles || e.roles.includes(scope.membership.role))
    .map((e) => ({ path: e.path === '/' ? root : `${root}${e.path}`, key: e.label }));
  return <AreaShell {...props} items={items} root={root} navLabel={c.var.t('admin.nav.partner_label', { name: scope.name })} heading={scope.name} />;
}
