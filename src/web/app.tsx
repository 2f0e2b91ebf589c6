// The web application: one Hono app with the public site, the back office (/admin), the API
// (/api/v1) and static assets. The /en prefix selects English and is stripped before routing.
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppDeps, AppEnv } from './context.ts';
import { csrf, requestContext, securityHeaders, withDeps } from './middleware/core.ts';
import { loadUser, requireMembership, requireStaff } from './middleware/auth.tsx';
import { createFastPath } from './middleware/page-cache.ts';
import { ErrorPage } from './pages/errors.tsx';
import { modulesOf, navOf, type WebArea, type WebModule } from './modules.ts';
import { organisationBySlug } from '../domains/organisations/index.ts';
import type { Locale } from '../platform/i18n/index.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const rel = (p: string) => relative(process.cwd(), join(ROOT, p)) || '.';

export interface WebApp {
  fetch: (req: Request, env?: object) => Response | Promise<Response>;
  /** Like Hono's app.request(): a path or URL, for tests. */
  request: (input: string, init?: RequestInit) => Promise<Response>;
  hono: Hono<AppEnv>;
}

/** One sub-app per area with every module of that area mounted, in order. */
function area(modules: readonly WebModule[], name: WebArea): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const m of modulesOf(modules, name)) for (const mount of m.mounts) app.route(mount.path, mount.routes());
  return app;
}

export function createApp(deps: AppDeps, modules: readonly WebModule[]): WebApp {
  const app = new Hono<AppEnv>();
  const longCache = async (c: { header: (k: string, v: string) => void }, next: () => Promise<void>) => {
    await next();
    c.header('Cache-Control', 'public, max-age=604800');
  };
  // Static assets first: no session, no CSRF cookie.
  app.use('/assets/*', securityHeaders(deps.config.secureCookies));
  app.use('/assets/*', longCache as never);
  app.use(
    '/assets/bi/*',
    serveStatic({ root: rel('node_modules/bootstrap-italia/dist'), rewriteRequestPath: (p) => p.replace(/^\/assets\/bi/, '') }),
  );
  app.use('/assets/app/htmx.min.js', serveStatic({ path: rel('node_modules/htmx.org/dist/htmx.min.js') }));
  app.use('/assets/app/*', serveStatic({ root: rel('src/web/assets'), rewriteRequestPath: (p) => p.replace(/^\/assets\/app/, '') }));

  app.use('*', withDeps(deps));
  app.use('*', requestContext);
  app.use('*', securityHeaders(deps.config.secureCookies));
  const limitBody = bodyLimit({ maxSize: 12 * 1024 * 1024, onError: (c) => c.text(c.var.t('common.errors.payload_too_large'), 413) });
  // GET and HEAD carry no body; checking one would build a full Request object for every page view.
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use('*', loadUser);
  app.use('*', csrf);
  const nav = { backoffice: navOf(modules, 'backoffice'), partner: navOf(modules, 'partner') };
  app.use('*', async (c, next) => {
    c.set('nav', nav);
    await next();
  });
  for (const m of modules) if (m.listeners) deps.events.onAll(m.listeners(deps));

  app.route('/api', area(modules, 'api'));
  const admin = new Hono<AppEnv>();
  admin.use('*', requireStaff);
  admin.route('/', area(modules, 'backoffice'));
  app.route('/admin', admin);
  // The partner portal: every page is of one organisation, and only its members see it.
  const partner = new Hono<AppEnv>();
  partner.use('*', requireMembership('organisation', 'org', organisationBySlug));
  partner.route('/', area(modules, 'partner'));
  app.route('/partner/:org', partner);
  app.route('/', area(modules, 'public'));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'not_found' }, 404);
    return c.html(<ErrorPage c={c} kind="not_found" />, 404);
  });
  app.onError((e, c) => {
    const requestId = c.var.requestId ?? '-';
    (c.var.log ?? deps.logger).error({ err: e, requestId }, 'unhandled error');
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'internal_error', requestId }, 500);
    try {
      return c.html(<ErrorPage c={c} kind="server" />, 500);
    } catch {
      return c.text(`Error. Request id: ${requestId}`, 500);
    }
  });

  const fastPath = createFastPath(deps);
  const fetch = (req: Request, env: object = {}) => {
    const url = new URL(req.url);
    let locale: Locale = 'it';
    const english = url.pathname === '/en' || url.pathname.startsWith('/en/');
    if (english) locale = 'en';
    // Anonymous visitors' cached public pages are answered here (src/web/middleware/page-cache.ts).
    const hit = fastPath(req, locale, english ? url.pathname.slice(3) || '/' : url.pathname, url.search);
    if (hit) return hit;
    if (english) {
      url.pathname = url.pathname.slice(3) || '/';
      req = new Request(url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        ...(req.body ? { duplex: 'half' } : {}),
      } as RequestInit);
    }
    return app.fetch(req, { ...env, locale });
  };
  return {
    fetch,
    hono: app,
    request: async (input, init) => {
      const url = input.startsWith('http') ? input : `http://localhost${input}`;
      return fetch(new Request(url, init));
    },
  };
}
