// Audit log (/admin/audit): who changed what and when.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../context.ts';
import { AdminLayout } from '../layouts/AdminLayout.tsx';
import { fmt } from '../../platform/i18n/format.ts';
import { listAuditLog, type AuditPage } from '../../domains/accounts/index.ts';
import { errorResponse, requireAction } from './guard.tsx';
import { Pager, pageParam } from './pager.tsx';

const filterParam = (v: string | undefined, max: number) => (v && v.length <= max ? v : undefined);

function AuditPageView({ c, data, filters }: { c: Ctx; data: AuditPage; filters: { tipo?: string; attore?: string } }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  return (
    <AdminLayout c={c} title={t('accounts.audit.title')}>
      <h1>{t('accounts.audit.title')}</h1>
      <form method="get" action={lp('/admin/audit')} class="row g-3 align-items-end mb-4">
        <div class="col-12 col-md-5">
          <div class="select-wrapper">
            <label for="tipo">{t('accounts.audit.entity_type')}</label>
            <select id="tipo" name="tipo">
              <option value="">{t('accounts.audit.all')}</option>
              {data.entityTypes.map((v) => (
                <option value={v} selected={filters.tipo === v}>
                  {v}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="col-12 col-md-5">
          <div class="select-wrapper">
            <label for="attore">{t('accounts.audit.actor')}</label>
            <select id="attore" name="attore">
              <option value="">{t('accounts.audit.all')}</option>
              {data.actors.map((v) => (
                <option value={v} selected={filters.attore === v}>
                  {v}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="col-12 col-md-2">
          <button type="submit" class="btn btn-primary">
            {t('accounts.audit.filter')}
          </button>
        </div>
      </form>
      <div class="table-responsive">
        <table class="table table-sm">
          <caption>{t('accounts.audit.caption', { count: data.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.audit.when')}</th>
              <th scope="col">{t('accounts.audit.actor')}</th>
              <th scope="col">{t('accounts.audit.action')}</th>
              <th scope="col">{t('accounts.audit.entity')}</th>
              <th scope="col">{t('accounts.audit.summary')}</th>
              <th scope="col">{t('accounts.audit.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
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
          </tbody>
        </table>
      </div>
      {data.rows.length === 0 ? <p>{t('accounts.audit.empty')}</p> : null}
      <Pager c={c} page={data.page} pages={data.pages} params={filters} />
    </AdminLayout>
  );
}

export function auditRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireAction('audit.read'));
  app.get('/', async (c) => {
    const filters = { tipo: filterParam(c.req.query('tipo'), 100), attore: filterParam(c.req.query('attore'), 300) };
    const r = await listAuditLog(c.var.deps, c.var.actor, { page: pageParam(c), entityType: filters.tipo, actor: filters.attore });
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<AuditPageView c={c} data={r.value} filters={filters} />);
  });
  return app;
}
