// The back office (/admin): every section is its own sub-app; all need a signed-in staff user.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { requireStaff } from '../middleware/auth.ts';
import { AdminLayout } from '../layouts/AdminLayout.tsx';
import { usersRoutes } from './users.tsx';
import { apiTokenRoutes } from './api-tokens.tsx';
import { auditRoutes } from './audit.tsx';
import { outboxRoutes } from './outbox.tsx';
import { referenceRoutes } from './reference.tsx';
import { organisationRoutes } from './organisations.tsx';
import { callAdminRoutes } from './calls.tsx';
import { subscriberRoutes } from './subscribers.tsx';
import { alertStatsRoutes } from './alert-stats.tsx';
import { leadAdminRoutes } from './leads.tsx';
import { appointmentAdminRoutes } from './appointments.tsx';
import { meetingAdminRoutes } from './meetings.tsx';
import { caseAdminRoutes } from './cases.tsx';
import { rankingAdminRoutes } from './rankings.tsx';
import { rankingFiguresRoutes } from './rankings-figures.tsx';

export function backofficeRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireStaff);
  app.get('/', (c) => {
    const { t, user } = c.var;
    return c.html(
      <AdminLayout c={c} title={t('admin.dashboard.title')}>
        <h1>{t('admin.dashboard.title')}</h1>
        <p>{t('admin.dashboard.welcome', { name: user!.name })}</p>
      </AdminLayout>,
    );
  });
  app.route('/utenti', usersRoutes());
  app.route('/token-api', apiTokenRoutes());
  app.route('/audit', auditRoutes());
  app.route('/outbox', outboxRoutes());
  app.route('/riferimenti', referenceRoutes());
  app.route('/enti', organisationRoutes());
  app.route('/bandi', callAdminRoutes());
  app.route('/iscritti', subscriberRoutes());
  app.route('/avvisi', alertStatsRoutes());
  app.route('/contatti', leadAdminRoutes());
  app.route('/appuntamenti', appointmentAdminRoutes());
  app.route('/incontri', meetingAdminRoutes());
  app.route('/casi', caseAdminRoutes());
  app.route('/graduatorie', rankingAdminRoutes());
  app.route('/graduatorie-cifre', rankingFiguresRoutes());
  return app;
}
