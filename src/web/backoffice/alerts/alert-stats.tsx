// Alert statistics (/admin/avvisi): the list of fan-outs, a call's page, and the counts fragment its
// page polls while sending runs.
import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import { errorResponse, requireRule, requireUuid } from '../../kit/guard.tsx';
import { mountList } from '../../kit/list.tsx';
import { alertRules, fanoutDetail, fanoutProgress } from '../../../domains/alerts/index.ts';
import { FanoutPage } from './fanout-page.tsx';
import { ProgressBlock } from './fanout-progress.tsx';
import { fanoutList } from './fanouts-list.tsx';

export function alertStatsRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(alertRules.stats));
  mountList(app, fanoutList);

  app.get('/:callId', requireUuid('callId'), async (c) => {
    const r = await fanoutDetail(c.var.deps, c.var.actor, c.req.param('callId'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<FanoutPage c={c} d={r.value} />);
  });

  // The fragment htmx polls: just the counts block, never cached.
  app.get('/:callId/avanzamento', requireUuid('callId'), async (c) => {
    const callId = c.req.param('callId');
    const r = await fanoutProgress(c.var.deps, c.var.actor, callId);
    if (!r.ok) return errorResponse(c, r.error);
    c.header('Cache-Control', 'no-store');
    if (!r.value) return c.html(<p id="fanout-progress">{c.var.t('alerts_admin.fanout.no_fanout')}</p>);
    return c.html(<ProgressBlock c={c} callId={callId} p={r.value} />);
  });

  return app;
}
