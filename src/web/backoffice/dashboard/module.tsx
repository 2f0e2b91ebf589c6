// The back office's home page.
import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { defineWebModule } from '../../modules.ts';

function dashboardRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const { t, user } = c.var;
    return c.html(
      <AdminLayout c={c} title={t('admin.dashboard.title')}>
        <h1>{t('admin.dashboard.title')}</h1>
        <p>{t('admin.dashboard.welcome', { name: user!.name })}</p>
      </AdminLayout>,
    );
  });
  return app;
}

export const module = defineWebModule({
  name: 'dashboard',
  area: 'backoffice',
  mounts: [{ path: '/', routes: dashboardRoutes }],
  nav: [{ path: '/', label: 'admin.nav.dashboard', order: 0 }],
  order: 0,
});
