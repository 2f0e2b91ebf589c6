// Local mail outbox (/admin/outbox) on the embedded default: the mails newest first, and one mail
// as text (its HTML part is never rendered in the back office).
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import { accountRules, getOutboxMessage, listOutbox, type OutboxMessage, type OutboxRow } from '../../../domains/accounts/index.ts';
import { DetailList, Time } from '../../kit/details.tsx';
import { errorResponse, requireRule, requireUuid } from '../../kit/guard.tsx';
import { defineList, mountList } from '../../kit/list.tsx';

export const outboxList = defineList({
  path: '/admin/outbox',
  title: 'accounts.outbox.title',
  intro: (c) => (c.var.deps.mailer.mode === 'outbox' ? 'accounts.outbox.intro_outbox' : 'accounts.outbox.intro_smtp'),
  query: {},
  load: (c, q) => listOutbox(c.var.deps, c.var.actor, { page: q.page }),
  columns: (c) => {
    const { t, lp, locale } = c.var;
    return [
      { header: t('accounts.outbox.created'), value: (m: OutboxRow) => m.createdAt, cell: (m: OutboxRow) => <Time at={m.createdAt} locale={locale} /> },
      { header: t('accounts.outbox.to'), value: (m: OutboxRow) => m.to },
      { header: t('accounts.outbox.subject'), rowHeader: true, value: (m: OutboxRow) => m.subject, cell: (m: OutboxRow) => <a href={lp(`/admin/outbox/${m.id}`)}>{m.subject}</a> },
      { header: t('accounts.outbox.status'), value: (m: OutboxRow) => t(`accounts.outbox.statuses.${m.status}`) },
    ];
  },
  caption: 'accounts.outbox.caption',
  empty: 'accounts.outbox.empty',
});

function OutboxMessageView({ c, m }: { c: Ctx; m: OutboxMessage }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const extra = Object.entries(m.headers ?? {});
  return (
    <AdminLayout c={c} title={m.subject}>
      <h1 class="h2">{m.subject}</h1>
      <DetailList
        rows={[
          { label: t('accounts.outbox.to'), value: m.to },
          { label: t('accounts.outbox.subject'), value: m.subject },
          { label: t('accounts.outbox.created'), value: f.dateTime.format(m.createdAt) },
          { label: t('accounts.outbox.status'), value: `${t(`accounts.outbox.statuses.${m.status}`)}${m.sentAt ? ` (${f.dateTime.format(m.sentAt)})` : ''}` },
          m.error ? { label: t('accounts.outbox.error'), value: m.error } : null,
          { label: t('accounts.outbox.key'), value: <code class="text-break">{m.idempotencyKey}</code> },
          // The mail's own headers (List-Unsubscribe…), long values broken anywhere.
          ...extra.map(([k, v]) => ({ label: k, value: <span class="text-break">{v}</span> })),
        ]}
      />
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
  mountList(app, outboxList);
  app.get('/:id', requireUuid('id'), async (c) => {
    const r = await getOutboxMessage(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    c.header('Cache-Control', 'private, no-store');
    return c.html(<OutboxMessageView c={c} m={r.value} />);
  });
  return app;
}
