// The talent pool in the back office: subscribers and the fan-outs of alerts.
import { alertRules } from '../../../domains/alerts/index.ts';
import { defineWebModule } from '../../modules.ts';
import { alertStatsRoutes } from './alert-stats.tsx';
import { subscriberRoutes } from './subscribers.tsx';

export const module = defineWebModule({
  name: 'alerts',
  area: 'backoffice',
  mounts: [
    { path: '/iscritti', routes: subscriberRoutes },
    { path: '/avvisi', routes: alertStatsRoutes },
  ],
  nav: [
    { path: '/iscritti', label: 'alerts_admin.nav.subscribers', rule: alertRules.readSubscribers, order: 30 },
    { path: '/avvisi', label: 'alerts_admin.nav.fanouts', rule: alertRules.stats, order: 31 },
  ],
});
