// Calls in the back office: list, form, page with lifecycle moves, import.
import { callRules } from '../../../domains/calls/index.ts';
import { defineWebModule } from '../../modules.ts';
import { callAdminRoutes } from './routes.tsx';

export const module = defineWebModule({
  name: 'calls',
  area: 'backoffice',
  mounts: [{ path: '/bandi', routes: callAdminRoutes }],
  nav: [{ path: '/bandi', label: 'admin.nav.calls', rule: callRules.readAdmin, order: 10 }],
});
