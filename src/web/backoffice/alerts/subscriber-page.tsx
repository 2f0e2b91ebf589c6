// A subscriber's read-only page (/admin/iscritti/<id>): preferences, consent dates and the alerts
// they were sent; the one form opens the welcome team's case for them.
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { DetailList, Time } from '../../kit/details.tsx';
import { CsrfField } from '../../kit/form.tsx';
import { DataTable } from '../../kit/table.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import type { SubscriberDetail } from '../../../domains/alerts/index.ts';
import { areasText, callTypesText, localeText, profName, specText, StatusText } from './subscriber-text.tsx';

type Delivery = SubscriberDetail['deliveries'][number];

export function SubscriberPage({ c, s }: { c: Ctx; s: SubscriberDetail }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const when = (d: Date | null, format: 'dateTime' | 'date' = 'dateTime') => (d ? <Time at={d} locale={locale} format={format} /> : t('alerts_admin.not_set'));
  const col = (k: string) => t(`alerts_admin.subscribers.col.${k}`);
  const l = (k: string) => t(`alerts_admin.subscriber.${k}`);
  const shown = s.deliveries.length;
  return (
    <AdminLayout c={c} title={s.name}>
      <p class="mb-1">
        <a href={lp('/admin/iscritti')}>{l('back')}</a>
      </p>
      <h1>{s.name}</h1>
      <p>
        {col('status')}: <StatusText c={c} status={s.status} />
      </p>
      {/* The welcome team follows a subscriber as a case (found by email, created if new). */}
      <form method="post" action={lp(`/admin/iscritti/${s.id}/caso`)} class="mb-4">
        <CsrfField token={c.var.csrfToken} />
        <button type="submit" class="btn btn-outline-primary">
          {t('cases_admin.open_case')}
        </button>
      </form>

      <h2 class="h4 mt-4">{l('prefs')}</h2>
      <DetailList
        rows={[
          { label: col('email'), value: <span class="text-break">{s.email}</span> },
          { label: col('profession'), value: profName(c, s) },
          {
            label: col('specialisations'),
            value: s.specialisations.length ? (
              <ul class="mb-0 ps-3">
                {s.specialisations.map((x) => (
                  <li>{specText(c, x)}</li>
                ))}
              </ul>
            ) : (
              t('alerts_admin.not_set')
            ),
          },
          { label: col('also_related'), value: s.alsoRelated ? t('alerts_admin.yes') : t('alerts_admin.no') },
          { label: col('areas'), value: areasText(c, s.areas) },
          { label: col('call_types'), value: callTypesText(c, s.callTypes) },
          { label: col('frequency'), value: t(`alerts_admin.frequencies.${s.frequency}`) },
          { label: col('locale'), value: localeText(c, s.locale) },
        ]}
      />

      <h2 class="h4 mt-4">{l('consent')}</h2>
      <DetailList
        rows={[
          { label: l('created_at'), value: when(s.createdAt) },
          { label: l('confirmed_at'), value: when(s.confirmedAt) },
          { label: col('consent_at'), value: when(s.consentAt) },
          { label: col('consent_expires'), value: when(s.consentExpiresAt, 'date') },
          { label: l('renewal_sent_at'), value: when(s.renewalSentAt) },
          s.pausedAt && { label: l('paused_at'), value: when(s.pausedAt) },
          s.unsubscribedAt && { label: l('unsubscribed_at'), value: when(s.unsubscribedAt) },
        ]}
      />

      <h2 class="h4 mt-4">{l('deliveries')}</h2>
      <DataTable<Delivery>
        c={c}
        caption={shown < s.deliveriesTotal ? t('alerts_admin.subscriber.deliveries_caption_some', { shown, count: s.deliveriesTotal }) : t('alerts_admin.subscriber.deliveries_caption', { count: s.deliveriesTotal })}
        columns={[
          { header: l('col_call'), rowHeader: true, cell: (d) => <a href={lp(`/admin/avvisi/${encodeURIComponent(d.callId)}`)}>{d.callTitle}</a> },
          { header: l('col_mode'), cell: (d) => t(`alerts_admin.modes.${d.mode}`) },
          { header: l('col_status'), cell: (d) => t(`alerts_admin.delivery_statuses.${d.status}`) },
          { header: l('col_sent'), cell: (d) => when(d.sentAt) },
          { header: l('col_clicks'), numeric: true, cell: (d) => f.number.format(d.clicks) },
        ]}
        rows={s.deliveries}
        empty={l('no_deliveries')}
      />
    </AdminLayout>
  );
}
