// Audit log (/admin/audit): who changed what and when, newest first, by entity type and actor.
import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import { accountRules, listAuditLog, type AuditRow } from '../../../domains/accounts/index.ts';
import { Time } from '../../kit/details.tsx';
import { requireRule } from '../../kit/guard.tsx';
import { defineList, mountList } from '../../kit/list.tsx';
import { FilterSelect } from '../../kit/list-page.tsx';
import { upTo } from '../../kit/list-query.ts';

export const auditList = defineList({
  path: '/admin/audit',
  title: 'accounts.audit.title',
  query: { tipo: upTo(100), attore: upTo(300) },
  load: (c, q) => listAuditLog(c.var.deps, c.var.actor, { page: q.page, entityType: q.tipo, actor: q.attore }),
  submit: 'accounts.audit.filter',
  filters: (c, q, data) => {
    const { t } = c.var;
    return (
      <>
        <FilterSelect id="tipo" label={t('accounts.audit.entity_type')} value={q.tipo} all={t('accounts.audit.all')} options={data.entityTypes.map((v) => ({ value: v, label: v }))} col="col-12 col-md-5" />
        <FilterSelect id="attore" label={t('accounts.audit.actor')} value={q.attore} all={t('accounts.audit.all')} options={data.actors.map((v) => ({ value: v, label: v }))} col="col-12 col-md-5" />
      </>
    );
  },
  columns: (c) => {
    const { t, locale } = c.var;
    return [
      { header: t('accounts.audit.when'), value: (r: AuditRow) => r.at, cell: (r: AuditRow) => <Time at={r.at} locale={locale} /> },
      { header: t('accounts.audit.actor'), value: (r: AuditRow) => r.actorLabel },
      { header: t('accounts.audit.action'), rowHeader: true, value: (r: AuditRow) => r.action, cell: (r: AuditRow) => <code>{r.action}</code> },
      {
        header: t('accounts.audit.entity'),
        value: (r: AuditRow) => r.entityType,
        cell: (r: AuditRow) => (
          <>
            {r.entityType}
            {r.entityId ? (
              <>
                {' '}
                <small class="text-muted text-break">{r.entityId}</small>
              </>
            ) : null}
          </>
        ),
      },
      { header: t('accounts.audit.summary'), value: (r: AuditRow) => r.summary ?? '' },
      { header: t('accounts.audit.changes'), cell: (r: AuditRow) => (r.changes ? <code class="text-break">{JSON.stringify(r.changes)}</code> : '') },
    ];
  },
  caption: 'accounts.audit.caption',
  empty: 'accounts.audit.empty',
});

export function auditRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(accountRules.readAudit));
  mountList(app, auditList);
  return app;
}
