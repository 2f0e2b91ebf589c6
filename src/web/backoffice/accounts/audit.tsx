// Audit log (/admin/audit): who changed what and when.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import { listAuditLog, type AuditPage, accountRules } from '../../../domains/accounts/index.ts';
import { errorResponse, requireRule } from '../../kit/guard.tsx';
import { pageParam } from '../../kit/pager.tsx';
import { FilterForm, FilterSelect, ResultTable } from '../../kit/list-page.tsx';
import { readQuery, upTo } from '../../kit/list-query.ts';

function AuditPageView({ c, data, filters }: { c: Ctx; data: AuditPage; filters: { tipo?: string; attore?: string } }) {
  const { t, locale } = c.var;
  const f = fmt(locale);
  return (
    <AdminLayout c={c} title={t('accounts.audit.title')}>
      <h1>{t('accounts.audit.title')}</h1>
      <FilterForm c={c} action="/admin/audit" submit={t('accounts.audit.filter')} submitCol="col-12 col-md-2">
        <FilterSelect id="tipo" label={t('accounts.audit.entity_type')} value={filters.tipo} all={t('accounts.audit.all')} options={data.entityTypes.map((v) => ({ value: v, label: v }))} col="col-12 col-md-5" />
        <FilterSelect id="attore" label={t('accounts.audit.actor')} value={filters.attore} all={t('accounts.audit.all')} options={data.actors.map((v) => ({ value: v, label: v }))} col="col-12 col-md-5" />
      </FilterForm>
      <ResultTable
        c={c}
        small
        caption={t('accounts.audit.caption', { count: data.total })}
        columns={[t('accounts.audit.when'), t('accounts.audit.actor'), t('accounts.audit.action'), t('accounts.audit.entity'), t('accounts.audit.summary'), t('accounts.audit.changes')]}
        count={data.items.length}
        empty={t('accounts.audit.empty')}
        keepTable
        paging={{ page: data.page, pages: data.pages, params: filters }}
      >
        {data.items.map((r) => (
          <tr>
            <td>
              <time datetime={r.at.toISOString()}>{f.dateTime.format(r.at)}</time>
            </td>
            <td>{r.actorLabel}</td>
            <th scope="row">
              <code>{r.action}</code>
            </th>
            <td>
              {r.entityType}
              {r.entityId ? (
                <>
                  {' '}
                  <small class="text-muted text-break">{r.entityId}</small>
                </>
              ) : null}
            </td>
            <td>{r.summary ?? ''}</td>
            <td>{r.changes ? <code class="text-break">{JSON.stringify(r.changes)}</code> : ''}</td>
          </tr>
        ))}
      </ResultTable>
    </AdminLayout>
  );
}

export function auditRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(accountRules.readAudit));
  app.get('/', async (c) => {
    const filters = readQuery(c, { tipo: upTo(100), attore: upTo(300) });
    const r = await listAuditLog(c.var.deps, c.var.actor, { page: pageParam(c), entityType: filters.tipo, actor: filters.attore });
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<AuditPageView c={c} data={r.value} filters={filters} />);
  });
  return app;
}
