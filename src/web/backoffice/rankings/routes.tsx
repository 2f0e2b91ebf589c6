// /admin/graduatorie: the index, the closed calls without a list, a call's lists, the desk, the
// import and a list's page. Routes with a fixed first segment come before /:id, which would match them.
import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import { rankingRules } from '../../../domains/rankings/index.ts';
import { requireRule } from '../../kit/guard.tsx';
import { mountList } from '../../kit/list.tsx';
import { callRoutes } from './call-page.tsx';
import { deskRoutes } from './desk.tsx';
import { importRoutes } from './import.tsx';
import { callsWithoutList, rankedListsIndex } from './index-page.tsx';
import { listRoutes } from './list-page.tsx';

export function rankingAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(rankingRules.read));
  mountList(app, rankedListsIndex);
  const without = new Hono<AppEnv>();
  mountList(without, callsWithoutList);
  app.route('/senza-graduatoria', without);
  callRoutes(app);
  deskRoutes(app);
  importRoutes(app);
  listRoutes(app);
  return app;
}
