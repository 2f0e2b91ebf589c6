// /admin/iscritti: the subscribers' list (a list definition, with its export) and a read-only page
// per subscriber, from which the welcome team opens the subscriber's case.
import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import { errorResponse, requireRule, requireUuid } from '../../kit/guard.tsx';
import { mountList } from '../../kit/list.tsx';
import { formPost, withFlash } from '../../kit/post.ts';
import { caseRules } from '../../../domains/cases/index.ts';
import { alertRules, getSubscriber, openCaseForSubscriber } from '../../../domains/alerts/index.ts';
import { SubscriberPage } from './subscriber-page.tsx';
import { subscriberList } from './subscribers-list.tsx';

export function subscriberRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(alertRules.readSubscribers));
  mountList(app, subscriberList);

  app.get('/:id', requireUuid('id'), async (c) => {
    const r = await getSubscriber(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<SubscriberPage c={c} s={r.value} />);
  });

  app.post(
    '/:id/caso',
    requireRule(caseRules.update),
    requireUuid('id'),
    formPost({
      run: (c) => openCaseForSubscriber(c.var.deps, c.var.actor, c.req.param('id') ?? ''),
      done: (c, opened) => withFlash(c, `/admin/casi/${opened.id}`, 'opened'),
    }),
  );

  return app;
}
