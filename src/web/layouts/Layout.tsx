// The page shell in the Bootstrap Italia look: skip link, header with language switch, footer.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Ctx } from '../context.ts';
import { Icon } from '../kit/Icon.tsx';

export interface LayoutProps {
  c: Ctx;
  title: string;
  description?: string;
  /** Extra tags for <head>: canonical, Open Graph, JSON-LD. */
  head?: Child;
  /** Per-page scripts (files only: the CSP forbids inline scripts). */
  scripts?: string[];
  children?: Child;
  area?: 'public' | 'admin';
  /** The other language's URL when it must not echo the raw request (cached pages use the canonical query). */
  switchHref?: string;
}

/** The same page in the other language: /en prefix added or removed, query kept. */
export function switchLocaleHref(c: Ctx): string {
  const url = new URL(c.req.url);
  const path = c.req.path + url.search;
  return c.var.locale === 'it' ? (c.req.path === '/' ? '/en' + url.search : '/en' + path) : path;
}

export function Layout({ c, title, description, head, scripts, children, area = 'public', switchHref }: LayoutProps) {
  const { t, lp, locale, user } = c.var;
  const other = locale === 'it' ? 'en' : 'it';
  const siteName = t('common.site_name');
  const path = c.req.path;
  const nav: { href: string; label: string; active: boolean }[] =
    area === 'admin'
      ? []
      : [
          { href: lp('/'), label: t('common.nav.home'), active: path === '/' },
          { href: lp('/bandi'), label: t('common.nav.calls'), active: path.startsWith('/bandi') },
        ];
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title === siteName ? siteName : `${title} · ${siteName}`}</title>
          {description ? <meta name="description" content={description} /> : null}
          <link rel="stylesheet" href="/assets/bi/css/bootstrap-italia.min.css" />
          <link rel="stylesheet" href="/assets/app/fonts.css" />
          <link rel="stylesheet" href="/assets/app/app.css" />
          <link rel="icon" href="/assets/app/favicon.svg" type="image/svg+xml" />
          {head}
        </head>
        <body>
          <div class="skiplink">
            <a class="visually-hidden-focusable" href="#main">
              {t('common.skip_to_content')}
            </a>
          </div>
          {c.var.deps.flags.demo ? (
            <div class="demo-banner" role="note">
              <div class="container">
                <strong>{t('common.demo_label')}</strong> {t('common.demo_banner')}
              </div>
            </div>
          ) : null}
          <header class="it-header-wrapper">
            <div class="it-header-slim-wrapper">
              <div class="container">
                <div class="row">
                  <div class="col-12">
                    <div class="it-header-slim-wrapper-content">
                      <span class="d-lg-block navbar-brand">{t('common.agency_label')}</span>
                      <div class="it-header-slim-right-zone">
                        <a class="btn btn-primary btn-sm btn-full" href={switchHref ?? switchLocaleHref(c)} hreflang={other} lang={other}>
                          {t('common.switch_language')}
                        </a>
                        {user ? (
                          <a class="btn btn-primary btn-sm btn-full" href={lp('/admin')}>
                            {t('common.nav.backoffice')}
                          </a>
                        ) : (
                          <a class="btn btn-primary btn-sm btn-full" href={lp('/accedi')}>
                            {t('common.nav.sign_in')}
                          </a>
                        )}
                      </div>
                    </div>
                  </div>
                </div>
              </div>
            </div>
            <div class="it-nav-wrapper">
              <div class="it-header-center-wrapper">
                <div class="container">
                  <div class="row">
                    <div class="col-12">
                      <div class="it-header-center-content-wrapper">
                        <div class="it-brand-wrapper">
                          <a href={lp(area === 'admin' ? '/admin' : '/')}>
                            <Icon name="it-pa" class="icon" />
                            <div class="it-brand-text">
                              <div class="it-brand-title">{siteName}</div>
                              <div class="it-brand-tagline d-none d-md-block">
                                {area === 'admin' ? t('common.backoffice_tagline') : t('common.tagline')}
                              </div>
                            </div>
                          </a>
                        </div>
                      </div>
                    </div>
                  </div>
                </div>
              </div>
              {nav.length ? (
                <div class="it-header-navbar-wrapper approdo-navbar">
                  <div class="container">
                    <nav aria-label={t('common.nav.label')}>
                      <ul class="approdo-nav">
                        {nav.map((n) => (
                          <li>
                            <a href={n.href} aria-current={n.active ? 'page' : undefined}>
                              {n.label}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </nav>
                  </div>
                </div>
              ) : null}
            </div>
          </header>
          <main id="main">{children}</main>
          <footer class="it-footer">
            <div class="it-footer-main">
              <div class="container py-4">
                <p class="text-white mb-2">{t('common.footer.about')}</p>
                <p class="text-white mb-0">
                  <a class="text-white" href={lp('/bandi/feed.xml')}>
                    {t('common.footer.feed')}
                  </a>
                </p>
                <p class="text-white mb-0 mt-2">
                  <a class="text-white" href={lp('/privacy')}>
                    {t('privacy.footer_link')}
                  </a>
                </p>
              </div>
            </div>
          </footer>
          {(scripts ?? []).map((s) => (
            <script src={s} defer></script>
          ))}
        </body>
      </html>
    </>
  );
}
