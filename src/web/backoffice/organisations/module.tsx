// The organisations of the network in the back office.
import { organisationRules } from '../../../domains/organisations/index.ts';
import { defineWebModule } from '../../modules.ts';
import { organisationRoutes } from './routes.tsx';

export const module = defineWebModule({
  name: 'organisations',
  area: 'backoffice',
  mounts: [{ path: '/enti', routes: organisationRoutes }],
  nav: [{ path: '/enti', label: 'admin.nav.organisations', rule: organisationRules.view, order: 20 }],
});
