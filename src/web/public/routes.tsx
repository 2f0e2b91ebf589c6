// The public site: home, calls, feeds and machine endpoints, staff sign-in pages.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { Layout } from '../layouts/Layout.tsx';
import { publicCallRoutes } from './calls.tsx';
import { seoRoutes } from './seo.tsx';
import { authPageRoutes } from './auth.tsx';

export function publicRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) =>
    c.html(
      <Layout c={c} title={c.var.t('common.site_name')}>
        <div class="container my-5">
          <h1>{c.var.t('common.site_name')}</h1>
        </div>
      </Layout>,
    ),
  );
  app.route('/', seoRoutes());
  app.route('/', authPageRoutes());
  app.route('/bandi', publicCallRoutes());
  return app;
}
