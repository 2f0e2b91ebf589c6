// Meetings and webinars in the back office.
import { meetingRules } from '../../../domains/meetings/index.ts';
import { defineWebModule } from '../../modules.ts';
import { meetingAdminRoutes } from './routes.tsx';

export const module = defineWebModule({
  name: 'meetings',
  area: 'backoffice',
  mounts: [{ path: '/incontri', routes: meetingAdminRoutes }],
  nav: [{ path: '/incontri', label: 'meetings_admin.nav', rule: meetingRules.manage, order: 60 }],
});
