// Local mail outbox (/admin/outbox) on the embedded default.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import { getOutboxMessage, listOutbox, type OutboxMessage, type OutboxRow, type Page, accountRules } from '../../../domains/accounts/index.ts';
import { errorResponse, requireRule } from '../../kit/guard.tsx';
import { Pager, pageParam } from '../../kit/pager.tsx';

function OutboxList({ c, data }: { c: Ctx; data: Page<OutboxRow> }) {
  const { t, lp, locale, deps } = c.var;
  const f = fmt(locale);
  return (
    <AdminLayout c={c} title={t('accounts.outbox.title')}>
      <h1>{t('accounts.outbox.title')}</h1>
      <p>{deps.mailer.mode === 'outbox' ? t('accounts.outbox.intro_outbox') : t('accounts.outbox.intro_smtp')}</p>
      <div class="table-responsive">
        <table class="table table-sm">
          <caption>{t('accounts.outbox.caption', { count: data.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.outbox.created')}</th>
              <th scope="col">{t('accounts.outbox.to')}</th>
              <th scope="col">{t('accounts.outbox.subject')}</th>
              <th scope="col">{t('accounts.outbox.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((m) => (
              <tr>
                <td>
                  <time datetime={m.createdAt.toISOString()}>{f.dateTime.format(m.createdAt)}</time>
                </td>
                <td>{m.to}</td>
                <th scope="row">
                  <a href={lp(`/admin/outbox/${m.id}`)}>{m.subject}</a>
                </th>
                <td>{t(`accounts.outbox.statuses.${m.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.items.length === 0 ? <p>{t('accounts.outbox.empty')}</p> : null}
      <Pager c={c} page={data.page} pages={data.pages} />
    </AdminLayout>
  );
}

function OutboxMessageView({ c, m }: { c: Ctx; m: OutboxMessage }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const extra = Object.entries(m.headers ?? {});
  return (
    <AdminLayout c={c} title={m.subject}>
      <h1 class="h2">{m.subject}</h1>
      <dl class="row">
        <dt class="col-sm-3">{t('accounts.outbox.to')}</dt>
        <dd class="col-sm-9">{m.to}</dd>
        <dt class="col-sm-3">{t('accounts.outbox.subject')}</dt>
        <dd class="col-sm-9">{m.subject}</dd>
        <dt class="col-sm-3">{t('accounts.outbox.created')}</dt>
        <dd class="col-sm-9">{f.dateTime.format(m.createdAt)}</dd>
        <dt class="col-sm-3">{t('accounts.outbox.status')}</dt>
        <dd class="col-sm-9">
          {t(`accounts.outbox.statuses.${m.status}`)}
          {m.sentAt ? ` (${f.dateTime.format(m.sentAt)})` : ''}
        </dd>
        {m.error ? (
          <>
            <dt class="col-sm-3">{t('accounts.outbox.error')}</dt>
            <dd class="col-sm-9">{m.error}</dd>
          </>
        ) : null}
        <dt class="col-sm-3">{t('accounts.outbox.key')}</dt>
        <dd class="col-sm-9">
          <code class="text-break">{m.idempotencyKey}</code>
        </dd>
        {extra.map(([k, v]) => (
          <>
            <dt class="col-sm-3">{k}</dt>
            <dd class="col-sm-9 text-break">{v}</dd>
          </>
        ))}
      </dl>
      <h2 class="h4">{t('accounts.outbox.text')}</h2>
      {/* Text only, escaped by JSX: an HTML part is never rendered in the back office. */}
      <pre class="outbox border p-3">{m.text}</pre>
      {m.html ? <p>{t('accounts.outbox.has_html')}</p> : null}
      <p>
        <a href={lp('/admin/outbox')}>{t('accounts.outbox.back')}</a>
      </p>
    </AdminLayout>
  );
}

export function outboxRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(accountRules.readOutbox));
  app.get('/', async (c) => {
    const r = await listOutbox(c.var.deps, c.var.actor, { page: pageParam(c) });
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<OutboxList c={c} data={r.value} />);
  });
  app.get('/:id', async (c) => {
    const r = await getOutboxMessage(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    c.header('Cache-Control', 'private, no-store');
    return c.html(<OutboxMessageView c={c} m={r.value} />);
  });
  return app;
}
