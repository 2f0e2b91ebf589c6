// The public site.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { Layout } from '../layouts/Layout.tsx';
export function publicRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.html(<Layout c={c} title={c.var.t('common.site_name')}><div class="container my-5"><h1>{c.var.t('common.site_name')}</h1></div></Layout>));
  return app;
}
