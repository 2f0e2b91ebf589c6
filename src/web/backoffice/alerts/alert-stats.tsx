// Alert statistics (/admin/avvisi): each call's fan-out with its counts, and a call's page whose
// counts refresh themselves (htmx polling a fragment) while sending runs; without JavaScript the
// numbers are all there and a link refreshes them.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import { CountsTable } from '../../kit/list-page.tsx';
import { errorResponse, requireRule } from '../../kit/guard.tsx';
import { Pager, pageParam } from '../../kit/pager.tsx';
import { HTMX } from '../calls/calls-form.tsx';
import { callPath } from '../calls/calls-shared.tsx';
import { alertRules, FAILURES_SHOWN, fanoutDetail, fanoutProgress, listFanouts, type FanoutDetail, type FanoutListRow, type FanoutProgress } from '../../../domains/alerts/index.ts';

/** How often the counts are polled while sending runs. */
const POLL = 'every 2s';
// htmx would inject an inline <style> for its indicators, which the CSP refuses: we use none.
const HTMX_CONFIG = <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />;

const statsPath = (callId: string, suffix = '') => `/admin/avvisi/${encodeURIComponent(callId)}${suffix}`;

function FanoutStatus({ c, status }: { c: Ctx; status: FanoutProgress['status'] }) {
  const cls = status === 'done' ? 'bg-success' : 'bg-warning text-dark';
  return <span class={`badge ${cls}`}>{c.var.t(`alerts_admin.fanout_statuses.${status}`)}</span>;
}

function ListPage({ c, data }: { c: Ctx; data: { items: FanoutListRow[]; total: number; page: number; pages: number } }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const n = (x: number) => f.number.format(x);
  return (
    <AdminLayout c={c} title={t('alerts_admin.fanouts.title')}>
      <h1>{t('alerts_admin.fanouts.title')}</h1>
      <p>{t('alerts_admin.fanouts.intro')}</p>
      {data.items.length ? (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('alerts_admin.fanouts.caption', { count: n(data.total), page: data.page, pages: data.pages })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alerts_admin.fanouts.col_call')}</th>
                <th scope="col">{t('alerts_admin.fanouts.col_started')}</th>
                <th scope="col" class="text-end">
                  {t('alerts_admin.fanouts.col_matched')}
                </th>
                <th scope="col" class="text-end">
                  {t('alerts_admin.fanouts.col_sent')}
                </th>
                <th scope="col" class="text-end">
                  {t('alerts_admin.fanouts.col_pending')}
                </th>
                <th scope="col" class="text-end">
                  {t('alerts_admin.fanouts.col_failed')}
                </th>
                <th scope="col" class="text-end">
                  {t('alerts_admin.fanouts.col_skipped')}
                </th>
                <th scope="col" class="text-end">
                  {t('alerts_admin.fanouts.col_clicked')}
                </th>
                <th scope="col">{t('alerts_admin.fanouts.col_status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={lp(statsPath(r.callId))}>{r.callTitle}</a>
                  </th>
                  <td>
                    <time datetime={r.startedAt.toISOString()}>{f.dateTime.format(r.startedAt)}</time>
                  </td>
                  <td class="text-end">{n(r.matched)}</td>
                  <td class="text-end">{n(r.sent)}</td>
                  <td class="text-end">{n(r.pending)}</td>
                  <td class="text-end">{n(r.failed)}</td>
                  <td class="text-end">{n(r.skipped)}</td>
                  <td class="text-end">{n(r.clicked)}</td>
                  <td>
                    <FanoutStatus c={c} status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('alerts_admin.fanouts.empty')}</p>
      )}
      <Pager c={c} page={data.page} pages={data.pages} />
    </AdminLayout>
  );
}

/**
 * The counts block: the whole page shows it, and it is also the fragment htmx polls. While sending
 * runs it asks for itself again every 2 s; once done, the block it gets back no longer polls.
 */
export function ProgressBlock({ c, callId, p }: { c: Ctx; callId: string; p: FanoutProgress }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const n = (x: number) => f.number.format(x);
  const done = p.sent + p.failed + p.skipped;
  const percent = p.matched ? Math.floor((done / p.matched) * 100) : 100;
  const running = p.status !== 'done';
  const rows: [string, number][] = [
    ['matched', p.matched],
    ['sent', p.sent],
    ['pending', p.pending],
    ['failed', p.failed],
    ['skipped', p.skipped],
    ['clicked', p.clicked],
  ];
  return (
    <div
      id="fanout-progress"
      data-status={p.status}
      data-hx-get={running ? lp(statsPath(callId, '/avanzamento')) : undefined}
      data-hx-trigger={running ? POLL : undefined}
      data-hx-swap={running ? 'outerHTML' : undefined}
    >
      <p>
        {t('alerts_admin.fanout.status')}: <FanoutStatus c={c} status={p.status} />
      </p>
      <p class="small mb-2">
        {t('alerts_admin.fanout.started_at')} <time datetime={p.startedAt.toISOString()}>{f.dateTime.format(p.startedAt)}</time>
        {p.finishedAt ? (
          <>
            {' · '}
            {t('alerts_admin.fanout.finished_at')} <time datetime={p.finishedAt.toISOString()}>{f.dateTime.format(p.finishedAt)}</time>
          </>
        ) : null}
      </p>
      {p.matched ? (
        <div class="mb-3">
          <label for="fanout-progress-bar" class="d-block fw-semibold">
            {t('alerts_admin.fanout.progress_label')}
          </label>
          <progress id="fanout-progress-bar" class="w-100" max={p.matched} value={done} aria-describedby="fanout-progress-text">
            {percent}%
          </progress>
          <p id="fanout-progress-text" class="mb-0">
            {t('alerts_admin.fanout.progress_text', { done: n(done), matched: n(p.matched), percent })}
          </p>
        </div>
      ) : (
        <p>{t('alerts_admin.fanout.no_recipients')}</p>
      )}
      <div class="table-responsive">
        <table class="table table-sm">
          <caption>{t('alerts_admin.fanout.counts_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('alerts_admin.fanout.measure')}</th>
              <th scope="col" class="text-end">
                {t('alerts_admin.fanout.value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, v]) => (
              <tr>
                <th scope="row" class="fw-normal">
                  {t(`alerts_admin.fanout.${k}`)}
                </th>
                <td class="text-end" data-count={k}>
                  {n(v)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {running ? (
        <p class="small">
          {t('alerts_admin.fanout.auto_refresh')} <a href={lp(statsPath(callId))}>{t('alerts_admin.fanout.refresh')}</a>
        </p>
      ) : null}
    </div>
  );
}

function SplitTable({ c, caption, head, rows }: { c: Ctx; caption: string; head: string; rows: [string, number][] }) {
  return <CountsTable c={c} caption={caption} head={head} countHead={c.var.t('alerts_admin.fanout.count')} rows={rows.map(([label, count]) => ({ label, count }))} />;
}

function DetailPage({ c, d }: { c: Ctx; d: FanoutDetail }) {
  const { t, lp } = c.var;
  const fo = d.fanout;
  const title = t('alerts_admin.fanout.title', { title: d.call.title });
  const polling = !!fo && fo.status !== 'done';
  return (
    <AdminLayout c={c} title={title} scripts={polling ? [HTMX] : undefined} head={polling ? HTMX_CONFIG : undefined}>
      <p class="mb-1">
        <a href={lp('/admin/avvisi')}>{t('alerts_admin.fanout.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <a href={lp(callPath(d.call.id))}>{t('alerts_admin.fanout.call_page')}</a>
      </p>
      {fo ? (
        <>
          <h2 class="h4 mt-4">{t('alerts_admin.fanout.progress')}</h2>
          <ProgressBlock c={c} callId={d.call.id} p={fo} />

          <h2 class="h4 mt-4">{t('alerts_admin.fanout.why')}</h2>
          <div class="row">
            <div class="col-12 col-lg-6">
              <SplitTable
                c={c}
                caption={t('alerts_admin.fanout.reasons_caption')}
                head={t('alerts_admin.fanout.reason')}
                rows={(['same', 'equipollent', 'affine', 'none'] as const).map((k) => [t(`alerts_admin.reasons.${k}`), fo.byReason[k]])}
              />
            </div>
            <div class="col-12 col-lg-6">
              <SplitTable
                c={c}
                caption={t('alerts_admin.fanout.modes_caption')}
                head={t('alerts_admin.fanout.mode')}
                rows={(['immediate', 'weekly'] as const).map((k) => [t(`alerts_admin.modes.${k}`), fo.byMode[k]])}
              />
            </div>
          </div>

          <h2 class="h4 mt-4">{t('alerts_admin.fanout.failures')}</h2>
          {fo.failures.length ? (
            <div class="table-responsive">
              <table class="table table-sm">
                <caption>
                  {fo.failed > fo.failures.length
                    ? t('alerts_admin.fanout.failures_caption_some', { shown: FAILURES_SHOWN, count: fo.failed })
                    : t('alerts_admin.fanout.failures_caption', { count: fo.failed })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('alerts_admin.fanout.col_email')}</th>
                    <th scope="col" class="text-end">
                      {t('alerts_admin.fanout.col_attempts')}
                    </th>
                    <th scope="col">{t('alerts_admin.fanout.col_error')}</th>
                  </tr>
                </thead>
                <tbody>
                  {fo.failures.map((x) => (
                    <tr>
                      <th scope="row" class="fw-normal text-break">
                        {x.email ?? t('alerts_admin.fanout.erased')}
                      </th>
                      <td class="text-end">{x.attempts}</td>
                      <td class="text-break">
                        <code>{x.error ?? t('alerts_admin.not_set')}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('alerts_admin.fanout.no_failures')}</p>
          )}
        </>
      ) : (
        <p>{t('alerts_admin.fanout.no_fanout')}</p>
      )}
    </AdminLayout>
  );
}

export function alertStatsRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(alertRules.stats));

  app.get('/', async (c) => {
    const r = await listFanouts(c.var.deps, c.var.actor, { page: pageParam(c) });
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ListPage c={c} data={r.value} />);
  });

  app.get('/:callId', async (c) => {
    const r = await fanoutDetail(c.var.deps, c.var.actor, c.req.param('callId'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<DetailPage c={c} d={r.value} />);
  });

  // The fragment htmx polls: just the counts block, never cached.
  app.get('/:callId/avanzamento', async (c) => {
    const callId = c.req.param('callId');
    const r = await fanoutProgress(c.var.deps, c.var.actor, callId);
    if (!r.ok) return errorResponse(c, r.error);
    c.header('Cache-Control', 'no-store');
    if (!r.value) return c.html(<p id="fanout-progress">{c.var.t('alerts_admin.fanout.no_fanout')}</p>);
    return c.html(<ProgressBlock c={c} callId={callId} p={r.value} />);
  });

  return app;
}
