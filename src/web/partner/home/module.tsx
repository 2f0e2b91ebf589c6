// The partner portal's home (/partner/<org>): the organisation's own area, for its members only.
import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import { PartnerLayout } from '../../layouts/AdminLayout.tsx';
import { defineWebModule } from '../../modules.ts';

function homeRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const { t } = c.var;
    const name = c.var.scope!.name;
    return c.html(
      <PartnerLayout c={c} title={name}>
        <h1>{name}</h1>
        <p>{t('admin.partner.intro', { name })}</p>
      </PartnerLayout>,
    );
  });
  return app;
}

export const module = defineWebModule({
  name: 'home',
  area: 'partner',
  mounts: [{ path: '/', routes: homeRoutes }],
  nav: [{ path: '/', label: 'admin.partner.home', order: 0 }],
  order: 0,
});
