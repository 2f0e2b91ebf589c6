// A call's alert statistics (/admin/avvisi/<callId>): the counts (refreshing themselves while sending
// runs; without JavaScript a link refreshes them), why people matched, and the failed deliveries.
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CountsTable } from '../../kit/list-page.tsx';
import { DataTable } from '../../kit/table.tsx';
import { HTMX } from '../calls/calls-form.tsx';
import { callPath } from '../calls/calls-shared.tsx';
import { FAILURES_SHOWN, type FanoutDetail } from '../../../domains/alerts/index.ts';
import { ProgressBlock } from './fanout-progress.tsx';

// htmx would inject an inline <style> for its indicators, which the CSP refuses: we use none.
const HTMX_CONFIG = <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />;

type Failure = NonNullable<FanoutDetail['fanout']>['failures'][number];

function SplitTable({ c, caption, head, rows }: { c: Ctx; caption: string; head: string; rows: [string, number][] }) {
  return <CountsTable c={c} caption={caption} head={head} countHead={c.var.t('alerts_admin.fanout.count')} rows={rows.map(([label, count]) => ({ label, count }))} />;
}

export function FanoutPage({ c, d }: { c: Ctx; d: FanoutDetail }) {
  const { t, lp } = c.var;
  const l = (k: string) => t(`alerts_admin.fanout.${k}`);
  const fo = d.fanout;
  const title = t('alerts_admin.fanout.title', { title: d.call.title });
  const polling = !!fo && fo.status !== 'done';
  return (
    <AdminLayout c={c} title={title} scripts={polling ? [HTMX] : undefined} head={polling ? HTMX_CONFIG : undefined}>
      <p class="mb-1">
        <a href={lp('/admin/avvisi')}>{l('back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <a href={lp(callPath(d.call.id))}>{l('call_page')}</a>
      </p>
      {fo ? (
        <>
          <h2 class="h4 mt-4">{l('progress')}</h2>
          <ProgressBlock c={c} callId={d.call.id} p={fo} />

          <h2 class="h4 mt-4">{l('why')}</h2>
          <div class="row">
            <div class="col-12 col-lg-6">
              <SplitTable c={c} caption={l('reasons_caption')} head={l('reason')} rows={(['same', 'equipollent', 'affine', 'none'] as const).map((k) => [t(`alerts_admin.reasons.${k}`), fo.byReason[k]])} />
            </div>
            <div class="col-12 col-lg-6">
              <SplitTable c={c} caption={l('modes_caption')} head={l('mode')} rows={(['immediate', 'weekly'] as const).map((k) => [t(`alerts_admin.modes.${k}`), fo.byMode[k]])} />
            </div>
          </div>

          <h2 class="h4 mt-4">{l('failures')}</h2>
          <DataTable<Failure>
            c={c}
            small
            caption={fo.failed > fo.failures.length ? t('alerts_admin.fanout.failures_caption_some', { shown: FAILURES_SHOWN, count: fo.failed }) : t('alerts_admin.fanout.failures_caption', { count: fo.failed })}
            columns={[
              { header: l('col_email'), rowHeader: true, cell: (x) => <span class="text-break">{x.email ?? l('erased')}</span> },
              { header: l('col_attempts'), numeric: true, cell: (x) => String(x.attempts) },
              { header: l('col_error'), cell: (x) => <code class="text-break">{x.error ?? t('alerts_admin.not_set')}</code> },
            ]}
            rows={fo.failures}
            empty={l('no_failures')}
          />
        </>
      ) : (
        <p>{l('no_fanout')}</p>
      )}
    </AdminLayout>
  );
}
