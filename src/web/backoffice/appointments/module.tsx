// The welcome team's availability and booked talks.
import { appointmentRules } from '../../../domains/appointments/index.ts';
import { defineWebModule } from '../../modules.ts';
import { appointmentAdminRoutes } from './routes.tsx';

export const module = defineWebModule({
  name: 'appointments',
  area: 'backoffice',
  mounts: [{ path: '/appuntamenti', routes: appointmentAdminRoutes }],
  nav: [{ path: '/appuntamenti', label: 'appointments_admin.nav', rule: appointmentRules.manage, order: 50 }],
});
