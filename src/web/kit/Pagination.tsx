// Accessible pagination in the Bootstrap Italia style: a labelled nav, the current page marked
// with aria-current, previous/next with text for screen readers, a window of pages around the current.
import type { Translator } from '../../platform/i18n/index.ts';
import { Icon } from './Icon.tsx';

/** Pages to show: first, last and two either side of the current; null marks a gap. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/**
 * `page` of `pages` (nothing when there is one page); `href(n)`: the address of page n; `t`: the
 * visitor's translator (the nav's name, the words read by screen readers). Example: src/web/kit/catalogue.tsx (`pagination`).
 */
export function Pagination({ t, page, pages, href }: { t: Translator; page: number; pages: number; href: (page: number) => string }) {
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
        {pageWindow(page, pages).map((p) =>
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
