// A fan-out's counts while it runs and after: the block a call's statistics page shows, which is also
// the fragment htmx polls (every 2 s while sending runs; once done, the block no longer polls).
import type { Ctx } from '../../context.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import type { FanoutProgress } from '../../../domains/alerts/index.ts';

/** How often the counts are polled while sending runs. */
const POLL = 'every 2s';

export const statsPath = (callId: string, suffix = '') => `/admin/avvisi/${encodeURIComponent(callId)}${suffix}`;

export function FanoutStatus({ c, status }: { c: Ctx; status: FanoutProgress['status'] }) {
  const cls = status === 'done' ? 'bg-success' : 'bg-warning text-dark';
  return <span class={`badge ${cls}`}>{c.var.t(`alerts_admin.fanout_statuses.${status}`)}</span>;
}

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
