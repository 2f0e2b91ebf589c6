// The people the welcome team follows: cases, tasks, duplicates, and erasing a person.
import { caseRules } from '../../../domains/cases/index.ts';
import { defineWebModule } from '../../modules.ts';
import { caseAdminRoutes } from './routes.tsx';

export const module = defineWebModule({
  name: 'cases',
  area: 'backoffice',
  mounts: [{ path: '/casi', routes: caseAdminRoutes }],
  nav: [{ path: '/casi', label: 'cases_admin.nav', rule: caseRules.read, order: 70 }],
});
