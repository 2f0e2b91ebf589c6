// The one pager (Bootstrap Italia): a labelled nav, previous/next named for screen readers, the pages
// around the current one (marked with aria-current) and gaps. `Pagination` takes any page address
// (the public search keeps its own query names); `Pager` is the same nav for a back-office list,
// keeping the list's other query parameters beside `?pagina=`.
import type { Ctx } from '../context.ts';
import type { Translator } from '../../platform/i18n/index.ts';
import { Icon } from './Icon.tsx';

/** `?pagina=` as a page number; anything else is page 1. */
export function pageParam(c: Ctx): number {
  const v = c.req.query('pagina') ?? '';
  return /^\d{1,6}$/.test(v) ? Math.max(1, Number(v)) : 1;
}

/** Pages to show: first, last and two either side of the current; null marks a gap. */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

export interface PaginationProps {
  /** The visitor's translator (the nav's name, the words read by screen readers). */
  t: Translator;
  page: number;
  pages: number;
  /** The address of page n. */
  href: (page: number) => string;
}

/**
 * `page` of `pages` (nothing when there is one page). Example: src/web/kit/catalogue.tsx (`pagination`).
 */
export function Pagination({ t, page, pages, href }: PaginationProps) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination-wrapper" aria-label={t('public.pagination.label')}>
      <ul class="pagination">
        {page > 1 ? (
          <li class="page-item">
            <a class="page-link" href={href(page - 1)} rel="prev">
              <Icon name="it-chevron-left" class="icon icon-primary" />
              <span class="visually-hidden">{t('public.pagination.previous')}</span>
            </a>
          </li>
        ) : null}
        {pageNumbers(page, pages).map((p) =>
          p === null ? (
            <li class="page-item">
              <span class="page-link">…</span>
            </li>
          ) : (
            <li class="page-item">
              <a class="page-link" href={href(p)} aria-current={p === page ? 'page' : undefined}>
                <span class="visually-hidden">{t('public.pagination.page')} </span>
                {p}
              </a>
            </li>
          ),
        )}
        {page < pages ? (
          <li class="page-item">
            <a class="page-link" href={href(page + 1)} rel="next">
              <span class="visually-hidden">{t('public.pagination.next')}</span>
              <Icon name="it-chevron-right" class="icon icon-primary" />
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/**
 * The pager of a back-office list: `params` are the list's other query parameters, kept in each
 * link beside `pagina`. Example: src/web/kit/catalogue.tsx (`pager`).
 */
export function Pager({ c, page, pages, params = {} }: { c: Ctx; page: number; pages: number; params?: Record<string, string | undefined> }) {
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    q.set('pagina', String(p));
    return `${c.var.lp(c.req.path)}?${q}`;
  };
  return <Pagination t={c.var.t} page={page} pages={pages} href={href} />;
}
