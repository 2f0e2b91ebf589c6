// The welcome team's inbox of references people left.
import { leadRules } from '../../../domains/leads/index.ts';
import { defineWebModule } from '../../modules.ts';
import { leadAdminRoutes } from './routes.tsx';

export const module = defineWebModule({
  name: 'leads',
  area: 'backoffice',
  mounts: [{ path: '/contatti', routes: leadAdminRoutes }],
  nav: [{ path: '/contatti', label: 'leads_admin.nav', rule: leadRules.read, order: 40 }],
});
