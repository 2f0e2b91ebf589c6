// Previous/next pagination for back-office lists, keeping the other query parameters.
import type { Ctx } from '../context.ts';

/** `?pagina=` as a page number; anything else is page 1. */
export function pageParam(c: Ctx): number {
  const v = c.req.query('pagina') ?? '';
  return /^\d{1,6}$/.test(v) ? Math.max(1, Number(v)) : 1;
}

/**
 * `page` of `pages` (nothing when there is one page); `params`: the list's other query parameters,
 * kept in each link beside `pagina`. Example: src/web/kit/catalogue.tsx (`pager`).
 */
export function Pager({ c, page, pages, params = {} }: { c: Ctx; page: number; pages: number; params?: Record<string, string | undefined> }) {
  const { t, lp } = c.var;
  if (pages <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    q.set('pagina', String(p));
    return `${lp(c.req.path)}?${q}`;
  };
  return (
    <nav class="pagination-wrapper" aria-label={t('accounts.pager.label')}>
      <ul class="pagination">
        {page > 1 ? (
          <li class="page-item">
            <a class="page-link" href={href(page - 1)} rel="prev">
              {t('accounts.pager.prev')}
            </a>
          </li>
        ) : null}
        <li class="page-item">
          <span class="page-link" aria-current="page">
            {t('accounts.pager.position', { page, pages })}
          </span>
        </li>
        {page < pages ? (
          <li class="page-item">
            <a class="page-link" href={href(page + 1)} rel="next">
              {t('accounts.pager.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
